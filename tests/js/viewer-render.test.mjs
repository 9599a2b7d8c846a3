// The viewer draws what the files host served: pixels read back from the canvas match
// the generated pattern for JPEG, PNG and WebP, and follow rotate, flip, zoom, pan and
// devicePixelRatio; the watermark is in the pixels. In every engine (engines.mjs), from
// the same files.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { encodePattern, patternColorAt, withLargeAppSegments } from '../../scripts/harness/image-generators.mjs';
import { unexpectedConsoleErrors } from '../../scripts/harness/browser.mjs';
import { assertColorsNear, expectedSamples } from './support/expected-view.mjs';
import { enginesUnderTest } from './support/engines.mjs';
import { encodeReferenceImages } from './support/reference-images.mjs';
import { startViewerRig } from './support/viewer-rig.mjs';

const CANVAS = { width: 500, height: 400 }; // the test page's CSS size for #view
const FORMATS = [
  { type: 'image/jpeg', format: 'jpeg', tolerance: 30 },
  { type: 'image/png', format: 'png', tolerance: 3 },
  { type: 'image/webp', format: 'webp', tolerance: 30 },
];

let encoded = null;
const referenceImages = () => (encoded ??= encodeReferenceImages(async (page) => {
  const images = {};
  for (const { type, format } of FORMATS) images[format] = await encodePattern(page, { type });
  images.deepHeader = withLargeAppSegments(images.jpeg, 3);
  return images;
}));

