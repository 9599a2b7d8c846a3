// Links that live longer than Stripe lets identity FileLinks live (30 s plus the clock
// skew allowance after issued_at) are refused with link_lifetime_too_long before any
// request, and never sent to refreshBundle; options out of their range are a TypeError
// at createViewer() and validateBundle(), never silently capped.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { encodePattern } from '../../scripts/harness/image-generators.mjs';
import { assertColorsNear, expectedSamples } from './support/expected-view.mjs';
import { startViewerRig } from './support/viewer-rig.mjs';

const CANVAS = { width: 500, height: 400 };

describe('viewer link lifetime and option ranges', () => {
  let rig;

  before(async () => {
    rig = await startViewerRig();
    const { page, close } = await rig.openViewerPage();
    const png = await encodePattern(page, { type: 'image/png' });
    await close();
    rig.files.serve('/links/day-long', { body: png, type: 'image/png' });
    rig.files.serve('/links/stripe-like', { body: png, type: 'image/png' });
  });
  after(() => rig?.close());

  // A bundle issued now whose link expires `lifetime` seconds later.
  function bundleLiving(path, lifetime) {
    const bundle = makeBundle([{ role: 'document_front', url: `${rig.files.origin}${path}` }]);
    bundle.images[0].expires_at = bundle.issued_at + lifetime;
    return bundle;
  }

  it('a link valid for a day is refused with link_lifetime_too_long, before it is fetched or refreshed', async () => {
    const { page, close } = await rig.openViewerPage();
    try {
      await page.evaluate((o) => harness.create(o, { refresh: true }), { allowedHosts: [rig.files.host] });
      const shown = await page.evaluate((b) => harness.show(b), bundleLiving('/links/day-long', 86_400));
      assert.equal(shown.ok, false, 'the day-long link was shown');
      assert.equal(shown.code, 'link_lifetime_too_long', shown.message);
      assert.match(shown.message, /86400 s after issued_at/);
      assert.equal(await page.evaluate(() => harness.refreshCalls()), 0, 'a policy refusal is not an expiry');
      const events = await page.evaluate(() => harness.events.map((event) => [event.type, event.detail.code]));
      assert.deepEqual(events, [['error', 'link_lifetime_too_long']]);
      assert.deepEqual(rig.files.requestsFor('/links/day-long'), [], 'no request reached the files host');
      assert.deepEqual(await page.evaluate(() => harness.canvasState()), { width: 0, height: 0, cssWidth: 500, cssHeight: 400 });
    } finally {
      await close();
    }
  });

  it('30 s plus the 5 s default skew is the longest life accepted (control: drawn)', async () => {
    const { page, close } = await rig.openViewerPage();
    try {
      await page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host] });
      const tooLong = await page.evaluate((b) => harness.show(b), bundleLiving('/links/stripe-like', 36));
      assert.equal(tooLong.code, 'link_lifetime_too_long');
      const shown = await page.evaluate((b) => harness.show(b), bundleLiving('/links/stripe-like', 35));
      assert.ok(shown.ok, `${shown.code}: ${shown.message}`);
      const samples = expectedSamples({ canvas: CANVAS });
      assertColorsNear(await page.evaluate((points) => harness.readPixels(points), samples.map((s) => s.at)), samples, 3, '35 s link');
    } finally {
      await close();
    }
  });

  it('a larger clockSkewSeconds widens the lifetime allowance with it', async () => {
    const { page, close } = await rig.openViewerPage();
    try {
      await page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host], clockSkewSeconds: 20 });
      const shown = await page.evaluate((b) => harness.show(b), bundleLiving('/links/stripe-like', 50));
      assert.ok(shown.ok, `${shown.code}: ${shown.message}`);
      const refused = await page.evaluate((b) => harness.show(b), bundleLiving('/links/stripe-like', 51));
      assert.equal(refused.code, 'link_lifetime_too_long');
    } finally {
      await close();
    }
  });

  it('out-of-range options are a TypeError at createViewer() and validateBundle(), not a silent cap', async () => {
    const { page, close } = await rig.openViewerPage();
    try {
      const outcomes = await page.evaluate(async () => {
        const canvas = document.querySelector('#view');
        const { createViewer, validateBundle } = harness.package;
        const attempt = async (make) => {
          try {
            const made = await make();
            made?.destroy?.();
            return 'accepted';
          } catch (error) {
            return `${error.name}: ${error.message}`;
          }
        };
        const now = Math.floor(Date.now() / 1000);
        const bundle = {
          verification_session: 'vs_1', verification_report: 'vr_1', issued_at: now,
          images: [{ role: 'selfie_face', file: 'file_1', file_link: 'link_1', url: 'https://files.stripe.com/links/x', expires_at: now + 30 }],
        };
        return {
          skew3600: await attempt(() => createViewer(canvas, { clockSkewSeconds: 3600 })),
          skew61: await attempt(() => createViewer(canvas, { clockSkewSeconds: 61 })),
          skewNegative: await attempt(() => createViewer(canvas, { clockSkewSeconds: -1 })),
          skewNaN: await attempt(() => createViewer(canvas, { clockSkewSeconds: Number.NaN })),
          skew60: await attempt(() => createViewer(canvas, { clockSkewSeconds: 60 })),
          timeoutTooLong: await attempt(() => createViewer(canvas, { timeoutMs: 2 ** 31 })),
          timeoutLongest: await attempt(() => createViewer(canvas, { timeoutMs: 2 ** 31 - 1 })),
          validateSkew120: await attempt(() => validateBundle(bundle, { clockSkewSeconds: 120 })),
          validateSkew0: await attempt(() => validateBundle(bundle, { clockSkewSeconds: 0 })),
        };
      });
      assert.deepEqual(outcomes, {
        skew3600: 'TypeError: clockSkewSeconds must be at most 60',
        skew61: 'TypeError: clockSkewSeconds must be at most 60',
        skewNegative: 'TypeError: clockSkewSeconds must be a number ≥ 0',
        skewNaN: 'TypeError: clockSkewSeconds must be a number ≥ 0',
        skew60: 'accepted',
        timeoutTooLong: 'TypeError: timeoutMs must be at most 2147483647',
        timeoutLongest: 'accepted',
        validateSkew120: 'TypeError: clockSkewSeconds must be at most 60',
        validateSkew0: 'accepted',
      });
    } finally {
      await close();
    }
  });
});
