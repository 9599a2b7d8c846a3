// What clears the canvas besides clear(): pagehide, the page becoming hidden (option
// clearOnHidden), inactivity and the end of the viewing window (both driven by the
// core's lifecycle and one timer), and destroy(). The tests wait for the 'cleared'
// event; they assert what happened, never how long it took. In every engine (engines.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { encodePattern } from '../../scripts/harness/image-generators.mjs';
import { enginesUnderTest } from './support/engines.mjs';
import { encodeReferenceImages } from './support/reference-images.mjs';
import { trackImageResources } from './support/resource-tracker.mjs';
import { startViewerRig } from './support/viewer-rig.mjs';

let encoded = null;
const referenceJpeg = () => (encoded ??= encodeReferenceImages((page) => encodePattern(page, { type: 'image/jpeg' })));

for (const engineName of enginesUnderTest()) describe(`viewer clearing triggers (${engineName})`, () => {
  let rig;
  let bundle;

  before(async () => {
    const jpeg = await referenceJpeg();
    rig = await startViewerRig({ engine: engineName });
    const url = rig.files.serve('/links/pattern', { body: jpeg, type: 'image/jpeg' });
    bundle = () => makeBundle([{ role: 'selfie_face', url }]);
  });
  after(() => rig?.close());

  async function shown(options = {}) {
    const handle = await rig.openViewerPage({ initScripts: [trackImageResources] });
    await handle.page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host], ...options });
    const result = await handle.page.evaluate((b) => harness.show(b), bundle());
    assert.ok(result.ok, `${result.code} ${result.message}`);
    return handle;
  }

  async function assertWiped(page, reason) {
    const cleared = await page.evaluate(() => harness.events.filter((event) => event.type === 'cleared').map((event) => event.detail.reason));
    assert.deepEqual(cleared, [reason]);
    const canvas = await page.evaluate(() => harness.canvasState());
    assert.deepEqual([canvas.width, canvas.height], [0, 0]);
    assert.equal(await page.evaluate(() => harness.viewer.state), 'cleared');
    assert.equal((await page.evaluate(() => imageResources())).bitmapsOpen, 0);
  }

  // A headless browser never hides its page, so the test plays the browser's part:
  // the document reports 'hidden' and the event fires, as when the tab goes to the background.
  const hidePage = (page) =>
    page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });

  it('pagehide clears the canvas', async () => {
    const { page, close } = await shown();
    try {
      await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
      await assertWiped(page, 'pagehide');
    } finally {
      await close();
    }
  });

  it('leaving the page clears the viewer during the real pagehide', async () => {
    const { page, close } = await shown();
    try {
      // sessionStorage outlives the navigation (same tab, same origin), unlike the page.
      await page.evaluate(() => harness.viewer.on('cleared', ({ reason }) => sessionStorage.setItem('cleared', reason)));
      const pageUrl = await page.url();
      await page.goto('about:blank');
      await page.goto(pageUrl);
      assert.equal(await page.evaluate(() => sessionStorage.getItem('cleared')), 'pagehide');
    } finally {
      await close();
    }
  });

  it('visibilitychange to hidden clears the canvas (clearOnHidden defaults to true)', async () => {
    const { page, close } = await shown();
    try {
      await hidePage(page);
      await assertWiped(page, 'hidden');
    } finally {
      await close();
    }
  });

  it('with clearOnHidden: false, a hidden page keeps the image', async () => {
    const { page, close } = await shown({ clearOnHidden: false });
    try {
      await hidePage(page);
      assert.equal(await page.evaluate(() => harness.viewer.state), 'shown');
      assert.deepEqual(await page.evaluate(() => harness.events.filter((event) => event.type === 'cleared')), []);
      assert.equal((await page.evaluate(() => harness.canvasState())).width, 500);
    } finally {
      await close();
    }
  });

  // The timers run from show(): on a busy machine they may fire before the test asks, so
  // it waits for the event in the record, not for the next one.
  const firstCleared = async (page) => {
    await page.waitForFunction(() => harness.events.some((event) => event.type === 'cleared'));
    return page.evaluate(() => harness.events.find((event) => event.type === 'cleared'));
  };

  it('inactivity clears the canvas', async () => {
    const { page, close } = await shown({ inactivityMs: 300 });
    try {
      const cleared = await firstCleared(page);
      assert.equal(cleared.detail.reason, 'inactivity');
      await assertWiped(page, 'inactivity');
    } finally {
      await close();
    }
  });

  it('the end of the viewing window clears the canvas', async () => {
    const { page, close } = await shown({ viewingWindowMs: 300 });
    try {
      const cleared = await firstCleared(page);
      assert.equal(cleared.detail.reason, 'window_ended');
      await assertWiped(page, 'window_ended');
    } finally {
      await close();
    }
  });

  it('destroy() clears, then refuses further shows', async () => {
    const { page, close } = await shown();
    try {
      await page.evaluate(() => harness.viewer.destroy());
      const canvas = await page.evaluate(() => harness.canvasState());
      assert.deepEqual([canvas.width, canvas.height], [0, 0]);
      assert.equal(await page.evaluate(() => harness.viewer.state), 'destroyed');
      assert.deepEqual(await page.evaluate(() => harness.events.filter((e) => e.type === 'cleared').map((e) => e.detail.reason)), ['destroyed']);
      const again = await page.evaluate((b) => harness.show(b), bundle());
      assert.equal(again.code, 'aborted');
      assert.equal((await page.evaluate(() => imageResources())).bitmapsOpen, 0);
    } finally {
      await close();
    }
  });

  it('a new show() wipes the previous image before loading the next', async () => {
    const { page, close } = await shown();
    try {
      const result = await page.evaluate((b) => harness.show(b), bundle());
      assert.ok(result.ok);
      const resources = await page.evaluate(() => imageResources());
      assert.deepEqual([resources.bitmapsCreated, resources.bitmapsOpen], [2, 1]);
    } finally {
      await close();
    }
  });
});
