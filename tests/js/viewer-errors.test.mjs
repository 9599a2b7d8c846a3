// Every refusal comes back as a ViewerError with its stable code (from show() and as
// an 'error' event), leaves the canvas empty, and never quotes the FileLink URL.
// Refusals on the bytes are made before any decoder runs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { encodePattern } from '../../scripts/harness/image-generators.mjs';
import { pngClaimingSize } from '../../scripts/harness/png-codec.mjs';
import { trackImageResources } from './support/resource-tracker.mjs';
import { startViewerRig } from './support/viewer-rig.mjs';

// Part of every link path: it must never appear in an error message.
const SECRET = 'fl_tok_7Hq2xSECRET';

describe('viewer error codes', () => {
  let rig;
  let png;
  let jpeg;

  before(async () => {
    rig = await startViewerRig();
    const { page, close } = await rig.openViewerPage();
    png = await encodePattern(page, { type: 'image/png' });
    jpeg = await encodePattern(page, { type: 'image/jpeg' });
    await close();
    const serve = (name, route) => rig.files.serve(`/links/${SECRET}/${name}`, route);
    serve('pattern.jpg', { body: jpeg, type: 'image/jpeg' });
    serve('pattern-chunked.jpg', { body: jpeg, type: 'image/jpeg', delivery: 'chunked' });
    serve('error-page', { body: '<!doctype html><html><body><h1>Oops</h1><p>Something went wrong.</p></body></html>', type: 'image/jpeg' });
    serve('bomb.png', { body: pngClaimingSize(100_000, 100_000), type: 'image/png' });
    serve('header-cut.png', { body: png.subarray(0, 20), type: 'image/png' });
    serve('connection-drop.jpg', { body: jpeg, type: 'image/jpeg', delivery: 'cut' });
    serve('stall.jpg', { delivery: 'stall' });
    serve('server-error.jpg', { status: 500, body: 'internal error', type: 'text/plain' });
  });
  after(() => rig?.close());

  const link = (name) => `${rig.files.origin}/links/${SECRET}/${name}`;
  const frontOnly = (url, extra = {}) => makeBundle([{ role: 'document_front', url, ...extra }]);

  async function expectRefusal({ bundle, options = {}, showOptions, code, noDecode = false }) {
    const { page, close } = await rig.openViewerPage({ initScripts: [trackImageResources] });
    try {
      await page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host], ...options });
      const shown = await page.evaluate(([b, s]) => harness.show(b, s), [bundle, showOptions]);
      assert.equal(shown.ok, false, `expected ${code}, but the image was shown`);
      assert.equal(shown.code, code, `expected ${code}, got ${shown.code}: ${shown.message}`);
      assert.equal(shown.isViewerError, true);
      assert.equal(shown.name, 'ViewerError');
      assert.ok(!shown.message.includes(SECRET), `the message quotes the link: ${shown.message}`);
      assert.ok(await page.evaluate((c) => harness.package.ERROR_CODES.includes(c), shown.code));

      const errorEvents = await page.evaluate(() => harness.events.filter((event) => event.type === 'error'));
      assert.deepEqual(errorEvents.map((event) => event.detail.code), [code]);
      assert.equal(await page.evaluate(() => harness.viewer.state), 'failed');
      const canvas = await page.evaluate(() => harness.canvasState());
      assert.deepEqual([canvas.width, canvas.height], [0, 0]);
      const resources = await page.evaluate(() => imageResources());
      assert.equal(resources.chunksNotZeroed, 0, 'chunks are zeroed on refusal too');
      if (noDecode) {
        assert.equal(resources.bitmapsCreated, 0, 'refused before createImageBitmap');
        assert.equal(resources.imagesCreated, 0, 'refused before any <img>');
      }
      return shown;
    } finally {
      await close();
    }
  }

  it('bad_json: bundle text that is not JSON', () =>
    expectRefusal({ bundle: '{"verification_session": "vs_1", "images": [', code: 'bad_json' }));

  it('bad_bundle: a bundle without images', () =>
    expectRefusal({ bundle: { verification_session: 'vs_1', verification_report: 'vr_1', issued_at: 1, images: [] }, code: 'bad_bundle' }));

  it('unknown_role: a role the bundle format does not know', () =>
    expectRefusal({ bundle: makeBundle([{ role: 'passport_inside', url: link('pattern.jpg') }]), code: 'unknown_role' }));

  it('unknown_role: asking for a role the bundle does not carry', () =>
    expectRefusal({ bundle: frontOnly(link('pattern.jpg')), showOptions: { role: 'selfie_face' }, code: 'unknown_role' }));

  it('insecure_url: plain http to a host that is not loopback', () =>
    expectRefusal({ bundle: frontOnly(`http://files.stripe.com/links/${SECRET}`), code: 'insecure_url' }));

  it('host_not_allowed: https to a foreign host', () =>
    expectRefusal({ bundle: frontOnly(`https://files.attacker.example/links/${SECRET}`), code: 'host_not_allowed' }));

  it('link_expired: expires_at in the past and no refreshBundle', () =>
    expectRefusal({ bundle: frontOnly(link('pattern.jpg'), { expiresAt: Math.floor(Date.now() / 1000) - 120 }), code: 'link_expired' }));

  it('not_an_image: an HTML error page served as the image, refused before decoding', () =>
    expectRefusal({ bundle: frontOnly(link('error-page')), code: 'not_an_image', noDecode: true }));

  it('too_many_pixels: a PNG header claiming 100000×100000, refused before decoding', async () => {
    const shown = await expectRefusal({ bundle: frontOnly(link('bomb.png')), code: 'too_many_pixels', noDecode: true });
    assert.match(shown.message, /100000x100000/);
  });

  it('truncated_image: a file that ends inside its header', () =>
    expectRefusal({ bundle: frontOnly(link('header-cut.png')), code: 'truncated_image', noDecode: true }));

  it('truncated_image: the connection drops before Content-Length bytes arrived', () =>
    expectRefusal({ bundle: frontOnly(link('connection-drop.jpg')), code: 'truncated_image', noDecode: true }));

  it('too_large: Content-Length over maxBytes, refused before the body is read', () =>
    expectRefusal({ bundle: frontOnly(link('pattern.jpg')), options: { maxBytes: 1000 }, code: 'too_large', noDecode: true }));

  it('too_large: no Content-Length, refused while streaming', () =>
    expectRefusal({ bundle: frontOnly(link('pattern-chunked.jpg')), options: { maxBytes: 1000 }, code: 'too_large', noDecode: true }));

  it('timeout: a files host that never answers', () =>
    expectRefusal({ bundle: frontOnly(link('stall.jpg')), options: { timeoutMs: 500 }, code: 'timeout', noDecode: true }));

  it('http_error: a 500 from the files host', () =>
    expectRefusal({ bundle: frontOnly(link('server-error.jpg')), code: 'http_error', noDecode: true }));

  it('the bytes path accepts the same file without Content-Length (control for the limits above)', async () => {
    const { page, close } = await rig.openViewerPage();
    try {
      await page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host] });
      const shown = await page.evaluate((b) => harness.show(b), frontOnly(link('pattern-chunked.jpg')));
      assert.ok(shown.ok, `${shown.code} ${shown.message}`);
      const progress = await page.evaluate(() => harness.events.filter((event) => event.type === 'progress').at(-1).detail);
      assert.deepEqual(progress, { role: 'document_front', received: jpeg.length, total: null });
    } finally {
      await close();
    }
  });

  it('aborted: clear() during a load rejects the show, without an error event', async () => {
    const { page, close } = await rig.openViewerPage();
    try {
      await page.evaluate((o) => harness.create(o), { allowedHosts: [rig.files.host] });
      const shown = await page.evaluate(async (b) => {
        const pending = harness.show(b);
        harness.viewer.clear();
        return pending;
      }, frontOnly(link('stall.jpg')));
      assert.equal(shown.code, 'aborted');
      const types = await page.evaluate(() => harness.events.map((event) => event.type));
      assert.deepEqual(types, ['cleared']);
    } finally {
      await close();
    }
  });
});
