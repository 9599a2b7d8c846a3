// The whole-suite secret sweep: every log and metrics line the test suites' servers wrote
// (kept in $IIV_TEST_LOG_DIR, build/test-logs by default, by the C++ fixtures and the JS
// helpers startStub/startEmulator) is searched for key material and FileLink URLs, and
// none may be there. tests/run.sh runs this last, after every other suite, with
// `node --test tests/sweep/`.
//
// It first proves its own detectors fire on planted lines, then that the collection is
// whole (so a broken collection cannot pass by finding nothing), then scans.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { builtinKeys } from '../../server-stub/launch/emulator-builtins.mjs';
import {
  SECRETS_FILE, collectNotedSecrets, fixtureTokensFromHeader, importsTransitively, inventory,
  kindOfLogFile, languageOfLogFile, listFiles, makeDetectors, scanLogDir,
} from './secret-scan.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOG_DIR = path.resolve(REPO_ROOT, process.env.IIV_TEST_LOG_DIR || 'build/test-logs');
const read = (relative) => readFileSync(path.join(REPO_ROOT, relative), 'utf8');

const BUILTIN_KEYS = Object.values(builtinKeys);
const FIXTURE_TOKENS = fixtureTokensFromHeader(read('tests/cpp/stub/e2e_fixture.hpp'));

// Secrets named in the sources themselves, beside those the fixtures noted at run time.
function sourceSecrets() {
  return [...FIXTURE_TOKENS];
}

function report(findings, limit = 40) {
  const lines = findings.slice(0, limit).map((f) => `  ${f.file}:${f.line}  [${f.detector}]  ${f.text}`);
  if (findings.length > limit) lines.push(`  … and ${findings.length - limit} more`);
  return lines.join('\n');
}

test('the secret sources are read: the emulator keys and the fixture tokens', () => {
  assert.ok(BUILTIN_KEYS.length >= 7, `builtin_keys.hpp gave ${BUILTIN_KEYS.length} keys`);
  for (const key of BUILTIN_KEYS) assert.match(key, /^(sk|rk)_test_/);
  assert.ok(BUILTIN_KEYS.includes('rk_test_iivemu_full_access_FULL'));
  assert.ok(FIXTURE_TOKENS.length >= 4, `e2e_fixture.hpp gave ${FIXTURE_TOKENS.length} tokens`);
});

test('self-check: every detector fires on a planted line, and masked forms pass', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'iiv-sweep-selfcheck-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const token = 'tok-planted-reviewer-7f3a9c';
  const linkToken = 'Q7xk2LmP9wRt4VbN8sYc3HdJ6gFa5KeZ1uWq0XoIp2MnBv7C'; // 48 letters and digits
  assert.equal(linkToken.length, 48);
  const folder = path.join(dir, 'cpp-Planted.Test-abc123');
  mkdirSync(folder);
  writeFileSync(path.join(folder, SECRETS_FILE), `${token}\n`);
  const planted = [
    ['{"event":"config","key":"rk_test_…FULL"}', null], // masked: fine
    ['[emulator] files GET /links/… 200', null], // masked link: fine
    ['{"event":"request","method":"GET","path":"/api/verification-sessions","status":200}', null],
    ['iiv_refusals_total{code="forbidden"} 3', null],
    [`{"event":"config","key":"${BUILTIN_KEYS[0]}"}`, 'emulator built-in key'],
    ['Authorization: Bearer sk_live_51Habcdefghijklmnop', 'Stripe API key'],
    ['{"key":"rk_test_someOtherKeyAbcdef"}', 'Stripe API key'],
    ['pk_test_123456 in a message', 'Stripe API key'],
    [`{"event":"request","token":"${token}"}`, 'secret a test used'],
    ['bundle url https://files.stripe.com/links/MDB8YWNjdF8xTmJjZGVmZ2hpamtsbW5vcHFy', 'FileLink URL'],
    [`GET http://127.0.0.1:40000/links/${linkToken} 200`, 'FileLink URL'],
    [`token ${linkToken} seen`, 'emulator link token'],
  ];
  writeFileSync(path.join(folder, '1-stub.stderr'), `${planted.map(([line]) => line).join('\n')}\n`);
  // The secrets file holds the token itself: a source, never a finding.
  const detectors = makeDetectors({ builtinKeys: BUILTIN_KEYS, knownSecrets: collectNotedSecrets(dir) });
  const { findings, scannedFiles } = scanLogDir(dir, detectors);
  assert.equal(scannedFiles, 1, 'secrets-used.txt is not scanned');
  planted.forEach(([, expected], index) => {
    const at = findings.filter((f) => f.line === index + 1);
    if (expected === null) {
      assert.deepEqual(at, [], `line ${index + 1} is clean but was reported:\n${report(at)}`);
    } else {
      assert.deepEqual(at.map((f) => f.detector), [expected], `line ${index + 1}: ${planted[index][0].slice(0, 30)}…`);
    }
  });
  // A report names file and line and never repeats the secret.
  const text = report(findings);
  assert.match(text, /cpp-Planted\.Test-abc123.1-stub\.stderr:5 {2}\[emulator built-in key\]/);
  for (const secret of [BUILTIN_KEYS[0], token, linkToken, 'sk_live_51Habcdefghijklmnop', 'MDB8YWNjdF8xTmJjZGVmZ2hpamtsbW5vcHFy']) {
    assert.ok(!text.includes(secret), `the report repeats ${secret.slice(0, 6)}…`);
  }
});

