// Test artefacts a person should look at (screenshots of the demo in each engine and
// viewport) are kept under build/test-artifacts/, which every run starts afresh per file.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS_DIR = fileURLToPath(new URL('../../../build/test-artifacts/', import.meta.url));

/** Writes `png` as build/test-artifacts/screenshots/<name>.png; returns the path. */
export async function saveScreenshot(name, png) {
  const dir = path.join(ARTIFACTS_DIR, 'screenshots');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await writeFile(file, png);
  return file;
}
