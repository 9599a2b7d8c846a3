// Starts the built-in Stripe emulator (the iiv-stripe-emulator program) for a test, and
// stops it again. Other suites (demo, server stub, stripe-node) and the server benchmark
// share it:
//
//   const emulator = await startEmulator({ latencyMs: 50, filesCors: false });
//   // emulator.apiBase, emulator.filesBase, emulator.keys.fullAccess, emulator.admin.stats()
//   await emulator.stop();
//
// The program is build/host/server-stub/emulator/iiv-stripe-emulator, or the same path
// under $IIV_BUILD_DIR. With $IIV_TEST_LOG_DIR set, its stderr is kept there when it stops
// (or when the test process exits), for the whole-suite secret sweep (log-keeper.mjs).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinKeys, seedSessions } from '../../server-stub/launch/emulator-builtins.mjs';
import { waitForListening } from '../../server-stub/launch/listening-line.mjs';
import { keepTestLogs, keepTestLogsSync } from './log-keeper.mjs';
import { hostBuildPath, killOnExit } from './server-child.mjs';

// The built-in keys and seeded sessions, as the emulator's headers define them.
export { builtinKeys, seedSessions };

export function emulatorBinaryPath() {
  return hostBuildPath('server-stub', 'emulator', 'iiv-stripe-emulator');
}

// Key-file entries may carry a "name" (ignored by the emulator): `keys[name]` is then that
// entry's key; unnamed entries appear under their own key string.
function keysOf(keysFile) {
  if (!keysFile) return builtinKeys;
  const document = JSON.parse(readFileSync(keysFile, 'utf8'));
  const entries = Array.isArray(document) ? document : document.keys;
  return Object.freeze(Object.fromEntries(entries.map((entry) => [entry.name ?? entry.key, entry.key])));
}

function argsOf(options) {
  const args = ['--host', options.host ?? '127.0.0.1', '--port', String(options.port ?? 0),
    '--files-port', String(options.filesPort ?? 0)];
  if (options.latencyMs !== undefined) args.push('--latency-ms', String(options.latencyMs));
  if (options.faultRate !== undefined) args.push('--fault-rate', String(options.faultRate));
  if (options.faults !== undefined) {
    args.push('--faults', Array.isArray(options.faults) ? options.faults.join(',') : String(options.faults));
  }
  if (options.filesCors !== undefined) {
    const on = options.filesCors === true || options.filesCors === 'on';
    args.push('--files-cors', on ? 'on' : 'off');
  }
  if (options.keysFile) args.push('--keys', options.keysFile);
  if (options.redactionDelayMs !== undefined) args.push('--redaction-delay-ms', String(options.redactionDelayMs));
  if (options.rateLimits !== undefined) args.push('--rate-limits', String(options.rateLimits));
  if (options.warmImages === false) args.push('--no-warm-images');
  if (options.quiet) args.push('--quiet');
  return [...args, ...(options.extraArgs ?? [])];
}

/**
 * @param {object} [options]
 * @param {number} [options.latencyMs]      added latency per API request
 * @param {boolean|'on'|'off'} [options.filesCors]  CORS on the files host (default on)
 * @param {string} [options.keysFile]       JSON key file (default: the built-in keys)
 * @param {number} [options.faultRate]      0..1
 * @param {string|string[]} [options.faults]  among '429', '500', 'drop'
 * @param {number} [options.redactionDelayMs]
 * @param {'off'|'sandbox'|'live'} [options.rateLimits]  enforce Stripe's documented rate limits
 * @param {number} [options.port]           API port (default 0: any free port)
 * @param {number} [options.filesPort]      files host port (default 0)
 * @param {boolean} [options.warmImages]    false: render seed images only on demand
 * @param {boolean} [options.quiet]         no request log
 * @param {string} [options.binary]         program path (default: emulatorBinaryPath())
 * @param {number} [options.startTimeoutMs] default 15000
 * @returns {Promise<{apiBase: string, filesBase: string, keys: object, seedSessions: object,
 *   admin: object, stderr: () => string, pid: number, stop: () => Promise<number|null>}>}
 */
export async function startEmulator(options = {}) {
  const binary = options.binary ?? emulatorBinaryPath();
  if (!existsSync(binary)) {
    throw new Error(`the emulator is not built: ${binary} (run npm run build, or set IIV_BUILD_DIR)`);
  }
  const keys = keysOf(options.keysFile);
  const child = spawn(binary, argsOf(options), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  // Keys from a key file or rolled in are secrets the log must not show (the sweep knows
  // the built-in ones).
  const secrets = new Set(options.keysFile ? Object.values(keys) : []);
  const logsToKeep = () => ({ kind: 'emulator', texts: [{ name: 'emulator.stderr', text: stderr }], secrets });
  const exited = killOnExit(child, () => keepTestLogsSync(logsToKeep()));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });

  // 'close' comes after 'exit', once stderr has delivered its last bytes.
  const stderrEnded = new Promise((resolve) => child.once('close', resolve));

  let listening;
  try {
    listening = await waitForListening(child, { timeoutMs: options.startTimeoutMs ?? 15000 });
  } catch (error) {
    child.kill('SIGKILL');
    await stderrEnded;
    await keepTestLogs(logsToKeep()).catch(() => {});
    throw new Error(`the emulator did not start: ${error.message}\n${stderr}`, { cause: error });
  }
  const apiBase = listening.api_base;

  async function adminCall(method, route, body) {
    const response = await fetch(`${apiBase}/_emulator/${route}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`emulator admin ${route}: ${answer.error?.message ?? response.status}`);
    return answer;
  }

  let stopping;
  return {
    apiBase,
    filesBase: listening.files_base,
    keys,
    seedSessions,
    pid: child.pid,
    stderr: () => stderr,
    admin: {
      config: (patch) => (patch === undefined ? adminCall('GET', 'config') : adminCall('POST', 'config', patch)),
      stats: () => adminCall('GET', 'stats'),
      resetStats: () => adminCall('POST', 'stats/reset', {}),
      rollKey: (key, replacement) => (replacement && secrets.add(replacement), adminCall('POST', 'keys/roll', replacement ? { key, replacement } : { key })),
      advanceClock: (seconds) => adminCall('POST', 'clock', { advance_seconds: seconds }),
      clock: () => adminCall('GET', 'clock'),
    },
    /** Stops the emulator (SIGTERM, then SIGKILL after 5 s); resolves to its exit code. */
    stop() {
      stopping ??= (async () => {
        let code = child.exitCode;
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
          ({ code } = await exited);
          clearTimeout(killer);
        }
        await stderrEnded;
        await keepTestLogs(logsToKeep());
        return code;
      })();
      return stopping;
    },
  };
}
