#!/usr/bin/env node
// Server stub benchmark on loopback against the built-in emulator; prints figures.
//  1. Bundle latency: POST image-links for a 4-image session (ID card front + back, selfie
//     document + face) with the emulator answering every call after 50 ms; median of 20.
//     Target ≤ 2.2 × 50 ms: one session retrieve, then all FileLinks at once.
//  2. Throughput: wrk on the same route with emulator latency 0, for 30 s (BENCH_SECONDS)
//     at 16 and at 256 connections (BENCH_CONNECTIONS): requests/s, p50, p99, errors
//     (non-2xx answers and socket errors; target 0), how many connections the stub leaves
//     waiting unread (which wrk does not see), and the stub's peak RSS (VmHWM).
//  3. Slow clients: the stub's RSS before and while 1,000 connections are open that each send
//     one header line every 3 s and never finish their head, and the time another client
//     waits for GET /healthz meanwhile.
// Uses the binaries of build/host (or $IIV_BUILD_DIR): run `npm run build` first.
// With IIV_BASELINE_BUILD=<build dir of commit 4c55e90>, the last stub on cpp-httplib, the
// same figures are taken from that stub too, against the same emulator in the same run, and
// printed beside the current ones with their ratio.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { builtinKeys, seedSessions, startEmulator } from '../../scripts/harness/emulator-process.mjs';
import { connect, exchange, rssKiB } from '../../scripts/harness/raw-http.mjs';
import { startStub, stubBinaryPath } from '../../scripts/harness/stub-process.mjs';

const SESSION = seedSessions.idCardWithSelfie;
const KEY = builtinKeys.fullAccess;
const TOKEN = 'bench-reviewer-token';
const LATENCY_MS = 50;
const SAMPLES = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTION_COUNTS = (process.env.BENCH_CONNECTIONS ?? '16,256').split(',').map(Number);
const SLOW_CLIENTS = 1000;
const SLOW_LINE_INTERVAL_MS = 3000;
// The slow clients come from addresses other than wrk's (127.0.0.1), no more of them per
// address than the stub's default cap (64) lets in, so all of them are held open.
const SLOW_CLIENTS_PER_ADDRESS = 63;
const HEALTHZ_TIMEOUT_MS = 3000;
const BASELINE_COMMIT = '4c55e90';

// The bench measures the HTTP layer and the bundle pipeline, not the abuse limits, and one
// reviewer asking for thousands of bundles a second from one address trips them. Left at
// their defaults: the deadlines and caps the slow clients meet, and the sign-in throttle,
// which counts only failed sign-ins (the bench always signs in).
const BENCH_LIMITS = [
  '--reviewer-bundles-per-minute', '0',  // 0: no per-reviewer bundle rate
  // wrk's connections all come from 127.0.0.1, and the bench's own fetches beside them.
  '--max-connections-per-address', String(Math.max(...CONNECTION_COUNTS) + 16),
  '--stripe-budget', 'off',  // the emulator runs without Stripe's rate limits
];

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
// The machine may be shared: its load goes beside the figures.
const load = () => `load average ${loadavg().map((figure) => figure.toFixed(2)).join(', ')} on ${availableParallelism()} cores`;

/** wrk's durations ("812.00us", "7.50ms", "1.20s") in milliseconds. */
function wrkMilliseconds(text) {
  const [, value, unit] = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  return Number(value) * { us: 1e-3, ms: 1, s: 1e3, m: 60e3 }[unit];
}

