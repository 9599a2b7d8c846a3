// Every failure the viewer reports is a ViewerError with a stable `code` that pages
// can switch on, and a plain message for people. Messages never carry a whole
// FileLink URL: the URL is a bearer token, so at most its scheme and host appear.

export const ERROR_CODES = Object.freeze([
  'bad_json',
  'bad_bundle',
  'unknown_role',
  'insecure_url',
  'host_not_allowed',
  'link_expired',
  'link_lifetime_too_long',
  'too_large',
  'too_many_pixels',
  'not_an_image',
  'truncated_image',
  'cors_blocked',
  'timeout',
  'http_error',
  'network_error',
  'decode_failed',
  'aborted',
]);

export class ViewerError extends Error {
  /**
   * @param {string} code one of ERROR_CODES
   * @param {string} message
   * @param {{cause?: unknown, status?: number}} [details]
   */
  constructor(code, message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ViewerError';
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
  }
}

/** The part of a URL that is safe to show: scheme and host, never path or query. */
export function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}
