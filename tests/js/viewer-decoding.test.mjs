// How the bytes path decodes a large JPEG, in Chromium with and without WebCodecs'
// ImageDecoder. The full-resolution bitmap always comes from a Blob (createImageBitmap);
// the scaled preview's decoder gets the bytes without one:
//  - in one piece once the body has arrived, when it arrives quickly (loopback); the
//    Blob for the full decode is made after the preview is on screen;
//  - chunk by chunk while the body arrives, when it takes a while (a throttled network),
//    so little decoding is left when the last byte lands;
//  - without ImageDecoder (as in Firefox and WebKit) there is no preview: one bitmap,
//    chunks zeroed, closed on clear.
// Each checks the pixels on the canvas and what is left open.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { encodePattern, scaledPattern } from '../../scripts/harness/image-generators.mjs';
import { assertColorsNear, expectedSamples } from './support/expected-view.mjs';
import { removeImageDecoder, trackImageResources } from './support/resource-tracker.mjs';
import { startViewerRig } from './support/viewer-rig.mjs';

const CANVAS = { width: 500, height: 400 };
const LARGE = scaledPattern(8); // 3200×2400, a preview with ImageDecoder

describe('viewer decoding paths', () => {
  let rig;

  before(async () => {
    rig = await startViewerRig();
    const { page, close } = await rig.openViewerPage();
    rig.files.serve('/links/large', { body: await encodePattern(page, { type: 'image/jpeg', pattern: LARGE }), type: 'image/jpeg' });
    await close();
  });
  after(() => rig?.close());

  async function show(path, { initScripts = [trackImageResources], throttle } = {}) {
    const handle = await rig.openViewerPage({ initScripts });
    if (throttle) {
      const cdp = await handle.page.context().newCDPSession(handle.page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, ...throttle });
    }
    await handle.page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host] });
    const shown = await handle.page.evaluate((b) => harness.show(b), makeBundle([{ role: 'document_front', url: `${rig.files.origin}${path}` }]));
    assert.ok(shown.ok, `${shown.code}: ${shown.message}`);
    return { ...handle, shown };
  }

  const pixelsFor = async (page, image) => {
    const samples = expectedSamples({ canvas: CANVAS, image });
    return { samples, pixels: await page.evaluate((points) => harness.readPixels(points), samples.map((s) => s.at)) };
  };

  async function settle(page) {
    await page.evaluate(async () => {
      await bitmapsSettled();
      await new Promise((resolve) => setTimeout(resolve, 0)); // the swap runs right after the decode
    });
    return page.evaluate(() => imageResources());
  }

  it('loopback: the preview decoder gets the whole body once it has arrived', async () => {
    const { page, close } = await show('/links/large');
    try {
      const resources = await page.evaluate(() => imageResources());
      assert.equal(resources.scaledDecoders, 1, 'a scaled preview');
      assert.equal(resources.decoderBeforeLastChunk, false, 'made after the last chunk');
      const { samples, pixels } = await pixelsFor(page, LARGE);
      assertColorsNear(pixels, samples, 30, 'preview');
      const settled = await settle(page);
      assert.deepEqual([settled.bitmapsCreated, settled.bitmapsOpen, settled.framesOpen], [2, 1, 0], 'the full bitmap replaced the preview');
      assert.equal(settled.chunksNotZeroed, 0, 'every chunk is zeroed once the Blob of the full decode holds the bytes');
    } finally {
      await close();
    }
  });

  it('a slow network: the preview decoder takes the chunks while the body arrives', async () => {
    // 3200×2400 at 1.5 Mbit/s: the body takes far longer than the viewer waits before streaming.
    const { page, close } = await show('/links/large', { throttle: { downloadThroughput: 1.5e6 / 8, uploadThroughput: 1.5e6 / 8 } });
    try {
      const progress = await page.evaluate(() => harness.events.filter((event) => event.type === 'progress').length);
      assert.ok(progress > 3, `the body arrived in several chunks (${progress})`);
      const resources = await page.evaluate(() => imageResources());
      assert.equal(resources.decoderBeforeLastChunk, true, 'the decoder existed before the last chunk arrived');
      assert.equal(resources.scaledDecoders, 1);
      const { samples, pixels } = await pixelsFor(page, LARGE);
      assertColorsNear(pixels, samples, 30, 'streamed preview');
      const settled = await settle(page);
      assert.deepEqual([settled.bitmapsOpen, settled.framesOpen], [1, 0], 'the full bitmap replaced the preview');
      assert.equal(settled.chunksNotZeroed, 0, 'every chunk is zeroed once the decoder and the Blob hold the bytes');
      assertColorsNear(await page.evaluate((points) => harness.readPixels(points), samples.map((s) => s.at)), samples, 30, 'full resolution');
    } finally {
      await close();
    }
  });

  it('without ImageDecoder (Firefox, WebKit): no preview, one full bitmap from the Blob, closed on clear', async () => {
    const { page, shown, close } = await show('/links/large', { initScripts: [removeImageDecoder, trackImageResources] });
    try {
      assert.deepEqual(shown.value, { role: 'document_front', width: 3200, height: 2400, format: 'jpeg', path: 'bytes' });
      let resources = await page.evaluate(() => imageResources());
      assert.deepEqual([resources.bitmapsCreated, resources.bitmapsOpen, resources.framesDecoded], [1, 1, 0]);
      assert.equal(resources.chunksNotZeroed, 0, 'every chunk is zeroed once the Blob holds the bytes');
      const { samples, pixels } = await pixelsFor(page, LARGE);
      assertColorsNear(pixels, samples, 30, 'full size, no preview');
      await page.evaluate(() => harness.viewer.clear());
      resources = await page.evaluate(() => imageResources());
      assert.equal(resources.bitmapsOpen, 0);
    } finally {
      await close();
    }
  });
});
