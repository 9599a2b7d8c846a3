// Keeps what the servers started by a JS test wrote (stderr logs, audit logs, /metrics
// captures) for the whole-suite secret sweep (tests/sweep/no-secrets-in-logs.test.mjs).
//
// Only when $IIV_TEST_LOG_DIR is set (tests/run.sh sets it to build/test-logs): each call
// of keepTestLogs() makes its own folder there, "js-<test file>-<kind>-XXXXXX", holding
// the files given and a "secrets-used.txt" with the secrets the test used (reviewer
// tokens, API keys, FileLink URLs), which the sweep searches every log for and never
// scans itself. Without the variable (a benchmark, a test run alone) everything here does
// nothing.
//
// startStub() and startEmulator() call this from stop(); a test that fetches /metrics
// itself hands the text to keepMetricsText().
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder logs are kept in (absolute), or null when the suite does not collect them. */
export function testLogDir() {
  const configured = process.env.IIV_TEST_LOG_DIR;
  return configured ? path.resolve(REPO_ROOT, configured) : null;
}

// node --test runs each test file in its own process: argv[1] names it.
function testFileLabel() {
  const script = process.argv[1] ? path.basename(process.argv[1]) : 'node';
  return script.replace(/\.(test\.)?m?js$/, '');
}

function safeName(text) {
  return String(text).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
}

function secretsText(secrets) {
  const unique = [...new Set([...secrets].filter((s) => typeof s === 'string' && s !== '' && !s.includes('\n')))];
  return unique.length ? `${unique.join('\n')}\n` : '';
}

/**
 * Copies `files` (those that exist) and writes `texts` into a fresh folder, with the
 * secrets noted in secrets-used.txt. Resolves to the folder, or null when not collecting.
 * @param {{kind: string, files?: {path: string, name: string}[], texts?: {name: string, text: string}[],
 *   secrets?: Iterable<string>}} what
 */
export async function keepTestLogs({ kind, files = [], texts = [], secrets = [] }) {
  const root = testLogDir();
  if (!root) return null;
  await mkdir(root, { recursive: true });
  const folder = await mkdtemp(path.join(root, `js-${safeName(testFileLabel())}-${safeName(kind)}-`));
  for (const file of files) {
    if (existsSync(file.path)) await copyFile(file.path, path.join(folder, safeName(file.name)));
  }
  for (const { name, text } of texts) await writeFile(path.join(folder, safeName(name)), text ?? '');
  const noted = secretsText(secrets);
  if (noted) await writeFile(path.join(folder, 'secrets-used.txt'), noted);
  return folder;
}

/** The same, synchronously: for process 'exit' handlers (servers a test never stopped). */
export function keepTestLogsSync({ kind, files = [], texts = [], secrets = [] }) {
  const root = testLogDir();
  if (!root) return null;
  mkdirSync(root, { recursive: true });
  const folder = mkdtempSync(path.join(root, `js-${safeName(testFileLabel())}-${safeName(kind)}-`));
  for (const file of files) {
    if (existsSync(file.path)) copyFileSync(file.path, path.join(folder, safeName(file.name)));
  }
  for (const { name, text } of texts) writeFileSync(path.join(folder, safeName(name)), text ?? '');
  const noted = secretsText(secrets);
  if (noted) writeFileSync(path.join(folder, 'secrets-used.txt'), noted);
  return folder;
}

/** A /metrics answer a test fetched. */
export function keepMetricsText(text, secrets = []) {
  return keepTestLogs({ kind: 'metrics', texts: [{ name: 'metrics.prom', text }], secrets });
}
