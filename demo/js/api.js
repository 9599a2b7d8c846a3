// The demo's only way to the server stub. The reviewer token lives in this module's
// memory alone: never in storage, a cookie or a URL.

/** The demo's own code, for a fetch that got no answer at all from the stub. */
export const STUB_UNREACHABLE = 'stub_unreachable';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

let reviewerToken = null;

export function signIn(token) { reviewerToken = token; }
export function signOut() { reviewerToken = null; }
export function isSignedIn() { return reviewerToken !== null; }

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (reviewerToken) headers.Authorization = `Bearer ${reviewerToken}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, STUB_UNREACHABLE, 'The review server cannot be reached.');
  }
  let payload = null;
  try {
    payload = await response.json();
  } catch {
    // A proxy error page or an empty answer: reported below by status.
  }
  if (!response.ok) {
    const error = payload && payload.error ? payload.error : {};
    throw new ApiError(response.status, error.code || `http_${response.status}`,
      error.message || `The review server answered ${response.status}.`);
  }
  return payload;
}

const sessionPath = (id) => `/api/verification-sessions/${encodeURIComponent(id)}`;

export const whoAmI = () => call('GET', '/api/me');
export const listSessions = () => call('GET', '/api/verification-sessions');
export const getSummary = (id, include = []) =>
  call('GET', include.length ? `${sessionPath(id)}?include=${include.join(',')}` : sessionPath(id));
export const getImageLinks = (id) => call('POST', `${sessionPath(id)}/image-links`, {});
export const redactSession = (id) => call('POST', `${sessionPath(id)}/redact`, {});
