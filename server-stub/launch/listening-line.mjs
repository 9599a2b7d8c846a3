// Both servers announce readiness with one JSON line on stdout:
//   {"event":"listening", ...addresses}
// This resolves with that object, or rejects if the process exits, stays silent or prints
// something else first, so callers never guess with sleeps. Used by `npm start` and by the
// tests' server launchers.
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
    // The listening line is the first line on stdout: anything else breaks the contract.
    function onLine(line) {
      let message = null;
      try { message = JSON.parse(line); } catch { /* reported below */ }
      if (message && message.event === 'listening') finish(null, message);
      else finish(new Error(`unexpected first line: ${line.slice(0, 200)}`));
    }
    lines.on('line', onLine);
    child.once('exit', onExit);
  });
}
