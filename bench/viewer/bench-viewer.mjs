// Benchmark (prints figures; not a test): time from viewer.show(bundle) until a pixel
// can be read back from the canvas, against a plain <img crossorigin src> + drawImage of the same
// file in the same page, for 1, 4 and 12 MP photo-like JPEGs served cross-origin (with
// CORS) from loopback. Then the gzipped size of what the package ships to the browser.
//   node bench/viewer/bench-viewer.mjs [--runs 9]
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser, openPage } from '../../tests/js/support/browser.mjs';
import { makeBundle } from '../../tests/js/support/bundles.mjs';
import { startFilesServer } from '../../tests/js/support/files-server.mjs';
import { encodePhotoLike } from '../../tests/js/support/image-generators.mjs';
import { startPageServer } from '../../tests/js/support/page-server.mjs';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 9;
const SIZES = [
  { label: '1 MP', width: 1152, height: 864 },
  { label: '4 MP', width: 2304, height: 1728 },
  { label: '12 MP', width: 4000, height: 3000 },
];
const TARGET_RATIO_12MP = 1.1;
const TARGET_GZIP_BYTES = 90 * 1024;
const webDir = fileURLToPath(new URL('../../web/', import.meta.url));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function measureInPage(page, { url, allowedHosts, bundleFor, runs }) {
  return page.evaluate(async ({ url, allowedHosts, bundles, runs }) => {
    const canvas = document.querySelector('#view');
    const viewer = await harness.package.createViewer(canvas, { allowedHosts });
    const baselineCanvas = document.createElement('canvas');
    baselineCanvas.style.cssText = 'display:block;width:500px;height:400px';
    document.body.append(baselineCanvas);

    // A large JPEG is painted from a scaled preview first; its full-resolution decode
    // goes on in the background. Let it finish (untimed) so it never slows the next run.
    const pendingDecodes = new Set();
    const nativeCreateImageBitmap = window.createImageBitmap;
    window.createImageBitmap = (...args) => {
      const decode = nativeCreateImageBitmap.apply(window, args);
      pendingDecodes.add(decode);
      decode.finally(() => pendingDecodes.delete(decode)).catch(() => {});
      return decode;
    };
    const backgroundDecodesDone = () => Promise.allSettled([...pendingDecodes]);

    const longTasks = new PerformanceObserver(() => {});
    longTasks.observe({ type: 'longtask' });
    // Long tasks are reported after their task ends: yield one task, then collect them.
    const yieldTask = () => new Promise((resolve) => setTimeout(resolve, 0));
    const longestTask = () => Math.max(0, ...longTasks.takeRecords().map((entry) => entry.duration));

    // Returns [first pixel, full resolution on the canvas]: the same unless a preview came first.
    async function viewerRun(bundle) {
      const start = performance.now();
      await viewer.show(bundle);
      const readPixel = () => canvas.getContext('2d').getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1);
      readPixel();
      const firstPixel = performance.now() - start;
      if (pendingDecodes.size === 0) return [firstPixel, firstPixel];
      await backgroundDecodesDone();
      await yieldTask(); // the swap and redraw run right after the decode resolves
      readPixel();
      return [firstPixel, performance.now() - start];
    }

    async function baselineRun(src) {
      const start = performance.now();
      const image = new Image();
      image.crossOrigin = 'anonymous'; // without it the canvas is tainted and no pixel can be read
      image.src = src;
      await new Promise((resolve, reject) => {
        image.onload = resolve;
        image.onerror = () => reject(new Error('the baseline <img> failed to load'));
      });
      baselineCanvas.width = 500;
      baselineCanvas.height = 400;
      const context = baselineCanvas.getContext('2d');
      const scale = Math.min(500 / image.naturalWidth, 400 / image.naturalHeight);
      const width = image.naturalWidth * scale;
      const height = image.naturalHeight * scale;
      context.drawImage(image, (500 - width) / 2, (400 - height) / 2, width, height);
      context.getImageData(250, 200, 1, 1);
      const elapsed = performance.now() - start;
      image.removeAttribute('src');
      return elapsed;
    }

    const results = { viewer: [], viewerFull: [], baseline: [], viewerLongest: [], baselineLongest: [] };
    // Run 0 warms up both paths; runs alternate so neither side gets the quieter moments.
    for (let run = 0; run <= runs; run += 1) {
      for (const side of run % 2 ? ['baseline', 'viewer'] : ['viewer', 'baseline']) {
        await yieldTask();
        longestTask();
        const [elapsed, full] = side === 'viewer' ? await viewerRun(bundles[run]) : [await baselineRun(`${url}?run=baseline-${run}`)];
        await backgroundDecodesDone();
        await yieldTask();
        const longest = longestTask();
        if (run > 0) {
          results[side].push(elapsed);
          results[`${side}Longest`].push(longest);
          if (side === 'viewer') results.viewerFull.push(full);
        }
      }
    }
    longTasks.disconnect();
    window.createImageBitmap = nativeCreateImageBitmap;
    viewer.destroy();
    baselineCanvas.remove();
    return results;
  }, { url, allowedHosts, bundles: Array.from({ length: runs + 1 }, (_, run) => bundleFor(`${url}?run=viewer-${run}`)), runs });
}

