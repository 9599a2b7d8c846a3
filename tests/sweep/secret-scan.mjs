// The detectors and the scanner of the whole-suite secret sweep
// (no-secrets-in-logs.test.mjs): what counts as a secret in a log or metrics line, how a
// finding is reported without repeating the secret, and how the collected logs are
// classified (tests/cpp/support/test_log_dir.hpp and scripts/harness/log-keeper.mjs
// write them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The file in each log folder listing the secrets its test used: read, never scanned. */
export const SECRETS_FILE = 'secrets-used.txt';

// Shorter "secrets" (a test's deliberately wrong token such as "wrong") would match
// ordinary words; every real key, token and link of the suites is longer.
export const MIN_SECRET_LENGTH = 8;

/** Reviewer tokens hard-coded in the C++ fixture (tests/cpp/stub/e2e_fixture.hpp: kViewerToken …). */
export function fixtureTokensFromHeader(text) {
  return [...text.matchAll(/\bk\w*Token\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
}

/** Secrets listed in a secrets-used.txt (one a line). */
export function secretsFromFile(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Builds the detectors. Each has a name and a global RegExp; a line holds a finding when
 * any of them matches.
 * @param {{builtinKeys: string[], knownSecrets: string[]}} sources
 */
export function makeDetectors({ builtinKeys, knownSecrets }) {
  const known = [...new Set(knownSecrets)].filter((s) => s.length >= MIN_SECRET_LENGTH && !builtinKeys.includes(s));
  // Longest first, so a URL is reported whole rather than as its token.
  known.sort((a, b) => b.length - a.length);
  const detectors = [
    // Any Stripe key: sk_/rk_/pk_, test or live, then 6+ key characters. The masked form the
    // servers log, "rk_test_…WXYZ", has "…" right after the prefix and does not match.
    { name: 'Stripe API key', pattern: /(?<![A-Za-z0-9])(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9_]{6,}/g },
    // A FileLink URL's path: "/links/" and its token (the logs may show "/links/…" only).
    { name: 'FileLink URL', pattern: /\/links\/[A-Za-z0-9_~=%.-]{8,}/g },
    // The emulator's link token alone: exactly 48 letters and digits (server-stub/emulator/ids.cpp).
    { name: 'emulator link token', pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{48}(?![A-Za-z0-9])/g },
  ];
  if (builtinKeys.length) {
    detectors.unshift({ name: 'emulator built-in key', pattern: new RegExp(builtinKeys.map(escapeRegExp).join('|'), 'g') });
  }
  if (known.length) {
    detectors.unshift({ name: 'secret a test used', pattern: new RegExp(known.map(escapeRegExp).join('|'), 'g') });
  }
  return detectors;
}

/** A secret as it may be printed: its kind and length, never its characters past a prefix. */
export function maskSecret(secret) {
  const key = /^((?:sk|rk|pk)_(?:test|live)_)/.exec(secret);
  if (key) return `${key[1]}…[${secret.length} chars]`;
  const link = /^(.*\/links\/)/.exec(secret);
  if (link) return `${link[1]}…[${secret.length - link[1].length} chars]`;
  return `${secret.slice(0, 3)}…[${secret.length} chars]`;
}

/**
 * The findings in one line: [{detector, secret}], overlapping matches reported once (by
 * the first detector that claims the characters).
 */
export function findSecretsInLine(line, detectors) {
  const claimed = [];
  const findings = [];
  for (const { name, pattern } of detectors) {
    pattern.lastIndex = 0;
    for (const match of line.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (claimed.some(([s, e]) => start < e && end > s)) continue;
      claimed.push([start, end]);
      findings.push({ detector: name, secret: match[0], start, end });
    }
  }
  return findings;
}

/** The line with every finding masked, shortened for a report. */
export function maskedLine(line, findings) {
  let out = line;
  for (const finding of [...findings].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, finding.start) + maskSecret(finding.secret) + out.slice(finding.end);
  }
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

/** Every regular file under `dir`, as paths relative to it. */
export function listFiles(dir) {
  const out = [];
  const walk = (relative) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/** All secrets noted in the secrets-used.txt files under `dir`. */
export function collectNotedSecrets(dir, files = listFiles(dir)) {
  const secrets = new Set();
  for (const file of files) {
    if (path.basename(file) !== SECRETS_FILE) continue;
    for (const secret of secretsFromFile(readFileSync(path.join(dir, file), 'utf8'))) secrets.add(secret);
  }
  return [...secrets];
}

/**
 * Scans every line of every file under `dir` except the secrets-used.txt files.
 * @returns {{scannedFiles: number, scannedLines: number, findings: {file: string, line: number,
 *   detector: string, text: string}[]}} text is the masked line
 */
export function scanLogDir(dir, detectors, files = listFiles(dir)) {
  const findings = [];
  let scannedFiles = 0;
  let scannedLines = 0;
  for (const file of files) {
    if (path.basename(file) === SECRETS_FILE) continue;
    scannedFiles += 1;
    const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      scannedLines += 1;
      const found = findSecretsInLine(line, detectors);
      for (const finding of found) {
        findings.push({ file, line: index + 1, detector: finding.detector, text: maskedLine(line, found) });
      }
    });
  }
  return { scannedFiles, scannedLines, findings };
}

/** How a kept file is classified by its name (see test_log_dir.hpp / log-keeper.mjs). */
export function kindOfLogFile(file) {
  const name = path.basename(file);
  if (name === SECRETS_FILE) return 'secrets';
  if (/stub\.stderr$/.test(name)) return 'stub stderr';
  if (/refusal\.stderr$/.test(name)) return 'stub stderr (start refused)';
  if (/audit\.jsonl$/.test(name)) return 'audit log';
  if (/emulator[\w-]*\.(stderr|log)$/.test(name)) return 'emulator log';
  if (/\.prom$/.test(name)) return 'metrics';
  return 'other';
}

/** 'cpp' or 'js', from the folder a file was kept in. */
export function languageOfLogFile(file) {
  const top = file.split(path.sep)[0];
  if (top.startsWith('cpp-')) return 'cpp';
  if (top.startsWith('js-')) return 'js';
  return 'other';
}

/** Counts of kept files by "language/kind". */
export function inventory(files) {
  const counts = {};
  for (const file of files) {
    const key = `${languageOfLogFile(file)}/${kindOfLogFile(file)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * Local modules a JS file imports, followed through relative imports: whether a test file
 * ends up starting a stub or an emulator (directly, or through a rig such as demo-rig.mjs).
 */
export function importsTransitively(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  let text;
  try {
    if (!statSync(file).isFile()) return seen;
    text = readFileSync(file, 'utf8');
  } catch {
    return seen;
  }
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    importsTransitively(path.resolve(path.dirname(file), match[1]), seen);
  }
  return seen;
}
