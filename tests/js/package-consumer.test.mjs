// The package as an npm consumer meets it: `npm pack` holds exactly what a consumer
// needs; a throw-away project installs the tarball (offline: the package has no
// dependencies), imports it in Node, and builds a page with Vite, webpack and esbuild,
// each with the set-up web/README.md gives and without a warning, that renders an image
// from a loopback files host into a canvas in Chromium (pixels read back).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';
import { launchBrowser, openPage } from '../../scripts/harness/browser.mjs';
import { startFilesServer } from '../../scripts/harness/files-server.mjs';
import { startLoopbackServer } from '../../scripts/harness/loopback-server.mjs';
import { PATTERN, encodePattern, patternColorAt } from '../../scripts/harness/image-generators.mjs';

const run = promisify(execFile);
const webDir = fileURLToPath(new URL('../../web/', import.meta.url));

const CONTENT_TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** The consumer's page script: shows one image and reads four pixels back. */
function mainScript({ url, host, setup = '' }) {
  return `
    import { createViewer } from 'identity-image-viewer';
    ${setup}
    const now = Math.floor(Date.now() / 1000);
    const bundle = { verification_session: 'vs_1', verification_report: 'vr_1', issued_at: now,
      images: [{ role: 'document_front', file: 'file_1', file_link: 'link_1', url: ${JSON.stringify(url)}, expires_at: now + 30 }] };
    window.outcome = (async () => {
      const canvas = document.getElementById('view');
      const viewer = await createViewer(canvas, { allowedHosts: [${JSON.stringify(host)}], devicePixelRatio: 1 });
      const shown = await viewer.show(bundle);
      const context = canvas.getContext('2d');
      const pick = (x, y) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3));
      return { path: shown.path, width: shown.width, samples: [pick(100, 75), pick(300, 75), pick(100, 225), pick(300, 225)] };
    })().catch((error) => ({ error: error.code ?? error.message, message: error.message }));
  `;
}

const pageHtml = (script) => '<!doctype html><meta charset="utf-8"><canvas id="view" style="width:400px;height:300px"></canvas>'
  + `<script type="module" src="${script}"></script>\n`;

/** Builds with webpack's Node API; resolves with its warnings and errors. */
function webpackBuild(config) {
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      const { warnings, errors } = stats.toJson({ all: false, warnings: true, errors: true });
      return resolve({ warnings: warnings.map((w) => w.message), errors: errors.map((e) => e.message) });
    });
  });
}