async function bundleLatency(stubUrl) {
  const post = async () => {
    const started = performance.now();
    const res = await fetch(`${stubUrl}/api/verification-sessions/${SESSION}/image-links`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    const body = await res.json();
    const elapsed = performance.now() - started;
    if (res.status !== 200 || body.images.length !== 4) throw new Error(`bundle: ${res.status} ${JSON.stringify(body)}`);
    return elapsed;
  };
  for (let i = 0; i < 2; i += 1) await post();  // warm the connection pools
  const times = [];
  for (let i = 0; i < SAMPLES; i += 1) times.push(await post());
  return times.sort((a, b) => a - b);
}

/**
 * How many connections to `port` are left waiting: established with bytes the server has
 * not read (accepted or still in its accept queue), or not even connected (SYN sent).
 * wrk 4.1 counts a request nowhere, neither in the latency nor as an error, until it is
 * answered, so a server that serves some connections and leaves the rest waiting would
 * look fast; this is sampled from the kernel's table during the run instead.
 */
function connectionsLeftWaiting(port) {
  const portOf = (address) => parseInt(address.split(':')[1], 16);
  let waiting = 0;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, local, remote, state, queues] = line.trim().split(/\s+/);
    if (!queues) continue;
    const unreadBytes = parseInt(queues.split(':')[1], 16);
    const established = state === '01';
    const synSent = state === '02';
    if ((established && portOf(local) === port && unreadBytes > 0) || (synSent && portOf(remote) === port)) waiting += 1;
  }
  return waiting;
}

async function throughput(stubUrl, connections) {
  const dir = await mkdtemp(path.join(tmpdir(), 'iiv-bench-'));
  const script = path.join(dir, 'image-links.lua');
  await writeFile(script, [
    'wrk.method = "POST"',
    'wrk.body = "{}"',
    'wrk.headers["Content-Type"] = "application/json"',
    `wrk.headers["Authorization"] = "Bearer ${TOKEN}"`,
  ].join('\n'));
  const waitingSamples = [];
  const sampler = setInterval(() => waitingSamples.push(connectionsLeftWaiting(Number(new URL(stubUrl).port))), 1000);
  let stdout;
  try {
    ({ stdout } = await promisify(execFile)('wrk', ['-t2', `-c${connections}`, `-d${SECONDS}s`, '--latency', '-s', script,
      `${stubUrl}/api/verification-sessions/${SESSION}/image-links`], { maxBuffer: 1 << 20 }));
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }
  const grab = (re) => stdout.match(re)?.[1];
  const socketErrors = Object.fromEntries(['connect', 'read', 'write', 'timeout']
    .map((kind) => [kind, Number(grab(new RegExp(`Socket errors:.*\\b${kind} (\\d+)`)) ?? 0)]));
  const non2xx = Number(grab(/Non-2xx or 3xx responses: (\d+)/) ?? 0);
  return {
    connections,
    requestsPerSecond: Number(grab(/Requests\/sec:\s+([\d.]+)/)),
    p50: grab(/\s50%\s+(\S+)/),
    p99: grab(/\s99%\s+(\S+)/),
    total: Number(grab(/(\d+) requests in/)),
    non2xx,
    socketErrors,
    errors: non2xx + Object.values(socketErrors).reduce((sum, count) => sum + count, 0),
    waitingMean: waitingSamples.reduce((sum, count) => sum + count, 0) / Math.max(1, waitingSamples.length),
    waitingMax: Math.max(0, ...waitingSamples),
  };
}

/** One GET /healthz on a fresh connection from 127.0.0.1: milliseconds, or null without an answer. */
async function healthzMilliseconds(stubUrl) {
  const started = performance.now();
  const { response } = await exchange(stubUrl, `GET /healthz HTTP/1.1\r\nHost: ${new URL(stubUrl).host}\r\nConnection: close\r\n\r\n`,
    { localAddress: '127.0.0.1', timeoutMs: HEALTHZ_TIMEOUT_MS });
  return response?.status === 200 ? performance.now() - started : null;
}

/**
 * Opens SLOW_CLIENTS connections from 127.0.0.2, 127.0.0.3, … that start a request head and
 * add one header line every SLOW_LINE_INTERVAL_MS, never ending it. Once every one has added
 * a line: the stub's RSS, how many are still open, and three /healthz from 127.0.0.1.
 */
