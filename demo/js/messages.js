// Plain words for what can go wrong, keyed by the stable error codes of the server stub and
// of the viewer. Anything not listed (e.g. stripe_permission_missing, whose message names
// the permission) falls back to the plain message that came with the error.
import { STUB_UNREACHABLE } from './api.js';

const MESSAGES = {
  // Server stub (server-stub/stub/README.md lists every code)
  unauthenticated: 'Sign in with your reviewer token first.',
  forbidden: 'That reviewer token is not valid. Check it and try again.',
  role_missing: 'Your reviewer account may not do this.',
  images_disabled: 'This server is configured not to show images.',
  sensitive_field_not_allowed: 'This server is configured never to show that field.',
  session_not_found: 'This verification does not exist (any more).',
  report_not_ready: 'This verification has no result yet: the user has not finished it, so there are no images to show.',
  no_images: 'This verification has no images.',
  session_redacted: 'This verification was redacted: its images and personal data are gone for good.',
  image_unavailable: 'Stripe no longer has this image.',
  sensitive_window_expired: 'This verification was processed more than 48 hours ago. Its images and sensitive results can only be read with an IP-restricted key — ask your administrator.',
  secret_key_refused: 'The server is set up with a secret key. Stripe only shows these images and fields to a restricted key with the Identity and Files permissions — ask your administrator.',
  stripe_key_missing: 'The server has no Stripe key configured — ask your administrator.',
  stripe_key_invalid: 'The server\'s Stripe key was refused (it may have been rolled). Ask your administrator to install the current key.',
  stripe_rate_limited: 'Stripe is rate limiting requests. Wait a few seconds and try again.',
  stripe_unavailable: 'Stripe (here: the built-in emulator) cannot be reached right now. Try again in a moment.',
  stripe_timeout: 'Stripe (here: the built-in emulator) did not answer in time. Try again in a moment.',
  [STUB_UNREACHABLE]: 'The review server cannot be reached. Is it still running?',
  // Viewer
  link_expired: 'The image link expired before it could be used, and a fresh one expired too. Try "Show images" again.',
  link_lifetime_too_long: 'The image link was made to live longer than Stripe allows, so it was not opened.',
  host_not_allowed: 'The image link points to a host this page does not trust, so it was not opened.',
  insecure_url: 'The image link is not a secure (https) address, so it was not opened.',
  not_an_image: 'What arrived is not a JPEG, PNG or WebP image, so it was not shown.',
  too_many_pixels: 'The image is too large to show safely.',
  too_large: 'The image file is larger than allowed.',
  truncated_image: 'The image arrived incomplete.',
  timeout: 'The image took too long to arrive.',
  network_error: 'The image could not be downloaded.',
  cors_blocked: 'The files host refused the download.',
  decode_failed: 'The image could not be decoded.',
};

/** The codes that have words of their own here (tests/js/demo-messages.test.mjs checks each exists). */
export const DESCRIBED_CODES = Object.freeze(Object.keys(MESSAGES));

export function describeError(error) {
  if (error && error.code === 'aborted') return null; // a clear() we asked for, not a fault
  return MESSAGES[error?.code] ?? error?.message ?? 'Something went wrong.';
}
