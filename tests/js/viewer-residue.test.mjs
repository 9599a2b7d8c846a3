// After each way the viewer clears — clear(), a hidden page, pagehide, inactivity,
// destroy() — nothing of the verification may stay in the page: on the bytes path and
// on the <img> path, a heap snapshot (taken over CDP after a full garbage collection)
// holds no string containing any link token or id of the bundle, the WebAssembly core's
// whole memory holds none of them and none of the image's bytes, and no bitmap, frame
// or object URL is left open. Each token is fresh for the run, so nothing else in the
// page can hold it by chance.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { encodePattern } from '../../scripts/harness/image-generators.mjs';
import { trackImageResources } from './support/resource-tracker.mjs';
import { asciiBytes, captureWasmMemories, findInHeapSnapshot } from './support/residue-scan.mjs';
import { startViewerRig } from './support/viewer-rig.mjs';

const ROLES = ['document_front', 'document_back', 'selfie_face'];
const fresh = (prefix) => `${prefix}${randomBytes(12).toString('hex')}`;

// Headless Chromium never hides its page: the test plays the browser's part.
const TRIGGERS = {
  'clear()': { run: (page) => page.evaluate(() => harness.viewer.clear()), reason: 'user' },
  'a hidden page': {
    run: (page) => page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    }),
    reason: 'hidden',
  },
  pagehide: { run: (page) => page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }))), reason: 'pagehide' },
  inactivity: { options: { inactivityMs: 400 }, run: (page) => page.evaluate(() => harness.nextEvent('cleared')), reason: 'inactivity' },
  'destroy()': { run: (page) => page.evaluate(() => harness.viewer.destroy()), reason: 'destroyed' },
};

describe('nothing of the verification stays in the page after clearing', () => {
  let rig;
  let jpeg;

  before(async () => {
    rig = await startViewerRig();
    const { page, close } = await rig.openViewerPage();
    jpeg = await encodePattern(page, { type: 'image/jpeg' });
    await close();
  });
  after(() => rig?.close());

  // A bundle of three images with fresh tokens in every URL and id, served with or
  // without CORS; returns it with every string that must not survive.
  function freshBundle({ cors }) {
    const images = ROLES.map((role) => {
      const token = fresh('fl_tok_');
      const url = rig.files.serve(`/links/${token}`, { body: jpeg, type: 'image/jpeg', cors });
      return { role, url, token };
    });
    const bundle = makeBundle(images);
    bundle.verification_session = fresh('vs_');
    bundle.verification_report = fresh('vr_');
    bundle.images.forEach((image) => {
      image.file = fresh('file_');
      image.file_link = fresh('link_');
    });
    const secrets = [bundle.verification_session, bundle.verification_report];
    for (const [index, image] of bundle.images.entries()) secrets.push(images[index].token, image.url, image.file, image.file_link);
    return { bundle, secrets };
  }

  // The control: both scans find what is there. While shown, the viewer holds the
  // bundle (to select other roles), so the snapshot must find every URL; bytes written
  // into the core's heap must be found in its memory, and gone once wiped.
  it('control: the scans see the bundle while it is shown, and bytes in the core heap', async () => {
    const { page, close } = await rig.openViewerPage({ initScripts: [captureWasmMemories] });
    try {
      const { bundle } = freshBundle({ cors: true });
      await page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host] });
      assert.ok((await page.evaluate((b) => harness.show(b), bundle)).ok);
      const urls = bundle.images.map((image) => image.url);
      const heap = await findInHeapSnapshot(page, urls);
      for (const entry of heap) {
        assert.ok(entry.strings > 0, `the snapshot shows ${entry.needle}`);
        assert.match(entry.retainers.join('\n'), /Viewer/, 'held by the viewer while shown');
      }

      const marker = fresh('marker_');
      const counts = await page.evaluate(async ({ text }) => {
        const { loadCore } = await import('/web/src/core-loader.js'); // the same module instance as the viewer's
        const core = await loadCore();
        const buffer = new core.SecureBuffer(text.length);
        buffer.view().set([...text].map((c) => c.charCodeAt(0)));
        const needle = [...text].map((c) => c.charCodeAt(0));
        const whileHeld = scanWasmMemories([needle]).found[0].count;
        buffer.delete();
        return { whileHeld, afterDelete: scanWasmMemories([needle]).found[0].count };
      }, { text: marker });
      assert.deepEqual(counts, { whileHeld: 1, afterDelete: 0 });
    } finally {
      await close();
    }
  });

  for (const [path, cors] of [['bytes', true], ['element', false]]) {
    for (const [trigger, { options = {}, run, reason }] of Object.entries(TRIGGERS)) {
      it(`${path} path, after ${trigger}`, async () => {
        const { page, close } = await rig.openViewerPage({ initScripts: [trackImageResources, captureWasmMemories] });
        try {
          const { bundle, secrets } = freshBundle({ cors });
          await page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host], ...options });
          const shown = await page.evaluate((b) => harness.show(b), bundle);
          assert.ok(shown.ok, `${shown.code}: ${shown.message}`);
          assert.equal(shown.value.path, path);

          await run(page);
          const cleared = await page.evaluate(() => harness.events.filter((event) => event.type === 'cleared').map((event) => event.detail.reason));
          assert.deepEqual(cleared, [reason]);

          // The snapshot first: the memory scan below must not put anything in the JS heap before it.
          const heap = await findInHeapSnapshot(page, secrets);
          const inHeap = heap.filter((entry) => entry.strings > 0);
          assert.deepEqual(inHeap, [], `strings still reachable in the JS heap:\n${JSON.stringify(inHeap, null, 2)}`);

          // A run of the image's own bytes from inside the header prefix the sniff copied in.
          const imageBytes = [...jpeg.subarray(3000, 3032)];
          const scan = await page.evaluate((needles) => scanWasmMemories(needles), [...secrets.map(asciiBytes), imageBytes]);
          assert.equal(scan.memories, 1, 'the viewer core has one WebAssembly memory');
          assert.ok(scan.bytesScanned >= 16 * 1024 * 1024, 'the whole memory was scanned');
          const inMemory = [...secrets, 'the image bytes'].map((needle, index) => ({ needle, ...scan.found[index] })).filter((entry) => entry.count > 0);
          assert.deepEqual(inMemory, [], 'copies left in the WebAssembly memory');

          const resources = await page.evaluate(() => imageResources());
          assert.deepEqual(
            [resources.bitmapsOpen, resources.framesOpen, resources.objectUrlsOutstanding, resources.imagesHoldingSource, resources.chunksNotZeroed],
            [0, 0, 0, 0, 0],
            'no bitmap, frame, object URL, <img> source or unzeroed chunk left',
          );
        } finally {
          await close();
        }
      });
    }
  }
});
