// The real server stub (C++ binary iiv-server-stub) for the demo tests and benchmarks:
// spawned on loopback port 0 with a reviewers file (only token digests) and a key file in
// a fresh temp folder, ready once it prints its {"event":"listening","url":…} line.
// With $IIV_TEST_LOG_DIR set, stop() first keeps its stderr and audit log there, with the
// tokens and keys it was given, for the whole-suite secret sweep (log-keeper.mjs).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitForListening } from '../../server-stub/launch/listening-line.mjs';
import { keepMetricsText, keepTestLogs, keepTestLogsSync } from './log-keeper.mjs';
import { REPO_ROOT, hostBuildPath, killOnExit } from './server-child.mjs';

/** The stub binary: $IIV_BUILD_DIR (default build/host)/server-stub/stub/iiv-server-stub. */
export function stubBinaryPath() {
  return hostBuildPath('server-stub', 'stub', 'iiv-server-stub');
}

export const sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Starts the stub.
 * @param {{
 *   stripeBaseUrl: string,                 // the emulator's api_base
 *   key?: string, keyFile?: string,        // a key (written to a key file here) or an existing key file
 *   reviewers: {id: string, token: string, roles: string[]}[],
 *   statics?: Record<string, string> | string[],  // {'/': 'demo'} or ['/=demo']; folders relative to the repo
 *   corsOrigins?: string[],
 *   filesHost?: string,                    // --files-host: where FileLink URLs may point (the emulator's filesBase)
 *   allowSensitive?: string[],             // dob, id_number, document_number, expiration_date
 *   images?: boolean,
 *   linkLifetimeSeconds?: number,
 *   metricsPort?: number,
 *   extraArgs?: string[],
 *   binary?: string,                       // program path (default: stubBinaryPath()), e.g. another commit's build
 *   startTimeoutMs?: number,
 * }} options
 * @returns {Promise<{url: string, metricsUrl?: string, auditLogPath: string, stderrPath: string, keyFile: string,
 *   pid: number, writeKey: (key: string) => Promise<void>, reloadKey: () => void, log: () => Promise<string>,
 *   metrics: (token?: string) => Promise<string>, stop: () => Promise<void>}>}
 *   metrics(): the Prometheus text, from the metrics port (with metricsPort) or from /metrics
 *   with an operator's token; kept for the secret sweep like the logs.
 */
export async function startStub(options) {
  const { stripeBaseUrl, reviewers, statics = [], corsOrigins = [], filesHost, allowSensitive, images,
    linkLifetimeSeconds, metricsPort, extraArgs = [], binary = stubBinaryPath(), startTimeoutMs = 30_000 } = options;
  if (!stripeBaseUrl) throw new Error('startStub: stripeBaseUrl is required (the emulator api_base)');
  if (!options.key && !options.keyFile) throw new Error('startStub: give key or keyFile');
  if (!existsSync(binary)) throw new Error(`startStub: ${binary} is not built (npm run build, or set IIV_BUILD_DIR)`);

  const dir = await mkdtemp(path.join(tmpdir(), 'iiv-stub-'));
  const reviewersPath = path.join(dir, 'reviewers.json');
  const auditLogPath = path.join(dir, 'audit.jsonl');
  const stderrPath = path.join(dir, 'stub.stderr');
  const keyFile = options.keyFile ?? path.join(dir, 'stripe.key');
  // What the logs must never show: kept beside them for the sweep.
  const secrets = new Set(reviewers.map(({ token }) => token));
  if (options.key) secrets.add(options.key);
  if (options.keyFile && existsSync(options.keyFile)) secrets.add(readFileSync(options.keyFile, 'utf8').trim());
  const logFiles = [{ path: stderrPath, name: 'stub.stderr' }, { path: auditLogPath, name: 'audit.jsonl' }];
  const keepLogs = () => keepTestLogs({ kind: 'stub', files: logFiles, secrets });
  const keepLogsSync = () => keepTestLogsSync({ kind: 'stub', files: logFiles, secrets });
  await writeFile(reviewersPath, JSON.stringify({
    reviewers: reviewers.map(({ id, token, roles }) => ({ id, token_sha256: sha256Hex(token), roles })),
  }));
  const writeKey = async (key) => {
    secrets.add(key);
    const partial = `${keyFile}.partial`;
    await writeFile(partial, `${key}\n`, { mode: 0o600 });
    await rename(partial, keyFile);
  };
  if (options.key) await writeKey(options.key);

  const mounts = Array.isArray(statics) ? statics : Object.entries(statics).map(([mount, folder]) => `${mount}=${folder}`);
  const args = ['--host', '127.0.0.1', '--port', '0', '--stripe-base-url', stripeBaseUrl, '--key-file', keyFile,
    '--reviewers', reviewersPath, '--audit-log', auditLogPath];
  for (const mount of mounts) {
    const [prefix, folder] = [mount.slice(0, mount.indexOf('=')), mount.slice(mount.indexOf('=') + 1)];
    args.push('--static', `${prefix}=${path.resolve(REPO_ROOT, folder)}`);
  }
  for (const origin of corsOrigins) args.push('--cors-origin', origin);
  if (filesHost) args.push('--files-host', filesHost);
  if (allowSensitive) args.push('--allow-sensitive', allowSensitive.length ? allowSensitive.join(',') : 'none');
  if (images !== undefined) args.push('--images', images ? 'on' : 'off');
  if (linkLifetimeSeconds !== undefined) args.push('--link-lifetime-s', String(linkLifetimeSeconds));
  if (metricsPort !== undefined) args.push('--metrics-port', String(metricsPort));
  args.push(...extraArgs);

  const stderrHandle = await open(stderrPath, 'a');
  const env = { ...process.env };
  delete env.STRIPE_API_KEY;  // the key file is the only source
  const child = spawn(binary, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', stderrHandle.fd] });
  // A stub still running when the test process exits is killed, its logs kept first.
  const exited = killOnExit(child, keepLogsSync);

  const cleanup = async () => {
    await stderrHandle.close().catch(() => {});
    await keepLogs();
    await rm(dir, { recursive: true, force: true });
  };
  const log = () => readFile(stderrPath, 'utf8').catch(() => '');

  let listening;
  try {
    listening = await waitForListening(child, { timeoutMs: startTimeoutMs });
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    const text = await log();
    await cleanup();
    throw new Error(`iiv-server-stub did not start: ${error.message}\n${text}`, { cause: error });
  }

  let stopped = false;
  return {
    url: listening.url,
    metricsUrl: listening.metrics_url,
    auditLogPath,
    stderrPath,
    keyFile,
    pid: child.pid,
    writeKey,
    reloadKey: () => child.kill('SIGHUP'),
    log,
    async metrics(token) {
      const source = listening.metrics_url ?? listening.url;
      if (!listening.metrics_url && !token) throw new Error('metrics(): give an operator token, or start with metricsPort');
      const response = await fetch(`${source}/metrics`, {
        headers: listening.metrics_url ? {} : { Authorization: `Bearer ${token}` },
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${text}`);
      await keepMetricsText(text, token ? [token] : []);
      return text;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      await cleanup();
    },
  };
}
