// The ways an image reaches the canvas, and what each leaves behind:
//  - bytes path (fetch with CORS → Blob → createImageBitmap): chunks zeroed, bitmap closed;
//  - a large JPEG is painted first from a scaled ImageDecoder frame, then the full bitmap;
//  - object-URL path (no createImageBitmap): the URL revoked once decoded;
//  - element path (files host without CORS): chosen automatically, drawn tainted,
//    checked from a screenshot; the <img> released on clear.
// After clear() the canvas is blank and its backing store 0×0. In every engine
// (engines.mjs): WebKit has no ImageDecoder, and Firefox's frames carry no rotation, so
// there a large JPEG is drawn from its full decode at once, which is tested too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unexpectedConsoleErrors } from '../../scripts/harness/browser.mjs';
import { decodePng } from '../../scripts/harness/png-codec.mjs';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { encodePattern, scaledPattern, withExifOrientation } from '../../scripts/harness/image-generators.mjs';
import { startLoopbackServer } from '../../scripts/harness/loopback-server.mjs';
import { enginesUnderTest } from './support/engines.mjs';
import { encodeReferenceImages } from './support/reference-images.mjs';
import { assertColorsNear, expectedSamples } from './support/expected-view.mjs';
import { removeCreateImageBitmap, trackImageResources } from './support/resource-tracker.mjs';
import { startViewerRig } from './support/viewer-rig.mjs';

const CANVAS = { width: 500, height: 400 };
// What each engine prints when the CORS fetch is refused (the probe that picks the element
// path): Chromium as console errors, Firefox as a page error; WebKit shows scripts neither.
const CORS_FAILURE_MESSAGES = {
  console: [/blocked by CORS policy/, /Failed to load resource: net::ERR_FAILED/],
  page: [/^Cross-Origin Request Blocked: .*\(Reason: CORS header ‘Access-Control-Allow-Origin’ missing\)/],
};
const largePattern = scaledPattern(6); // 2400×1800: fits the 500×400 canvas at about 1/5

let encoded = null;
const referenceImages = () => (encoded ??= encodeReferenceImages(async (page) => ({
  jpeg: await encodePattern(page, { type: 'image/jpeg' }),
  largeJpeg: await encodePattern(page, { type: 'image/jpeg', pattern: largePattern }),
})));

const screenshotPixels = async (page, selector) => decodePng(await page.screenshot({ selector }));

