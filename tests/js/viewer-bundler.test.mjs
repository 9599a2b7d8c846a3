// A bundler ships the .wasm: Vite builds a page that imports the package by name, emits
// the WebAssembly file as an asset (found through new URL(..., import.meta.url)), and
// the built page loads it in Chromium and uses the core.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchBrowser, openPage } from '../../scripts/harness/browser.mjs';
import { startLoopbackServer } from '../../scripts/harness/loopback-server.mjs';

const webDir = fileURLToPath(new URL('../../web', import.meta.url));

const ENTRY = `import { validateBundle } from 'identity-image-viewer';
const now = Math.floor(Date.now() / 1000);
const bundle = { verification_session: 'vs_1', verification_report: 'vr_1', issued_at: now,
  images: [{ role: 'document_front', file: 'file_1', file_link: 'link_1', url: 'https://files.stripe.com/links/fl_1', expires_at: now + 30 }] };
window.outcome = validateBundle(bundle).then((checked) => checked.images.map((image) => image.role), (error) => error.code);
`;

describe('bundling with Vite', () => {
  let projectDir;
  let outDir;

  before(async () => {
    projectDir = await mkdtemp(path.join(tmpdir(), 'iiv-vite-'));
    outDir = path.join(projectDir, 'dist');
    // As after `npm install identity-image-viewer`.
    await mkdir(path.join(projectDir, 'node_modules'));
    await symlink(webDir, path.join(projectDir, 'node_modules', 'identity-image-viewer'), 'dir');
    await writeFile(path.join(projectDir, 'main.js'), ENTRY);
    await writeFile(path.join(projectDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script>\n');
    await build({ root: projectDir, logLevel: 'silent', configFile: false, build: { outDir, emptyOutDir: true } });
  });
  after(() => projectDir && rm(projectDir, { recursive: true, force: true }));

  it('emits the .wasm as an asset and the built page runs the core', async () => {
    const assets = await readdir(path.join(outDir, 'assets'));
    const wasm = assets.filter((name) => name.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one .wasm among ${assets.join(', ')}`);
    assert.deepEqual(await readFile(path.join(outDir, 'assets', wasm[0])), await readFile(path.join(webDir, 'dist/identity-viewer-core.wasm')));

    const server = await startLoopbackServer(async (request, response) => {
      const file = path.join(outDir, new URL(request.url, 'http://built.invalid').pathname.replace(/\/$/, '/index.html'));
      const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'text/html';
      const body = await readFile(file).catch(() => null);
      if (body) response.writeHead(200, { 'Content-Type': type }).end(body);
      else response.writeHead(404).end();
    });
    const browser = await launchBrowser();
    try {
      const { page, pageErrors, close } = await openPage(browser, { url: `http://127.0.0.1:${server.port}/` });
      assert.deepEqual(await page.evaluate(() => window.outcome), ['document_front']);
      assert.deepEqual(pageErrors, []);
      await close();
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