async function slowClients(stubUrl, pid) {
  const rssBefore = rssKiB(pid);
  const requestStart = `GET /healthz HTTP/1.1\r\nHost: ${new URL(stubUrl).host}\r\n`;
  const clients = [];
  // One clock for all, started first: no connection waits longer than the interval for its
  // next line, however long opening the others takes.
  let line = 0;
  const drip = setInterval(() => {
    line += 1;
    for (const { socket, done } of clients) if (!done) socket.write(`X-Slow-${line}: ${line}\r\n`);
  }, SLOW_LINE_INTERVAL_MS);
  try {
    for (let i = 0; i < SLOW_CLIENTS; i += 1) {
      const localAddress = `127.0.0.${2 + Math.floor(i / SLOW_CLIENTS_PER_ADDRESS)}`;
      const client = { socket: await connect(stubUrl, { localAddress }), done: false };
      client.socket.on('data', () => { client.done = true; });  // answered (refused): no longer slow
      client.socket.on('close', () => { client.done = true; });
      client.socket.on('error', () => {});
      client.socket.write(requestStart);
      clients.push(client);
    }
    await sleep(SLOW_LINE_INTERVAL_MS + 500);
    const rssWith = rssKiB(pid);
    const open = clients.filter(({ done }) => !done).length;
    const healthz = [];
    for (let i = 0; i < 3; i += 1) healthz.push(await healthzMilliseconds(stubUrl));
    return { rssBefore, rssWith, open, healthz, addresses: Math.ceil(SLOW_CLIENTS / SLOW_CLIENTS_PER_ADDRESS) };
  } finally {
    clearInterval(drip);
    for (const { socket } of clients) socket.destroy();
  }
}

/** Figures 1–3 for one stub binary, against `emulator` (left at latency 0). */
async function measure({ label, binary, extraArgs }, emulator) {
  console.log(`${label}:`);
  await emulator.admin.config({ latency_ms: LATENCY_MS });
  const stub = await startStub({ binary, stripeBaseUrl: emulator.apiBase, filesHost: emulator.filesBase, key: KEY,
    reviewers: [{ id: 'rev_bench', token: TOKEN, roles: ['view'] }], extraArgs });
  try {
    const times = await bundleLatency(stub.url);
    const median = (times[SAMPLES / 2 - 1] + times[SAMPLES / 2]) / 2;
    console.log(`  bundle latency, 4 images, emulator latency ${LATENCY_MS} ms, ${SAMPLES} runs:`);
    console.log(`    median ${median.toFixed(1)} ms (target ≤ ${(2.2 * LATENCY_MS).toFixed(0)} ms: ${median <= 2.2 * LATENCY_MS ? 'met' : 'MISSED'}),` +
      ` min ${times[0].toFixed(1)} ms, p90 ${quantile(times, 0.9).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`);

    await emulator.admin.config({ latency_ms: 0 });
    const runs = [];
    for (const connections of CONNECTION_COUNTS) {
      const run = await throughput(stub.url, connections);
      const { connect: refused, read, write, timeout } = run.socketErrors;
      console.log(`  image-links, wrk -t2 -c${connections} ${SECONDS} s, emulator latency 0:`);
      console.log(`    ${run.requestsPerSecond.toFixed(0)} requests/s (${run.total} bundles), p50 ${run.p50}, p99 ${run.p99}`);
      console.log(`    errors: ${run.errors} (target 0): ${run.non2xx} non-2xx; socket errors: connect ${refused}, read ${read},` +
        ` write ${write}, timeout ${timeout}`);
      console.log(`    connections left waiting unread (wrk counts them nowhere): mean ${run.waitingMean.toFixed(0)},` +
        ` max ${run.waitingMax} of ${connections} (1 s samples)`);
      runs.push(run);
    }
    const peakRss = Number(/VmHWM:\s+(\d+)/.exec(await readFile(`/proc/${stub.pid}/status`, 'utf8'))[1]);
    console.log(`  stub peak RSS (VmHWM) after the wrk runs: ${mib(peakRss)}`);

    const slow = await slowClients(stub.url, stub.pid);
    const answered = slow.healthz.filter((ms) => ms !== null);
    console.log(`  ${SLOW_CLIENTS.toLocaleString('en')} slow-header connections (one line every ${SLOW_LINE_INTERVAL_MS / 1000} s, from ${slow.addresses}` +
      ` addresses of 127.0.0.0/8, ≤ ${SLOW_CLIENTS_PER_ADDRESS} each), ${slow.open} still open when measured:`);
    console.log(`    stub RSS ${mib(slow.rssBefore)} before, ${mib(slow.rssWith)} with them open`);
    console.log(`    GET /healthz from 127.0.0.1 meanwhile: ${slow.healthz.map((ms) => (ms === null ? `no answer in ${HEALTHZ_TIMEOUT_MS} ms` :
      `${ms.toFixed(1)} ms`)).join(', ')} (${answered.length} of ${slow.healthz.length} answered)`);
    return { median, runs, peakRss, slow };
  } finally {
    await stub.stop();
  }
}