describe('the packed npm package in a consumer project', () => {
  let projectDir;
  let tarball;
  let packedFiles;

  before(async () => {
    projectDir = await mkdtemp(path.join(tmpdir(), 'iiv-consumer-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', projectDir], { cwd: webDir });
    const [packed] = JSON.parse(stdout);
    tarball = path.join(projectDir, packed.filename);
    packedFiles = packed.files.map((file) => file.path).sort();
    await writeFile(path.join(projectDir, 'package.json'), JSON.stringify({
      name: 'throw-away-consumer', private: true, type: 'module',
      dependencies: { 'identity-image-viewer': `file:./${packed.filename}` },
    }));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: projectDir });
  });
  after(() => projectDir && rm(projectDir, { recursive: true, force: true }));

  it('packs the ES module sources, their types, the glue and the .wasm, and nothing else', async () => {
    assert.ok(packedFiles.includes('dist/identity-viewer-core.js'));
    assert.ok(packedFiles.includes('dist/identity-viewer-core.wasm'));
    assert.ok(packedFiles.includes('src/index.js'));
    assert.ok(packedFiles.includes('src/index.d.ts'));
    assert.ok(packedFiles.includes('package.json'));
    assert.ok(packedFiles.includes('README.md'));
    assert.ok(packedFiles.includes('LICENSE'), 'Apache-2.0 asks for the licence text with every copy');
    const unexpected = packedFiles.filter((file) => !/^(package\.json|README\.md|LICENSE|src\/[\w-]+\.(js|d\.ts)|dist\/identity-viewer-core\.(js|wasm))$/.test(file));
    assert.deepEqual(unexpected, []);
    await access(tarball);
    const installed = path.join(projectDir, 'node_modules', 'identity-image-viewer');
    assert.deepEqual(await readFile(path.join(installed, 'LICENSE')), await readFile(path.join(webDir, '..', 'LICENSE')));
    assert.equal(JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')).license, 'Apache-2.0');
  });

  it('imports by name in Node from the installed tarball and runs the WebAssembly core', async () => {
    const script = `
      import { validateBundle, ViewerError } from 'identity-image-viewer';
      const now = Math.floor(Date.now() / 1000);
      const bundle = { verification_session: 'vs_1', verification_report: 'vr_1', issued_at: now,
        images: [{ role: 'selfie_face', file: 'file_1', file_link: 'link_1', url: 'https://evil.example/links/x', expires_at: now + 30 }] };
      try { await validateBundle(bundle); console.log('accepted'); }
      catch (error) { console.log(error instanceof ViewerError ? error.code : 'other'); }`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: projectDir });
    assert.equal(stdout.trim(), 'host_not_allowed');
    const installed = path.join(projectDir, 'node_modules', 'identity-image-viewer', 'dist', 'identity-viewer-core.wasm');
    assert.deepEqual(await readFile(installed), await readFile(path.join(webDir, 'dist', 'identity-viewer-core.wasm')));
  });

  describe('bundled into a page that renders an image from the files host', () => {
    let browser;
    let files;
    let url;

    before(async () => {
      browser = await launchBrowser();
      files = await startFilesServer();
      const encoder = await openPage(browser);
      const png = await encodePattern(encoder.page, { type: 'image/png' });
      await encoder.close();
      url = files.serve('/links/consumer_png', { body: png, type: 'image/png' });
    });
    after(async () => {
      await browser?.close();
      await files?.close();
    });

    /** Serves outDir, opens its index.html, and returns the page's outcome and what the site answered 404 to. */
    async function openBuiltPage(outDir) {
      const notFound = [];
      const site = await startLoopbackServer(async (request, response) => {
        const pathname = new URL(request.url, 'http://site.invalid').pathname;
        const file = path.join(outDir, pathname === '/' ? 'index.html' : pathname);
        const body = file.startsWith(outDir) ? await readFile(file).catch(() => null) : null;
        if (!body) {
          notFound.push(pathname);
          return response.writeHead(404).end();
        }
        return response.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
      });
      try {
        const { page, pageErrors, close } = await openPage(browser, { url: `http://127.0.0.1:${site.port}/`, viewport: { width: 400, height: 300 } });
        const outcome = await page.evaluate(() => window.outcome);
        await close();
        return { outcome, pageErrors, notFound };
      } finally {
        await site.close();
      }
    }

    async function assertRendered(outDir, bundler) {
      const before = files.requestsFor('/links/consumer_png').length;
      const { outcome, pageErrors, notFound } = await openBuiltPage(outDir);
      assert.equal(outcome.error, undefined, `${bundler}: the viewer failed: ${outcome.message}`);
      assert.equal(outcome.path, 'bytes');
      assert.equal(outcome.width, PATTERN.width);
      // The canvas is the image's size, so canvas points are image points (PNG: exact).
      const expected = [[100, 75], [300, 75], [100, 225], [300, 225]].map(([x, y]) => patternColorAt(x, y));
      outcome.samples.forEach((sample, i) => sample.forEach((channel, c) => assert.ok(Math.abs(channel - expected[i][c]) <= 3,
        `${bundler} sample ${i}: ${sample} vs ${expected[i]}`)));
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(notFound.filter((pathname) => pathname !== '/favicon.ico'), [], `${bundler}: requests the site could not answer`);
      assert.equal(files.requestsFor('/links/consumer_png').length - before, 1);
    }

    it('Vite: no set-up', async () => {
      const srcDir = await mkdtemp(path.join(projectDir, 'vite-'));
      await writeFile(path.join(srcDir, 'index.html'), pageHtml('./main.js'));
      await writeFile(path.join(srcDir, 'main.js'), mainScript({ url, host: files.host }));
      const outDir = path.join(srcDir, 'dist');
      const warnings = [];
      const logger = {
        info() {}, warn: (message) => warnings.push(message), warnOnce: (message) => warnings.push(message),
        error: (message) => warnings.push(message), clearScreen() {}, hasErrorLogged: () => false, hasWarned: false,
      };
      await viteBuild({
        root: srcDir, configFile: false, customLogger: logger,
        build: { outDir, emptyOutDir: true, rollupOptions: { onwarn: (warning) => warnings.push(warning.message) } },
      });
      assert.deepEqual(warnings, []);
      await assertRendered(outDir, 'Vite');
    });

    it('webpack 5: no set-up', async () => {
      const srcDir = await mkdtemp(path.join(projectDir, 'webpack-'));
      await writeFile(path.join(srcDir, 'main.js'), mainScript({ url, host: files.host }));
      const outDir = path.join(srcDir, 'dist');
      const { warnings, errors } = await webpackBuild({
        mode: 'production', context: projectDir, entry: path.join(srcDir, 'main.js'),
        output: { path: outDir, filename: 'main.js' },
      });
      assert.deepEqual(errors, []);
      assert.deepEqual(warnings, []);
      await writeFile(path.join(outDir, 'index.html'), pageHtml('./main.js'));
      await assertRendered(outDir, 'webpack');
    });

    it('esbuild: with the README\'s set-up line (the .wasm through the file loader, handed to init())', async () => {
      const srcDir = await mkdtemp(path.join(projectDir, 'esbuild-'));
      const setup = "import wasmUrl from 'identity-image-viewer/core.wasm';\n    import { init } from 'identity-image-viewer';\n    init(wasmUrl);";
      await writeFile(path.join(srcDir, 'main.js'), mainScript({ url, host: files.host, setup }));
      const outDir = path.join(srcDir, 'dist');
      const result = await esbuild.build({
        entryPoints: [path.join(srcDir, 'main.js')], bundle: true, format: 'esm', outdir: outDir,
        loader: { '.wasm': 'file' }, logLevel: 'silent', absWorkingDir: projectDir,
      });
      assert.deepEqual([...result.errors, ...result.warnings], []);
      await writeFile(path.join(outDir, 'index.html'), pageHtml('./main.js'));
      await assertRendered(outDir, 'esbuild');
    });

    it('esbuild without the set-up: the failure names the .wasm URL it tried', async () => {
      const srcDir = await mkdtemp(path.join(projectDir, 'esbuild-plain-'));
      await writeFile(path.join(srcDir, 'main.js'), mainScript({ url, host: files.host }));
      const outDir = path.join(srcDir, 'dist');
      const result = await esbuild.build({
        entryPoints: [path.join(srcDir, 'main.js')], bundle: true, format: 'esm', outdir: outDir, logLevel: 'silent', absWorkingDir: projectDir,
      });
      assert.deepEqual([...result.errors, ...result.warnings], []);
      await writeFile(path.join(outDir, 'index.html'), pageHtml('./main.js'));
      const { outcome, notFound } = await openBuiltPage(outDir);
      assert.equal(outcome.error, 'network_error');
      const tried = notFound.filter((pathname) => pathname.endsWith('.wasm'));
      assert.ok(tried.length >= 1, `the .wasm was requested: ${notFound}`);
      for (const pathname of tried) assert.ok(outcome.message.includes(`${pathname}: HTTP 404`), outcome.message);
    });
  });
});
