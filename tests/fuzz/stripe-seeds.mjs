// Seeds for the fuzz targets that read Stripe's answers, made from Stripe's own example
// objects (tests/cpp/emulator/stripe-reference/), so the seeds follow the fixtures when
// they change. Usage: node tests/fuzz/stripe-seeds.mjs <folder>; writes one file per seed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = JSON.parse(
  readFileSync(join(here, '../cpp/emulator/stripe-reference/stripe-identity-fixtures.json'), 'utf8'),
).resources;
const session = fixtures['identity.verification_session'];
const report = fixtures['identity.verification_report'];

const seeds = {
  'verification-session.json': session,
  'verification-session-report-expanded.json': { ...session, last_verification_report: report },
  'verification-session-redacted.json': {
    ...session,
    redaction: { status: 'redacted' },
    last_verification_report: report,
  },
  'verification-report.json': report,
  'file.json': fixtures.file,
  'file-link.json': fixtures.file_link,
  'session-list.json': {
    object: 'list',
    url: '/v1/identity/verification_sessions',
    has_more: false,
    data: [session, { ...session, id: `${session.id}2`, status: 'requires_input' }],
  },
  'error-envelope.json': {
    error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such file', param: 'file' },
  },
};

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node tests/fuzz/stripe-seeds.mjs <folder>');
  process.exit(2);
}
mkdirSync(folder, { recursive: true });
for (const [name, object] of Object.entries(seeds)) writeFileSync(join(folder, name), JSON.stringify(object));