async function shippedSizes() {
  const files = [];
  for (const name of (await readdir(`${webDir}src`)).filter((file) => file.endsWith('.js')).sort()) files.push(`src/${name}`);
  files.push('dist/identity-viewer-core.js', 'dist/identity-viewer-core.wasm');
  const sizes = [];
  for (const file of files) {
    const bytes = await readFile(`${webDir}${file}`);
    sizes.push({ file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes;
}

const files = await startFilesServer();
const pages = await startPageServer({ filesOrigin: files.origin });
const browser = await launchBrowser();
try {
  const { page, close } = await openPage(browser, { url: pages.pageUrl });
  await page.waitForSelector('html[data-harness="ready"]', { state: 'attached' });
  console.log(`identity-image-viewer benchmark: ${await browser.version()} headless, software rendering; median of ${RUNS} runs after a warm-up`);
  console.log('time from show(bundle) to a pixel readable on the canvas vs plain <img crossorigin src> + drawImage (same file, same page, cross-origin with CORS)\n');
  const rows = [];
  for (const size of SIZES) {
    const jpeg = await encodePhotoLike(page, { width: size.width, height: size.height, quality: 0.9 });
    const url = files.serve(`/links/photo-${size.width}x${size.height}.jpg`, { body: jpeg, type: 'image/jpeg' });
    const result = await measureInPage(page, {
      url,
      allowedHosts: [files.host],
      bundleFor: (runUrl) => makeBundle([{ role: 'document_front', url: runUrl }]),
      runs: RUNS,
    });
    rows.push({ ...size, bytes: jpeg.length, ...result });
  }
  await close();

  const pad = (text, width) => String(text).padStart(width);
  console.log(`${'image'.padEnd(8)}${pad('file', 9)}${pad('viewer ms', 11)}${pad('<img> ms', 10)}${pad('ratio', 8)}${pad('viewer full-res ms', 20)}${pad('longest task: viewer', 22)}${pad('<img>', 8)}`);
  for (const row of rows) {
    const viewer = median(row.viewer);
    const baseline = median(row.baseline);
    console.log(
      `${row.label.padEnd(8)}${pad(`${(row.bytes / 1e6).toFixed(2)} MB`, 9)}${pad(viewer.toFixed(1), 11)}${pad(baseline.toFixed(1), 10)}` +
        `${pad(`${(viewer / baseline).toFixed(2)}×`, 8)}${pad(median(row.viewerFull).toFixed(1), 20)}` +
        `${pad(`${median(row.viewerLongest).toFixed(0)} ms`, 22)}${pad(`${median(row.baselineLongest).toFixed(0)} ms`, 8)}`,
    );
  }
  console.log('(viewer ms: first pixel, from a scaled preview for JPEGs at least twice the canvas size; full-res ms: the full-resolution bitmap drawn)');
  const last = rows.at(-1);
  const ratio = median(last.viewer) / median(last.baseline);
  console.log(`\ntarget at 12 MP: ratio ≤ ${TARGET_RATIO_12MP.toFixed(2)}× → ${ratio.toFixed(2)}× ${ratio <= TARGET_RATIO_12MP ? 'met' : 'NOT met'}`);
  console.log(`all runs (ms), viewer / <img>:`);
  for (const row of rows) {
    console.log(`  ${row.label.padEnd(6)} ${row.viewer.map((v) => v.toFixed(0)).join(' ')}  /  ${row.baseline.map((v) => v.toFixed(0)).join(' ')}`);
  }

  const sizes = await shippedSizes();
  const total = sizes.reduce((sum, entry) => sum + entry.gzip, 0);
  console.log('\nshipped to the browser (gzip -9 per file):');
  for (const entry of sizes) console.log(`  ${entry.file.padEnd(36)}${pad(entry.raw, 8)} B${pad(entry.gzip, 8)} B gzip`);
  console.log(`  ${'total'.padEnd(36)}${pad(sizes.reduce((sum, entry) => sum + entry.raw, 0), 8)} B${pad(total, 8)} B gzip = ${(total / 1024).toFixed(1)} KiB`);
  console.log(`target: ≤ ${TARGET_GZIP_BYTES / 1024} KiB → ${total <= TARGET_GZIP_BYTES ? 'met' : 'NOT met'}`);
} finally {
  await browser.close();
  await pages.close();
  await files.close();
}
