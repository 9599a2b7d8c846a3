// After a CORS fetch failed with the opaque TypeError browsers give for "unreachable",
// "no CORS headers" and "redirected to a host without CORS headers" alike, two HEAD
// requests (no image bytes on the wire, nothing readable to wipe) tell them apart:
//  1. CORS mode, redirects not followed ('manual'): a host that sends CORS headers with
//     its redirect answers with an opaque redirect. That redirect leads to a host that
//     sends none (else the first fetch would have worked), and an <img> would follow it
//     there blindly, so it is refused.
//  2. 'no-cors' mode: resolves with an opaque response whenever the host answered at all
//     (whatever the status), and rejects only when the network failed. Browsers allow
//     only redirect 'follow' in this mode, so a host that sends no CORS headers at all
//     can still redirect the <img> unseen: the page's CSP img-src is the guard there.
const HEAD_REQUEST = Object.freeze({ method: 'HEAD', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });

/** @returns {Promise<'answers'|'redirects'|'unreachable'>} */
export async function probeHostWithoutCors(url, { fetch, signal }) {
  try {
    const response = await fetch(url, { ...HEAD_REQUEST, mode: 'cors', redirect: 'manual', signal });
    if (response.type === 'opaqueredirect') return 'redirects';
  } catch {
    if (signal.aborted) throw signal.reason;
  }
  try {
    await fetch(url, { ...HEAD_REQUEST, mode: 'no-cors', signal });
    return 'answers';
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    return 'unreachable';
  }
}
