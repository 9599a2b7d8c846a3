// What the emulator and stub launchers share about their child process: where the host
// build keeps the program, and that a child still running when Node exits is killed
// there, never left behind, after its logs are kept (as stop() would).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A program of the host build: $IIV_BUILD_DIR (default build/host)/<segments>. */
export function hostBuildPath(...segments) {
  const buildDir = process.env.IIV_BUILD_DIR
    ? path.resolve(REPO_ROOT, process.env.IIV_BUILD_DIR)
    : path.join(REPO_ROOT, 'build', 'host');
  return path.join(buildDir, ...segments);
}

const running = new Map(); // child → synchronous log keeper
process.on('exit', () => {
  for (const [child, keepLogsSync] of running) {
    child.kill('SIGKILL');
    keepLogsSync();
  }
});

/**
 * Kills `child` if Node exits while it runs, keeping its logs first (`keepLogsSync`).
 * @returns {Promise<{code: number|null, signal: string|null}>} its exit
 */
export function killOnExit(child, keepLogsSync) {
  running.set(child, keepLogsSync);
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
}
