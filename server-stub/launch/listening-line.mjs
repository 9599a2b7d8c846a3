// Both servers announce readiness with one JSON line on stdout:
//   {"event":"listening", ...addresses}
// This resolves with that object, or rejects if the process exits (or stays silent)
// first, so callers never guess with sleeps.
import readline from 'node:readline';

export function waitForListening(child, { timeoutMs = 20000 } = {}) {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => finish(new Error(`no "listening" line within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code, signal) => finish(new Error(`exited before listening (${signal ?? `exit code ${code}`})`));
    function finish(error, value) {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.off('line', onLine);
      // Keep draining stdout so a chatty server never blocks on a full pipe.
      child.stdout.resume();
      if (error) reject(error); else resolve(value);
    }
    function onLine(line) {
      let message;
      try { message = JSON.parse(line); } catch { return; }
      if (message && message.event === 'listening') finish(null, message);
    }
    lines.on('line', onLine);
    child.once('exit', onExit);
  });
}