function printComparison(current, baseline) {
  const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
  const rows = [['bundle latency median (50 ms emulator)', `${current.median.toFixed(1)} ms`, `${baseline.median.toFixed(1)} ms`,
    ratio(current.median, baseline.median)]];
  current.runs.forEach((run, i) => {
    const old = baseline.runs[i];
    rows.push([`requests/s, wrk -c${run.connections}`, run.requestsPerSecond.toFixed(0), old.requestsPerSecond.toFixed(0),
      ratio(run.requestsPerSecond, old.requestsPerSecond)]);
    rows.push([`p99, wrk -c${run.connections}`, run.p99, old.p99, ratio(wrkMilliseconds(run.p99), wrkMilliseconds(old.p99))]);
    rows.push([`errors, wrk -c${run.connections}`, String(run.errors), String(old.errors), '']);
    rows.push([`connections left waiting (mean), wrk -c${run.connections}`, run.waitingMean.toFixed(0), old.waitingMean.toFixed(0), '']);
  });
  rows.push(['peak RSS after the wrk runs', mib(current.peakRss), mib(baseline.peakRss), ratio(current.peakRss, baseline.peakRss)]);
  rows.push([`RSS with ${SLOW_CLIENTS.toLocaleString('en')} slow connections`, mib(current.slow.rssWith), mib(baseline.slow.rssWith),
    ratio(current.slow.rssWith, baseline.slow.rssWith)]);
  const healthz = ({ slow }) => `${slow.healthz.filter((ms) => ms !== null).length} of ${slow.healthz.length} answered`;
  rows.push(['/healthz during the slow connections', healthz(current), healthz(baseline), '']);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length), 12));
  console.log(`comparison, same machine, same run, same emulator (current / old = the ratio):`);
  console.log(`  ${'figure'.padEnd(widths[0])}  ${'current'.padStart(widths[1])}  ${`old ${BASELINE_COMMIT}`.padStart(widths[2])}  current/old`);
  for (const [name, now, then, nowOverThen] of rows) {
    console.log(`  ${name.padEnd(widths[0])}  ${now.padStart(widths[1])}  ${then.padStart(widths[2])}  ${nowOverThen}`);
  }
}

const baselineBuild = process.env.IIV_BASELINE_BUILD;
const baselineBinary = baselineBuild && path.join(path.resolve(baselineBuild), 'server-stub', 'stub', 'iiv-server-stub');
if (baselineBinary && !existsSync(baselineBinary)) throw new Error(`IIV_BASELINE_BUILD: ${baselineBinary} is not built`);

const emulator = await startEmulator({ latencyMs: LATENCY_MS, rateLimits: 'off', warmImages: false, quiet: true });
console.log(`start: ${load()}`);
try {
  const current = await measure({ label: 'current stub (Boost.Beast front door)', binary: stubBinaryPath(), extraArgs: BENCH_LIMITS }, emulator);
  if (!baselineBinary) {
    console.log(`comparison with the old HTTP layer (cpp-httplib, commit ${BASELINE_COMMIT}): build that commit outside the tree and set` +
      ` IIV_BASELINE_BUILD to its build dir (see server-stub/stub/README.md, "Tests and benchmark")`);
  } else {
    // The old stub has none of the limits above, and the same defaults for the rest
    // (32 worker threads, 16 connections to Stripe).
    const baseline = await measure({ label: `old stub (cpp-httplib, ${BASELINE_COMMIT}: ${baselineBinary})`, binary: baselineBinary, extraArgs: [] }, emulator);
    printComparison(current, baseline);
  }
} finally {
  console.log(`end: ${load()}`);
  await emulator.stop();
}
