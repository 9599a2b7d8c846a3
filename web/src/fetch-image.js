// Fetches image bytes from a FileLink: no cache, no cookies, no referrer, a byte limit
// enforced on Content-Length and while streaming, cancellation through an AbortSignal
// (whose reason, a ViewerError 'aborted' or 'timeout', is what the caller gets), and
// progress. A redirect is followed only to where the caller's check allows, decided on
// the final URL before a byte of the body is read. The bytes stay in the chunks the
// stream delivered, never concatenated.
import { ViewerError, originOf } from './errors.js';
import { wipeChunks } from './wipe.js';

const REQUEST = Object.freeze({
  method: 'GET',
  mode: 'cors',
  credentials: 'omit',
  cache: 'no-store',
  referrerPolicy: 'no-referrer',
});

// What a files host answers for a link that has expired or was revoked.
const EXPIRED_LINK_STATUSES = new Set([403, 404, 410]);

const rejectedBeforeResponse = Symbol('rejectedBeforeResponse');

/**
 * fetch() rejected without any response: either the host is unreachable or it sent
 * no CORS headers (the browser reports both as the same opaque TypeError).
 */
export function wasRejectedBeforeResponse(error) {
  return error?.[rejectedBeforeResponse] === true;
}

/**
 * @param {string} url
 * @param {{fetch: typeof fetch, signal: AbortSignal, maxBytes: number,
 *   checkRedirect: (finalUrl: string) => void,
 *   onProgress?: (received: number, total: number|null) => void,
 *   onChunk?: (chunks: Uint8Array[], received: number) => void}} options
 *   checkRedirect throws to refuse where a redirect led; onChunk may throw to refuse the
 *   file before the rest arrives.
 * @returns {Promise<{chunks: Uint8Array[], length: number}>} the caller wipes the chunks
 */
export async function fetchImageBytes(url, { fetch, signal, maxBytes, checkRedirect, onProgress, onChunk }) {
  let response;
  try {
    response = await fetch(url, { ...REQUEST, signal });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const failure = new ViewerError(
      'network_error',
      `The files host ${originOf(url)} could not be reached or did not allow the request (CORS)`,
      { cause: error },
    );
    failure[rejectedBeforeResponse] = true;
    throw failure;
  }

  const total = parseContentLength(response.headers.get('content-length'));
  const refusal = refusalOf(response, { url, total, maxBytes, checkRedirect });
  if (refusal) {
    response.body?.cancel().catch(() => {});
    throw refusal;
  }
  return readBody(response, { signal, maxBytes, total, onProgress, onChunk });
}

// Everything the headers alone decide, checked before any of the body is read.
function refusalOf(response, { url, total, maxBytes, checkRedirect }) {
  if (response.redirected) {
    try {
      checkRedirect(response.url);
    } catch (error) {
      return error;
    }
  }
  const { status } = response;
  if (EXPIRED_LINK_STATUSES.has(status)) {
    return new ViewerError('link_expired', `The files host answered HTTP ${status}: the link has expired or was revoked`, { status });
  }
  if (!response.ok) return new ViewerError('http_error', `The files host ${originOf(url)} answered HTTP ${status}`, { status });
  if (total !== null && total > maxBytes) return tooLarge(total, maxBytes);
  return null;
}

async function readBody(response, { signal, maxBytes, total, onProgress, onChunk }) {
  const chunks = [];
  if (!response.body) return { chunks, length: 0 };
  const reader = response.body.getReader();
  let received = 0;
  try {
    for (;;) {
      let step;
      try {
        step = await reader.read();
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (total !== null && received < total) {
          throw new ViewerError('truncated_image', `The connection closed after ${received} of ${total} bytes`, { cause: error });
        }
        throw new ViewerError('network_error', 'The connection failed while the image was arriving', { cause: error });
      }
      if (step.done) break;
      chunks.push(step.value);
      received += step.value.byteLength;
      if (received > maxBytes) throw tooLarge(received, maxBytes);
      onProgress?.(received, total);
      onChunk?.(chunks, received);
    }
    return { chunks, length: received };
  } catch (error) {
    reader.cancel().catch(() => {});
    wipeChunks(chunks);
    throw error;
  }
}

function tooLarge(bytes, maxBytes) {
  return new ViewerError('too_large', `The image is larger than the limit (${bytes} bytes or more, at most ${maxBytes})`);
}

function parseContentLength(header) {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}
