#!/usr/bin/env node
// `npm start`: installs what is missing, builds what is not built, starts the built-in
// Stripe emulator and the server stub on loopback, and serves the reviewer demo.
// Ctrl-C stops everything it started and deletes the demo's key and reviewer files.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForListening } from '../server-stub/launch/listening-line.mjs';
import { DEMO_ALLOW_SENSITIVE, DEMO_KEY, DEMO_REVIEWER_ID, DEMO_ROLES, DEMO_STATICS } from './demo-setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 8787);
const buildDir = path.join(root, 'build', 'host');

function fail(message) {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

function portIsFree() {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function prepare() {
  const deps = spawnSync('bash', ['scripts/ensure-deps.sh'], { cwd: root, stdio: 'inherit' });
  if (deps.status !== 0) fail('the dependencies above are missing; install them and run npm start again.');
  const logPath = path.join(root, 'build', 'demo-build.log');
  spawnSync('mkdir', ['-p', path.dirname(logPath)]);
  process.stdout.write(`Building what is not built yet (log: ${path.relative(root, logPath)}) … `);
  const log = openSync(logPath, 'w');
  const build = spawnSync('bash', ['scripts/build.sh'], { cwd: root, stdio: ['ignore', log, log] });
  if (build.status !== 0) {
    console.log('failed.');
    console.error(readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n'));
    fail('the build failed (see above).');
  }
  console.log('done.');
}

const children = [];
let serverLog = null; // both servers' JSON log lines: one per request, so not on the terminal

function start(name, binary, args) {
  const child = spawn(binary, args, { cwd: root, stdio: ['ignore', 'pipe', openSync(serverLog, 'a')] });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(readFileSync(serverLog, 'utf8').split('\n').slice(-15).join('\n'));
    fail(`the ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); its last log lines are above.`);
  });
  return child;
}

let stopping = false;
let workDir = null;

function stopAll() {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}

async function main() {
  if (!(await portIsFree())) {
    fail(`port ${port} on ${host} is already in use (is another demo running?). ` +
      `Stop that program, or start on another port: PORT=${port + 1} npm start`);
  }
  prepare();

  workDir = mkdtempSync(path.join(os.tmpdir(), 'iiv-demo-'));
  process.on('SIGINT', () => { stopAll(); console.log('\nStopped the demo.'); process.exit(0); });
  process.on('SIGTERM', () => { stopAll(); process.exit(0); });
  process.on('exit', stopAll);

  const keyFile = path.join(workDir, 'stripe-key');
  writeFileSync(keyFile, `${DEMO_KEY}\n`, { mode: 0o600 });
  const reviewerToken = randomBytes(18).toString('base64url');
  const reviewersFile = path.join(workDir, 'reviewers.json');
  writeFileSync(reviewersFile, JSON.stringify({
    reviewers: [{
      id: DEMO_REVIEWER_ID,
      token_sha256: createHash('sha256').update(reviewerToken).digest('hex'),
      roles: DEMO_ROLES,
    }],
  }, null, 2), { mode: 0o600 });
  const auditLog = path.join(workDir, 'audit.log');
  serverLog = path.join(workDir, 'servers.log');

  const emulator = start('Stripe emulator', path.join(buildDir, 'server-stub/emulator/iiv-stripe-emulator'),
    ['--host', host, '--port', '0', '--files-port', '0']);
  const { api_base: apiBase, files_base: filesBase } = await waitForListening(emulator);

  const stub = start('server stub', path.join(buildDir, 'server-stub/stub/iiv-server-stub'), [
    '--host', host, '--port', String(port),
    '--stripe-base-url', apiBase,
    '--key-file', keyFile,
    '--reviewers', reviewersFile,
    '--audit-log', auditLog,
    '--allow-sensitive', DEMO_ALLOW_SENSITIVE.join(','),
    '--files-host', filesBase,
    ...DEMO_STATICS.flatMap((mount) => ['--static', mount]),
  ]);
  const { url } = await waitForListening(stub);

  console.log(`
  Identity Image Viewer demo is running on the built-in Stripe emulator.

    Open        ${url}/
    Sign in     reviewer token ${reviewerToken}   (reviewer "${DEMO_REVIEWER_ID}": ${DEMO_ROLES.join(', ')})
    Audit log   ${auditLog}
    Server log  ${serverLog}

  Press Ctrl-C to stop.
`);
}

main().catch((error) => fail(error.message));
