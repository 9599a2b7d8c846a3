#!/usr/bin/env node
// Server stub benchmark on loopback against the built-in emulator; prints figures.
//  1. Bundle latency: POST image-links for a 4-image session (ID card front + back, selfie
//     document + face) with the emulator answering every call after 50 ms; median of 20.
//     Target ≤ 2.2 × 50 ms: one session retrieve, then all FileLinks at once.
//  2. Throughput: wrk on the same route with emulator latency 0 for 30 s (BENCH_SECONDS):
//     requests/s, p50, p99, errors (target 0), and the stub's peak RSS (VmHWM).
// Uses the binaries of build/host (or $IIV_BUILD_DIR): run `npm run build` first.
import { execFile } from 'node:child_process';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { builtinKeys, seedSessions, startEmulator } from '../../tests/js/support/emulator-process.mjs';
import { startStub } from '../../tests/js/support/stub-process.mjs';

const SESSION = seedSessions.idCardWithSelfie;
const KEY = builtinKeys.fullAccess;
const TOKEN = 'bench-reviewer-token';
const LATENCY_MS = 50;
const SAMPLES = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

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

async function throughput(stubUrl, pid) {
  const dir = await mkdtemp(path.join(tmpdir(), 'iiv-bench-'));
  const script = path.join(dir, 'image-links.lua');
  await writeFile(script, [
    'wrk.method = "POST"',
    'wrk.body = "{}"',
    'wrk.headers["Content-Type"] = "application/json"',
    `wrk.headers["Authorization"] = "Bearer ${TOKEN}"`,
  ].join('\n'));
  const { stdout } = await promisify(execFile)('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', '-s', script,
    `${stubUrl}/api/verification-sessions/${SESSION}/image-links`], { maxBuffer: 1 << 20 });
  await rm(dir, { recursive: true, force: true });
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const grab = (re) => stdout.match(re)?.[1];
  return {
    requestsPerSecond: Number(grab(/Requests\/sec:\s+([\d.]+)/)),
    p50: grab(/\s50%\s+(\S+)/),
    p99: grab(/\s99%\s+(\S+)/),
    total: Number(grab(/(\d+) requests in/)),
    non2xx: Number(grab(/Non-2xx or 3xx responses: (\d+)/) ?? 0),
    socketErrors: grab(/Socket errors: (.*)/) ?? 'none',
    peakRss: status.match(/VmHWM:\s+(.*)/)[1].trim(),
  };
}

const emulator = await startEmulator({ latencyMs: LATENCY_MS, warmImages: false, quiet: true });
const stub = await startStub({ stripeBaseUrl: emulator.apiBase, key: KEY, reviewers: [{ id: 'rev_bench', token: TOKEN, roles: ['view'] }] });
try {
  const times = await bundleLatency(stub.url);
  const median = (times[9] + times[10]) / 2;
  console.log(`bundle latency, 4 images, emulator latency ${LATENCY_MS} ms, ${SAMPLES} runs:`);
  console.log(`  median ${median.toFixed(1)} ms (target ≤ ${(2.2 * LATENCY_MS).toFixed(0)} ms: ${median <= 2.2 * LATENCY_MS ? 'met' : 'MISSED'}),` +
    ` min ${times[0].toFixed(1)} ms, p90 ${quantile(times, 0.9).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`);

  await emulator.admin.config({ latency_ms: 0 });
  const figures = await throughput(stub.url, stub.pid);
  console.log(`throughput, wrk -t2 -c${CONNECTIONS} ${SECONDS} s, emulator latency 0 (emulator, stub and wrk share the machine's cores):`);
  console.log(`  ${figures.requestsPerSecond.toFixed(0)} requests/s (${figures.total} bundles), p50 ${figures.p50}, p99 ${figures.p99}`);
  console.log(`  errors: ${figures.non2xx} non-2xx, socket errors: ${figures.socketErrors} (target 0)`);
  console.log(`  stub peak RSS (VmHWM): ${figures.peakRss}`);
} finally {
  await stub.stop();
  await emulator.stop();
}