for (const engineName of enginesUnderTest()) describe(`viewer rendering (${engineName})`, () => {
  let rig;
  let images;

  before(async () => {
    images = await referenceImages();
    rig = await startViewerRig({ engine: engineName });
    for (const { type, format } of FORMATS) rig.files.serve(`/links/pattern-${format}`, { body: images[format], type });
    rig.files.serve('/links/pattern-deep-header', { body: images.deepHeader, type: 'image/jpeg', delivery: 'chunked' });
  });
  after(() => rig?.close());

  async function showPattern(format, options = {}, pageOptions = {}) {
    const handle = await rig.openViewerPage(pageOptions);
    const bundle = makeBundle([{ role: 'document_front', url: `${rig.files.origin}/links/pattern-${format}` }]);
    await handle.page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host], ...options });
    const shown = await handle.page.evaluate((b) => harness.show(b), bundle);
    assert.ok(shown.ok, `show failed: ${shown.code} ${shown.message}`);
    return { ...handle, shown };
  }

  async function readSamples(page, view, pixelRatio = 1) {
    const samples = expectedSamples(view);
    assert.ok(samples.length >= 3, 'the view keeps at least three sample points on the canvas');
    const pixels = await page.evaluate((points) => harness.readPixels(points), samples.map(({ at }) => at.map((v) => v * pixelRatio)));
    return { samples, pixels };
  }

  for (const { format, tolerance } of FORMATS) {
    it(`draws a ${format.toUpperCase()} through the bytes path, fitted and centred`, async () => {
      const { page, shown, diagnostics, close } = await showPattern(format);
      try {
        assert.deepEqual(shown.value, { role: 'document_front', width: 400, height: 300, format, path: 'bytes' });
        assert.deepEqual(await page.evaluate(() => harness.canvasState()), { width: 500, height: 400, cssWidth: 500, cssHeight: 400 });
        const { samples, pixels } = await readSamples(page, { canvas: CANVAS });
        assertColorsNear(pixels, samples, tolerance, format);

        const events = await page.evaluate(() => harness.events);
        const progress = events.filter((event) => event.type === 'progress');
        assert.ok(progress.length >= 1);
        assert.deepEqual(progress.at(-1).detail, { role: 'document_front', received: images[format].length, total: images[format].length });
        assert.deepEqual(events.filter((event) => event.type === 'loaded').map((event) => event.detail.path), ['bytes']);
        const { consoleErrors, pageErrors, cspViolations } = await diagnostics();
        assert.deepEqual(unexpectedConsoleErrors(consoleErrors), []);
        assert.deepEqual(pageErrors, []);
        assert.deepEqual(cspViolations, [], 'the package runs under a strict CSP (no eval, no inline styles)');
      } finally {
        await close();
      }
    });
  }

  it('finds a JPEG frame header behind ~195 KB of application segments (the sniff asks for more)', async () => {
    const { page, shown, close } = await showPattern('deep-header');
    try {
      assert.deepEqual(shown.value, { role: 'document_front', width: 400, height: 300, format: 'jpeg', path: 'bytes' });
      const { samples, pixels } = await readSamples(page, { canvas: CANVAS });
      assertColorsNear(pixels, samples, 30, 'JPEG with a deep header');
    } finally {
      await close();
    }
  });

  it('rotates a quarter turn clockwise, then another, and back counter-clockwise', async () => {
    const { page, close } = await showPattern('png');
    try {
      await page.evaluate(() => harness.viewer.rotate());
      let read = await readSamples(page, { canvas: CANVAS, steps: ['cw'] });
      assertColorsNear(read.pixels, read.samples, 3, 'rotate(1)');
      assert.deepEqual(await page.evaluate(() => harness.viewer.view), { scale: 400 / 400, rotation: 90, flipped: false, fitted: true });

      await page.evaluate(() => harness.viewer.rotate(1));
      read = await readSamples(page, { canvas: CANVAS, steps: ['cw', 'cw'] });
      assertColorsNear(read.pixels, read.samples, 3, 'rotate(1) twice');

      await page.evaluate(() => harness.viewer.rotate(-1));
      read = await readSamples(page, { canvas: CANVAS, steps: ['cw', 'cw', 'ccw'] });
      assertColorsNear(read.pixels, read.samples, 3, 'rotate(-1) after two turns');
    } finally {
      await close();
    }
  });

  it('flips horizontally, and turns the flipped image clockwise on screen', async () => {
    const { page, close } = await showPattern('jpeg');
    try {
      await page.evaluate(() => harness.viewer.flip());
      let read = await readSamples(page, { canvas: CANVAS, steps: ['flip'] });
      assertColorsNear(read.pixels, read.samples, 30, 'flip()');

      await page.evaluate(() => harness.viewer.rotate(1));
      read = await readSamples(page, { canvas: CANVAS, steps: ['flip', 'cw'] });
      assertColorsNear(read.pixels, read.samples, 30, 'flip() then rotate(1)');
    } finally {
      await close();
    }
  });

  it('zooms about the centre or an anchor, pans, fits again and resets', async () => {
    const { page, close } = await showPattern('png');
    try {
      await page.evaluate(() => harness.viewer.zoom(1.5));
      let read = await readSamples(page, { canvas: CANVAS, zoom: 1.5 });
      assertColorsNear(read.pixels, read.samples, 3, 'zoom(1.5)');

      await page.evaluate(() => harness.viewer.pan(40, -20));
      read = await readSamples(page, { canvas: CANVAS, zoom: 1.5, pan: [40, -20] });
      assertColorsNear(read.pixels, read.samples, 3, 'zoom(1.5) then pan(40, -20)');

      await page.evaluate(() => harness.viewer.zoomTo('fit'));
      read = await readSamples(page, { canvas: CANVAS });
      assertColorsNear(read.pixels, read.samples, 3, "zoomTo('fit')");

      const anchor = { x: 100, y: 100 };
      await page.evaluate((a) => harness.viewer.zoom(1.25, a), anchor);
      read = await readSamples(page, { canvas: CANVAS, zoom: 1.25, anchor });
      assertColorsNear(read.pixels, read.samples, 3, 'zoom(1.25) about (100, 100)');

      await page.evaluate(() => {
        harness.viewer.rotate(1);
        harness.viewer.flip();
        harness.viewer.reset();
      });
      read = await readSamples(page, { canvas: CANVAS });
      assertColorsNear(read.pixels, read.samples, 3, 'reset()');

      await page.evaluate(() => harness.viewer.zoomTo('actual'));
      assert.equal((await page.evaluate(() => harness.viewer.view)).scale, 1);
      read = await readSamples(page, { canvas: CANVAS, zoom: 1 / 1.25 }); // 1:1 from the fit scale of 1.25
      assertColorsNear(read.pixels, read.samples, 3, "zoomTo('actual')");
    } finally {
      await close();
    }
  });

  it('sizes the backing store for devicePixelRatio and draws at that density', async () => {
    const { page, close } = await showPattern('png', { devicePixelRatio: 2 });
    try {
      assert.deepEqual(await page.evaluate(() => harness.canvasState()), { width: 1000, height: 800, cssWidth: 500, cssHeight: 400 });
      const { samples, pixels } = await readSamples(page, { canvas: CANVAS }, 2);
      assertColorsNear(pixels, samples, 3, 'devicePixelRatio 2');
    } finally {
      await close();
    }
  });

  it('follows the window devicePixelRatio when no override is given', async (t) => {
    if (!rig.engine.supports.deviceScaleFactor) {
      t.skip(`${rig.engine.version} under WebDriver cannot give a page a devicePixelRatio other than 1`);
      return;
    }
    const { page, close } = await showPattern('png', {}, { deviceScaleFactor: 2 });
    try {
      assert.deepEqual(await page.evaluate(() => harness.canvasState()), { width: 1000, height: 800, cssWidth: 500, cssHeight: 400 });
    } finally {
      await close();
    }
  });

  it('burns the watermark into the canvas pixels, over the whole image', async () => {
    // Grid points of the fitted pattern (shown 500×375 from y = 12.5), away from colour edges.
    const points = [];
    for (let y = 16; y < 384; y += 6) {
      for (let x = 4; x < 496; x += 6) {
        const [ix, iy] = [x / 1.25, (y - 12.5) / 1.25];
        const nearEdge = [200, 30, 70].some((edge) => Math.abs(ix - edge) < 3) || [150, 30, 70].some((edge) => Math.abs(iy - edge) < 3);
        if (!nearEdge) points.push({ at: [x, y], color: patternColorAt(ix, iy) });
      }
    }
    const shareChanged = async (page) => {
      const pixels = await page.evaluate((at) => harness.readPixels(at), points.map((point) => point.at));
      const changed = pixels.filter((rgba, i) => Math.max(...points[i].color.map((c, k) => Math.abs(c - rgba[k]))) > 12);
      return changed.length / points.length;
    };
    // One page at a time: in Firefox a second page hides the first, which clears its viewer.
    const plain = await showPattern('png');
    let withoutMark;
    try {
      withoutMark = await shareChanged(plain.page);
    } finally {
      await plain.close();
    }
    const marked = await showPattern('png');
    try {
      await marked.page.evaluate((o) => harness.create(o, { watermarkText: 'reviewer rv_42 · 2026-01-01 10:00' }), { allowedHosts: [rig.files.host] });
      const bundle = makeBundle([{ role: 'document_front', url: `${rig.files.origin}/links/pattern-png` }]);
      assert.ok((await marked.page.evaluate((b) => harness.show(b), bundle)).ok);
      const withMark = await shareChanged(marked.page);
      assert.ok(withoutMark < 0.01, `without a watermark the pixels are the image (${(withoutMark * 100).toFixed(1)}% differ)`);
      assert.ok(withMark > 0.05, `the watermark changes pixels across the image (${(withMark * 100).toFixed(1)}% differ)`);
      assert.ok(withMark < 0.6, `the image stays visible under the watermark (${(withMark * 100).toFixed(1)}% differ)`);

      // Every quarter of the canvas carries some of the watermark (it is tiled, not one label).
      const quarters = [[0, 0], [250, 0], [0, 200], [250, 200]];
      const pixels = await marked.page.evaluate((at) => harness.readPixels(at), points.map((point) => point.at));
      for (const [qx, qy] of quarters) {
        const inQuarter = points.map((point, i) => ({ point, rgba: pixels[i] }))
          .filter(({ point: { at: [x, y] } }) => x >= qx && x < qx + 250 && y >= qy && y < qy + 200);
        const touched = inQuarter.filter(({ point, rgba }) => Math.max(...point.color.map((c, k) => Math.abs(c - rgba[k]))) > 12);
        assert.ok(touched.length > 0, `the watermark reaches the quarter at (${qx}, ${qy})`);
      }
    } finally {
      await marked.close();
    }
  });

  it('keeps the layout size of a canvas that has no CSS size while it resizes its backing store', async () => {
    const { page, close } = await rig.openViewerPage();
    try {
      const sizes = await page.evaluate(async ({ allowedHosts, bundle }) => {
        const canvas = document.createElement('canvas'); // 300×150 by default, sized by its backing store
        document.body.append(canvas);
        const size = () => ({ css: [canvas.clientWidth, canvas.clientHeight], backing: [canvas.width, canvas.height] });
        const viewer = await harness.package.createViewer(canvas, { allowedHosts, devicePixelRatio: 2 });
        const created = size();
        await viewer.show(bundle);
        const shown = size();
        viewer.clear();
        return { created, shown, cleared: size() };
      }, { allowedHosts: [rig.files.host], bundle: makeBundle([{ role: 'document_front', url: `${rig.files.origin}/links/pattern-png` }]) });
      assert.deepEqual(sizes, {
        created: { css: [300, 150], backing: [0, 0] },
        shown: { css: [300, 150], backing: [600, 300] },
        cleared: { css: [300, 150], backing: [0, 0] },
      });
    } finally {
      await close();
    }
  });

  it('on() returns an unsubscribe function; a throwing listener breaks neither the viewer nor other listeners', async () => {
    const { page, diagnostics, close } = await rig.openViewerPage();
    try {
      const outcome = await page.evaluate(async ({ allowedHosts, bundle }) => {
        const viewer = await harness.package.createViewer(document.querySelector('#view'), { allowedHosts });
        const calls = { kept: 0, removed: 0 };
        viewer.on('loaded', () => {
          throw new Error('listener failure on purpose');
        });
        viewer.on('loaded', () => (calls.kept += 1));
        const off = viewer.on('loaded', () => (calls.removed += 1));
        off();
        const result = await viewer.show(bundle);
        await new Promise((resolve) => queueMicrotask(resolve)); // after the rethrow's microtask
        return { calls, path: result.path };
      }, { allowedHosts: [rig.files.host], bundle: makeBundle([{ role: 'document_front', url: `${rig.files.origin}/links/pattern-png` }]) });
      assert.deepEqual(outcome, { calls: { kept: 1, removed: 0 }, path: 'bytes' });
      // (Firefox reports it a moment later, and prefixes the message with "Error: ".)
      let pageErrors = [];
      for (let tries = 0; tries < 40 && pageErrors.length === 0; tries += 1) {
        ({ pageErrors } = await diagnostics());
        if (pageErrors.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.deepEqual(pageErrors.map((message) => message.replace(/^Error: /, '')), ['listener failure on purpose'],
        'the listener error is reported, not swallowed');
    } finally {
      await close();
    }
  });
});
