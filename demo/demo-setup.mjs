// What `npm start` configures the server stub with, in one place: demo/start.mjs starts the
// demo with it and the demo tests' rig (tests/js/support/demo-rig.mjs) starts the same.
import { builtinKeys } from '../server-stub/launch/emulator-builtins.mjs';

// The emulator's built-in restricted key with the viewer's permissions plus Identity write
// for the Redact button (server-stub/emulator/README.md). Against real Stripe: your rk_ key file.
export const DEMO_KEY = builtinKeys.fullAccessRedact;
export const DEMO_REVIEWER_ID = 'rev_demo';
export const DEMO_ROLES = Object.freeze(['view', 'reveal', 'redact']);
export const DEMO_ALLOW_SENSITIVE = Object.freeze(['dob', 'id_number', 'document_number', 'expiration_date']);
// The page at "/", the package (its src/ and dist/) under /viewer.
export const DEMO_STATICS = Object.freeze(['/=demo', '/viewer=web']);
