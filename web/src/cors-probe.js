// fetch() rejects with the same opaque TypeError whether the files host is down or
// answered without CORS headers. A HEAD request in 'no-cors' mode tells the two apart:
// it resolves with an opaque response whenever the host answered at all (whatever the
// status), and rejects only when the network failed. Nothing of the answer is
// readable, so nothing needs wiping; HEAD keeps the image bytes off the wire.
export async function hostAnswersWithoutCors(url, { fetch, signal }) {
  try {
    await fetch(url, {
      method: 'HEAD',
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal,
    });
    return true;
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    return false;
  }
}