test('the collection is whole: every suite that runs a server left its logs', () => {
  assert.ok(existsSync(LOG_DIR), `${LOG_DIR} does not exist: run the suites with IIV_TEST_LOG_DIR set (npm test does)`);
  const files = listFiles(LOG_DIR);
  const counts = inventory(files);
  console.log(`kept in ${path.relative(REPO_ROOT, LOG_DIR) || LOG_DIR}: ${files.length} files\n${
    Object.entries(counts).map(([kind, n]) => `  ${kind}: ${n}`).join('\n')}`);
  const has = (language, kind) => files.some((f) => languageOfLogFile(f) === language && kindOfLogFile(f) === kind);

  // C++: the stub's end-to-end tests and the emulator's program tests.
  for (const kind of ['stub stderr', 'audit log', 'emulator log', 'metrics', 'secrets']) {
    assert.ok(has('cpp', kind), `no C++ ${kind} was kept (tests/cpp/support/test_log_dir.hpp)`);
  }
  const folders = readdirSync(LOG_DIR);
  const keptFor = (prefix) => folders.filter((f) => f.startsWith(prefix) && files.some(
    (file) => file.startsWith(f + path.sep) && kindOfLogFile(file) === 'emulator log'));
  // Every end-to-end test starts an emulator: each left a folder with its log.
  const e2eTests = [...read('tests/cpp/stub/stub_e2e_test.cpp').matchAll(/TEST_F\(StubE2E,\s*(\w+)\)/g)].map((m) => m[1]);
  assert.ok(e2eTests.length >= 20, `found ${e2eTests.length} StubE2E tests in the source`);
  const missing = e2eTests.filter((name) => keptFor(`cpp-StubE2E.${name}-`).length === 0);
  assert.deepEqual(missing, [], 'StubE2E tests without a kept emulator log');
  const processTests = [...read('tests/cpp/emulator/emulator_process_test.cpp').matchAll(/TEST\(EmulatorProcess,\s*(\w+)\)/g)]
    .map((m) => m[1]);
  assert.deepEqual(processTests.filter((name) => keptFor(`cpp-EmulatorProcess.${name}-`).length === 0), [],
    'EmulatorProcess tests without a kept emulator stderr');
  assert.ok(files.some((f) => /emulator-inprocess\.log$/.test(f)), 'no in-process emulator log (emulator_http_test)');
  // The fixture noted the reviewer tokens it used.
  const noted = collectNotedSecrets(LOG_DIR, files);
  for (const token of FIXTURE_TOKENS) assert.ok(noted.includes(token), `${token.slice(0, 4)}… was never noted as used`);

  // JS: whichever test files start a stub or an emulator (directly or through a rig).
  const jsDir = path.join(REPO_ROOT, 'tests', 'js');
  const support = (name) => path.join(jsDir, 'support', name);
  const testFiles = readdirSync(jsDir).filter((f) => f.endsWith('.test.mjs')).map((f) => path.join(jsDir, f));
  const using = (helper) => testFiles.filter((f) => importsTransitively(f).has(support(helper)));
  if (using('emulator-process.mjs').length) {
    assert.ok(has('js', 'emulator log'), `no JS emulator log was kept, though ${
      using('emulator-process.mjs').map((f) => path.basename(f)).join(', ')} start emulators`);
  }
  if (using('stub-process.mjs').length) {
    assert.ok(has('js', 'stub stderr'), `no JS stub log was kept, though ${
      using('stub-process.mjs').map((f) => path.basename(f)).join(', ')} start stubs`);
    assert.ok(has('js', 'audit log'), 'no JS audit log was kept');
  }
});

test('no log or metrics line holds key material, a reviewer token or a FileLink URL', () => {
  const files = listFiles(LOG_DIR);
  const noted = collectNotedSecrets(LOG_DIR, files);
  const detectors = makeDetectors({ builtinKeys: BUILTIN_KEYS, knownSecrets: [...noted, ...sourceSecrets()] });
  const { findings, scannedFiles, scannedLines } = scanLogDir(LOG_DIR, detectors, files);
  console.log(`scanned ${scannedLines} lines in ${scannedFiles} files for ${BUILTIN_KEYS.length} built-in keys, ${
    noted.length} secrets the tests noted, any Stripe key, FileLink URL or link token`);
  assert.ok(scannedFiles > 0);
  assert.equal(findings.length, 0, `secrets found in the logs (masked here):\n${report(findings)}`);
});