for (const engineName of enginesUnderTest()) describe(`viewer image paths and wiping (${engineName})`, () => {
  let rig;
  let makesPreviews; // an ImageDecoder whose frames carry their rotation (preview.js)

  before(async () => {
    const { jpeg, largeJpeg } = await referenceImages();
    rig = await startViewerRig({ engine: engineName });
    rig.files.serve('/links/large', { body: largeJpeg, type: 'image/jpeg' });
    rig.files.serve('/links/large-exif-6', { body: withExifOrientation(largeJpeg, 6), type: 'image/jpeg' });
    rig.files.serve('/links/small-exif-6', { body: withExifOrientation(jpeg, 6), type: 'image/jpeg' });
    rig.files.serve('/links/with-cors', { body: jpeg, type: 'image/jpeg' });
    rig.files.serve('/links/without-cors', { body: jpeg, type: 'image/jpeg', cors: false });
    const { page, close } = await rig.openViewerPage();
    makesPreviews = await page.evaluate(() => typeof ImageDecoder === 'function' && 'rotation' in VideoFrame.prototype);
    await close();
  });
  after(() => rig?.close());

  async function openAndShow(path, { options = {}, initScripts = [trackImageResources] } = {}) {
    const handle = await rig.openViewerPage({ initScripts });
    await handle.page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host], ...options });
    const bundle = makeBundle([{ role: 'selfie_face', url: `${rig.files.origin}${path}` }]);
    const shown = await handle.page.evaluate((b) => harness.show(b), bundle);
    return { ...handle, shown };
  }

  async function assertBlankAfterClear(page) {
    await page.evaluate(() => harness.viewer.clear());
    assert.deepEqual(await page.evaluate(() => harness.canvasState()), { width: 0, height: 0, cssWidth: 500, cssHeight: 400 });
    const screen = await screenshotPixels(page, '#view');
    for (let y = 5; y < screen.height; y += 25) {
      for (let x = 5; x < screen.width; x += 25) {
        assert.deepEqual(screen.pixel(x, y), [255, 255, 255, 255], `the cleared canvas shows only the page at (${x}, ${y})`);
      }
    }
    const events = await page.evaluate(() => harness.events.filter((event) => event.type === 'cleared'));
    assert.deepEqual(events.map((event) => event.detail), [{ reason: 'user' }]);
    assert.equal(await page.evaluate(() => harness.viewer.state), 'cleared');
    assert.deepEqual(await page.evaluate(() => harness.viewer.roles), []);
  }

  it('bytes path: zeroes every chunk it read and closes the bitmap on clear', async () => {
    const { page, shown, diagnostics, close } = await openAndShow('/links/with-cors');
    try {
      assert.equal(shown.value.path, 'bytes');
      let resources = await page.evaluate(() => imageResources());
      assert.ok(resources.chunksRead > 0, 'the body was streamed through a reader');
      assert.equal(resources.chunksNotZeroed, 0, 'every chunk is zeroed once the Blob holds the bytes');
      assert.equal(resources.objectUrlsCreated, 0, 'the fast path needs no object URL');
      assert.deepEqual([resources.bitmapsCreated, resources.bitmapsOpen], [1, 1], 'one bitmap, kept for redraws while shown');
      assert.equal(resources.imagesCreated, 0);

      await assertBlankAfterClear(page);
      resources = await page.evaluate(() => imageResources());
      assert.equal(resources.bitmapsOpen, 0, 'the bitmap is closed on clear');
      const { consoleErrors, pageErrors } = await diagnostics();
      assert.deepEqual(unexpectedConsoleErrors(consoleErrors), []);
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  });

  it('large JPEG: painted first from a scaled decode where the engine can (else from the full decode at once), then the full-resolution bitmap', async () => {
    const handle = await rig.openViewerPage({ initScripts: [trackImageResources] });
    try {
      const { page } = handle;
      const samples = expectedSamples({ canvas: CANVAS, image: largePattern });
      await page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host] });
      const first = await page.evaluate(async ({ bundle, points }) => {
        const shown = await harness.show(bundle);
        return { shown, resources: imageResources(), pixels: harness.readPixels(points) };
      }, { bundle: makeBundle([{ role: 'document_front', url: `${rig.files.origin}/links/large` }]), points: samples.map((s) => s.at) });
      assert.deepEqual(first.shown.value, { role: 'document_front', width: 2400, height: 1800, format: 'jpeg', path: 'bytes' });
      if (makesPreviews) {
        assert.equal(first.resources.framesDecoded, 1, 'a scaled ImageDecoder frame came first');
        assert.equal(first.resources.framesOpen, 0, 'the frame became a bitmap (it draws faster) and was closed');
        assert.ok(first.resources.bitmapsOpen >= 1, 'the preview is on screen when show() resolves');
      } else {
        // The fallback: no preview, show() resolves once the full bitmap is on screen.
        assert.equal(first.resources.framesDecoded, 0, 'no preview');
        assert.deepEqual([first.resources.bitmapsCreated, first.resources.bitmapsOpen], [1, 1], 'the full bitmap is drawn at once');
      }
      assertColorsNear(first.pixels, samples, 30, makesPreviews ? 'preview' : 'full decode');

      await page.evaluate(async () => {
        await bitmapsSettled();
        await new Promise((resolve) => setTimeout(resolve, 0)); // one task: the swap's continuations run
      });
      const sharp = await page.evaluate((points) => ({ resources: imageResources(), pixels: harness.readPixels(points) }), samples.map((s) => s.at));
      assert.deepEqual([sharp.resources.bitmapsCreated, sharp.resources.bitmapsOpen, sharp.resources.framesOpen], [makesPreviews ? 2 : 1, 1, 0], 'the full bitmap replaced the preview, which is closed');
      assertColorsNear(sharp.pixels, samples, 30, 'full resolution');
      assert.equal(sharp.resources.chunksNotZeroed, 0);
      assert.deepEqual(await page.evaluate(() => harness.events.filter((event) => event.type === 'loaded').length), 1);

      await page.evaluate(() => harness.viewer.clear());
      const cleared = await page.evaluate(() => imageResources());
      assert.deepEqual([cleared.bitmapsOpen, cleared.framesOpen], [0, 0]);
    } finally {
      await handle.close();
    }
  });

  for (const [path, pattern] of [['/links/small-exif-6', undefined], ['/links/large-exif-6', largePattern]]) {
    it(`EXIF orientation 6 is applied, the same way by the preview and the full decode (${path})`, async () => {
      const handle = await rig.openViewerPage({ initScripts: [trackImageResources] });
      try {
        const { page } = handle;
        const samples = expectedSamples({ canvas: CANVAS, image: pattern, steps: ['cw'] });
        await page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host] });
        const first = await page.evaluate(async ({ bundle, points }) => {
          const shown = await harness.show(bundle);
          return { shown, pixels: harness.readPixels(points), previews: imageResources().framesDecoded };
        }, { bundle: makeBundle([{ role: 'document_front', url: `${rig.files.origin}${path}` }]), points: samples.map((s) => s.at) });
        const preview = Boolean(pattern) && makesPreviews;
        assert.equal(first.previews, preview ? 1 : 0, preview ? 'painted from a preview first' : 'no preview (too small, or not in this engine)');
        const [width, height] = pattern ? [pattern.height, pattern.width] : [300, 400];
        assert.deepEqual(first.shown.value, { role: 'document_front', width, height, format: 'jpeg', path: 'bytes' });
        assertColorsNear(first.pixels, samples, 30, 'first paint');
        await page.evaluate(async () => {
          await bitmapsSettled();
          await new Promise((resolve) => setTimeout(resolve, 0));
        });
        assertColorsNear(await page.evaluate((points) => harness.readPixels(points), samples.map((s) => s.at)), samples, 30, 'full resolution');
      } finally {
        await handle.close();
      }
    });
  }

  it('large JPEG cleared as soon as show() resolves (its full decode may still run): nothing is left open', async () => {
    const handle = await rig.openViewerPage({ initScripts: [trackImageResources] });
    try {
      const { page } = handle;
      await page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host] });
      const resources = await page.evaluate(async (bundle) => {
        const shown = await harness.show(bundle);
        harness.viewer.clear();
        await bitmapsSettled();
        await new Promise((resolve) => setTimeout(resolve, 0));
        return { shown: shown.ok, ...imageResources() };
      }, makeBundle([{ role: 'document_front', url: `${rig.files.origin}/links/large` }]));
      assert.equal(resources.shown, true);
      assert.deepEqual([resources.framesDecoded, resources.framesOpen], [makesPreviews ? 1 : 0, 0]);
      assert.equal(resources.bitmapsOpen, 0, 'the preview is closed, and the full decode cancelled (or its late bitmap closed at once)');
      assert.equal(resources.chunksNotZeroed, 0, 'the chunks kept for the full decode are zeroed unused');
    } finally {
      await handle.close();
    }
  });

  it('object-URL path (no createImageBitmap): revokes the URL once decoded, releases the <img> on clear', async () => {
    const { page, shown, close } = await openAndShow('/links/with-cors', { initScripts: [removeCreateImageBitmap, trackImageResources] });
    try {
      assert.ok(shown.ok, `${shown.code} ${shown.message}`);
      assert.equal(shown.value.path, 'bytes');
      let resources = await page.evaluate(() => imageResources());
      assert.equal(resources.bitmapsCreated, 0);
      assert.equal(resources.objectUrlsCreated, 1);
      assert.equal(resources.objectUrlsRevoked, 1, 'revoked as soon as the image decoded, while it is still shown');
      assert.equal(resources.chunksNotZeroed, 0);
      const samples = expectedSamples({ canvas: CANVAS });
      assertColorsNear(await page.evaluate((points) => harness.readPixels(points), samples.map((s) => s.at)), samples, 30, 'object-URL path');

      await assertBlankAfterClear(page);
      resources = await page.evaluate(() => imageResources());
      assert.equal(resources.imagesHoldingSource, 0, 'the decoding <img> lets go of its source');
      assert.equal(resources.objectUrlsOutstanding, 0);
    } finally {
      await close();
    }
  });

  it('element path: a files host without CORS is detected and the image is drawn through an <img>', async () => {
    const { page, shown, diagnostics, close } = await openAndShow('/links/without-cors');
    try {
      assert.ok(shown.ok, `${shown.code} ${shown.message}`);
      assert.deepEqual(shown.value, { role: 'selfie_face', width: 400, height: 300, format: null, path: 'element' });
      const loaded = await page.evaluate(() => harness.events.filter((event) => event.type === 'loaded'));
      assert.deepEqual(loaded.map((event) => event.detail.path), ['element']);
      // The CORS fetch (refused); the probe: a CORS HEAD that follows no redirect (refused
      // too: not a redirect), a no-cors HEAD (the host answers); then the <img> GET.
      assert.deepEqual(rig.files.requestsFor('/links/without-cors').map((request) => request.method), ['GET', 'HEAD', 'HEAD', 'GET']);

      const readBack = await page.evaluate(() => {
        try {
          document.querySelector('#view').getContext('2d').getImageData(0, 0, 1, 1);
          return 'readable';
        } catch (error) {
          return error.name;
        }
      });
      assert.equal(readBack, 'SecurityError', 'the canvas is tainted, by design');

      const screen = await screenshotPixels(page, '#view');
      const samples = expectedSamples({ canvas: CANVAS });
      assertColorsNear(samples.map(({ at: [x, y] }) => screen.pixel(x, y)), samples, 30, 'element path (screenshot)');

      let resources = await page.evaluate(() => imageResources());
      assert.equal(resources.imagesCreated, 1);
      assert.equal(resources.objectUrlsCreated, 0);
      await assertBlankAfterClear(page);
      resources = await page.evaluate(() => imageResources());
      assert.equal(resources.imagesHoldingSource, 0, 'the <img> lets go of the FileLink on clear');
      const { consoleErrors, pageErrors, cspViolations } = await diagnostics();
      assert.deepEqual(unexpectedConsoleErrors(consoleErrors, CORS_FAILURE_MESSAGES.console), []);
      assert.deepEqual(unexpectedConsoleErrors(pageErrors, CORS_FAILURE_MESSAGES.page), []);
      assert.deepEqual(cspViolations, []);
    } finally {
      await close();
    }
  });

  it('element path: the pixel limit is checked on the loaded dimensions', async () => {
    const { page, shown, close } = await openAndShow('/links/without-cors', { options: { maxPixels: 100_000 } });
    try {
      assert.equal(shown.ok, false);
      assert.equal(shown.code, 'too_many_pixels');
      const resources = await page.evaluate(() => imageResources());
      assert.equal(resources.imagesHoldingSource, 0);
      assert.deepEqual(await page.evaluate(() => harness.canvasState()), { width: 0, height: 0, cssWidth: 500, cssHeight: 400 });
    } finally {
      await close();
    }
  });

  it('element path can be turned off: then a host without CORS is cors_blocked', async () => {
    const { page, shown, close } = await openAndShow('/links/without-cors', { options: { elementFallback: false } });
    try {
      assert.equal(shown.code, 'cors_blocked');
      assert.equal((await page.evaluate(() => imageResources())).imagesCreated, 0);
    } finally {
      await close();
    }
  });

  it('an unreachable files host is a network_error, without trying an <img>', async () => {
    const closedServer = await startLoopbackServer((request, response) => response.end());
    await closedServer.close(); // its port now refuses connections
    const host = `localhost:${closedServer.port}`;
    const handle = await rig.openViewerPage({ initScripts: [trackImageResources] });
    try {
      await handle.page.evaluate((o) => harness.create(o), { allowedHosts: [host] });
      const bundle = makeBundle([{ role: 'selfie_face', url: `http://${host}/links/anything` }]);
      const shown = await handle.page.evaluate((b) => harness.show(b), bundle);
      assert.equal(shown.code, 'network_error');
      assert.equal((await handle.page.evaluate(() => imageResources())).imagesCreated, 0);
    } finally {
      await handle.close();
    }
  });
});
