// Every failure the viewer reports is a ViewerError with a stable `code` that pages
// can switch on, and a plain message for people. Messages never carry a whole
// FileLink URL: the URL is a bearer token, so at most its scheme and host appear.

// The codes are the core's (wasm/core/error_code.hpp), generated into core-facts.js.
export { ERROR_CODES } from './core-facts.js';

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
