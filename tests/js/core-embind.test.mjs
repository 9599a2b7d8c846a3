// The viewer core as web/ sees it: the real .wasm (built by scripts/build.sh into
// web/dist) loaded in Node, one representative case of every rule checked through the
// Embind API, to show the bindings marshal names, shapes and errors correctly. The
// rules themselves are covered in depth by the GoogleTest suite (tests/cpp/core).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';

const dist = new URL('../../web/dist/', import.meta.url);
const NOW = 1764100000;
const SECRET = 'SECRET_TOKEN_q1w2e3';

let core;
before(async () => {
  const { default: createIdentityViewerCore } = await import(new URL('identity-viewer-core.js', dist).href);
  core = await createIdentityViewerCore({ wasmBinary: await readFile(new URL('identity-viewer-core.wasm', dist)) });
});

function bundleText(changes = {}, imageChanges = {}) {
  const image = {
    role: 'document_front',
    file: 'file_1',
    file_link: 'link_1',
    url: `https://files.stripe.com/links/${SECRET}`,
    expires_at: NOW + 30,
    ...imageChanges,
  };
  return JSON.stringify({
    verification_session: 'vs_1',
    verification_report: 'vr_1',
    issued_at: NOW,
    images: [image, { ...image, role: 'selfie_face', file: 'file_2', file_link: 'link_2' }],
    ...changes,
  });
}

function assertRefused(result, code, mentions) {
  assert.equal(result.ok, false, `expected ${code}, got ${JSON.stringify(result)}`);
  assert.equal(result.code, code, result.message);
  assert.equal(typeof result.message, 'string');
  if (mentions) assert.match(result.message, mentions);
  assert.ok(!result.message.includes(SECRET), `message leaks the URL: ${result.message}`);
}

// Writes bytes into a fresh SecureBuffer and sniffs the first `length` of them.
function sniffBytes(bytes, { isComplete = true, maxPixels = 0, length = bytes.length } = {}) {
  const buffer = new core.SecureBuffer(bytes.length);
  try {
    buffer.view().set(bytes);
    return core.sniffImage(buffer, length, isComplete, maxPixels);
  } finally {
    buffer.delete();
  }
}

const be16 = (v) => [(v >> 8) & 0xff, v & 0xff];
const be32 = (v) => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const le24 = (v) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff];
const ascii = (text) => [...text].map((c) => c.charCodeAt(0));

function pngHeader(width, height) {
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...be32(13), ...ascii('IHDR'),
    ...be32(width), ...be32(height), 8, 2, 0, 0, 0, ...be32(0)]);
}
function jpegHeader(width, height) {
  const exif = [0xff, 0xe1, ...be16(2 + 6 + 500), ...ascii('Exif\0\0'), ...new Array(500).fill(0x41)];
  const frame = [0xff, 0xff, 0xff, 0xc2, ...be16(11), 8, ...be16(height), ...be16(width), 1, 1, 0x11, 0];
  return Uint8Array.from([0xff, 0xd8, ...exif, ...frame, 0xff, 0xd9]);
}
function webpVp8x(width, height) {
  const payload = [0x10, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)];
  return Uint8Array.from([...ascii('RIFF'), 30, 0, 0, 0, ...ascii('WEBP'), ...ascii('VP8X'), 10, 0, 0, 0, ...payload]);
}

describe('core error codes', () => {
  it('lists every stable code', () => {
    assert.deepEqual([...core.errorCodes()].sort(), [
      'aborted', 'bad_bundle', 'bad_json', 'cors_blocked', 'decode_failed', 'host_not_allowed', 'http_error',
      'insecure_url', 'link_expired', 'link_lifetime_too_long', 'need_more_bytes', 'network_error', 'not_an_image', 'timeout', 'too_large',
      'too_many_pixels', 'truncated_image', 'unknown_role',
    ]);
  });
});

describe('validateBundle', () => {
  it('returns the bundle with camelCase fields and numbers as numbers', () => {
    const result = core.validateBundle(bundleText(), NOW, { allowedHosts: [], clockSkewSeconds: 5 });
    assert.deepEqual(result, {
      ok: true,
      bundle: {
        verificationSession: 'vs_1',
        verificationReport: 'vr_1',
        issuedAt: NOW,
        images: [
          { role: 'document_front', file: 'file_1', fileLink: 'link_1', url: `https://files.stripe.com/links/${SECRET}`, expiresAt: NOW + 30 },
          { role: 'selfie_face', file: 'file_2', fileLink: 'link_2', url: `https://files.stripe.com/links/${SECRET}`, expiresAt: NOW + 30 },
        ],
      },
    });
  });

  it('accepts a missing or partial policy', () => {
    assert.equal(core.validateBundle(bundleText(), NOW, undefined).ok, true);
    assert.equal(core.validateBundle(bundleText(), NOW, {}).ok, true);
    assert.equal(core.validateBundle(bundleText(), NOW, { allowedHosts: ['x.test', 42, null] }).ok, true);
  });

  it('refuses each kind of bad bundle with its code', () => {
    assertRefused(core.validateBundle('{"images": [', NOW, {}), 'bad_json');
    assertRefused(core.validateBundle('[]', NOW, {}), 'bad_json');
    assertRefused(core.validateBundle(bundleText({ images: [] }), NOW, {}), 'bad_bundle', /empty/);
    assertRefused(core.validateBundle(bundleText({ extra: 1 }), NOW, {}), 'bad_bundle', /extra/);
    assertRefused(core.validateBundle(bundleText({ issued_at: '1764100000' }), NOW, {}), 'bad_bundle', /issued_at/);
    assertRefused(core.validateBundle(bundleText({}, { role: 'passport' }), NOW, {}), 'unknown_role', /passport/);
    assertRefused(core.validateBundle(bundleText({}, { url: `http://files.stripe.com/links/${SECRET}` }), NOW, {}),
      'insecure_url', /http:\/\/files\.stripe\.com/);
    assertRefused(core.validateBundle(bundleText({}, { url: `https://files.stripe.com@evil.test/links/${SECRET}` }), NOW, {}),
      'insecure_url', /evil\.test/);
    assertRefused(core.validateBundle(bundleText({}, { url: `https://files.stripe.com.evil.test/links/${SECRET}` }), NOW, {}),
      'host_not_allowed', /files\.stripe\.com\.evil\.test/);
    assertRefused(core.validateBundle(bundleText({}, { expires_at: NOW - 5 }), NOW, {}), 'link_expired', /document_front/);
  });

  it('takes allowed hosts from the policy, with http only for loopback', () => {
    const url = `http://127.0.0.1:4555/links/${SECRET}`;
    assertRefused(core.validateBundle(bundleText({}, { url }), NOW, {}), 'host_not_allowed', /127\.0\.0\.1:4555/);
    assert.equal(core.validateBundle(bundleText({}, { url }), NOW, { allowedHosts: ['127.0.0.1:4555'] }).ok, true);
    assertRefused(core.validateBundle(bundleText({}, { url: `http://files.example.test/links/${SECRET}` }), NOW,
      { allowedHosts: ['files.example.test'] }), 'insecure_url');
    assert.equal(core.validateBundle(bundleText({}, { url: `https://files.example.test/links/${SECRET}` }), NOW,
      { allowedHosts: ['files.example.test'] }).ok, true);
  });

  it('reads the clock skew allowance from the policy, and refuses one over 60 s', () => {
    const text = bundleText({}, { expires_at: NOW - 20 });
    assertRefused(core.validateBundle(text, NOW, {}), 'link_expired');
    assert.equal(core.validateBundle(text, NOW, { clockSkewSeconds: 21 }).ok, true);
    for (const clockSkewSeconds of [3600, 60.5, -1, Number.NaN, '5']) {
      assert.throws(() => core.validateBundle(text, NOW, { clockSkewSeconds }), TypeError, `clockSkewSeconds ${clockSkewSeconds}`);
    }
  });
});

describe('SecureBuffer and sniffImage', () => {
  it('gives a heap view that sniffImage reads, and wipe() zeroes it', () => {
    const bytes = pngHeader(640, 480);
    const buffer = new core.SecureBuffer(bytes.length);
    try {
      assert.equal(buffer.size(), bytes.length);
      const view = buffer.view();
      assert.ok(view instanceof Uint8Array);
      assert.equal(view.length, bytes.length);
      assert.ok(view.every((b) => b === 0), 'a new buffer starts zeroed');
      view.set(bytes);
      assert.deepEqual(core.sniffImage(buffer, bytes.length, true, 0), { ok: true, format: 'png', width: 640, height: 480 });
      buffer.wipe();
      assert.equal(buffer.size(), bytes.length);
      assert.ok(buffer.view().every((b) => b === 0), 'wipe() leaves zeros');
      assertRefused(core.sniffImage(buffer, bytes.length, true, 0), 'not_an_image');
    } finally {
      buffer.delete();
    }
  });

  it('wipes the heap bytes when deleted, before the allocator reuses them', () => {
    const size = 4096;
    const buffer = new core.SecureBuffer(size);
    const view = buffer.view();  // still over the same heap bytes after delete (no growth in between)
    view.fill(0x5a);
    buffer.delete();
    // The allocator may keep its own bookkeeping at either end of the freed block.
    const middle = view.subarray(32, size - 32);
    assert.ok(middle.every((b) => b === 0), 'freed image bytes are still readable on the heap');
  });

  it('keeps its bytes when the heap grows; a fresh view sees them', () => {
    const buffer = new core.SecureBuffer(16);
    try {
      buffer.view().set(ascii('keep these bytes'));
      const big = new core.SecureBuffer(64 * 1024 * 1024);
      big.delete();
      assert.equal(String.fromCharCode(...buffer.view()), 'keep these bytes');
    } finally {
      buffer.delete();
    }
  });

  it('refuses bad sizes and lengths with RangeError', () => {
    assert.throws(() => new core.SecureBuffer(-1), RangeError);
    assert.throws(() => new core.SecureBuffer(1.5), RangeError);
    const buffer = new core.SecureBuffer(8);
    try {
      assert.throws(() => core.sniffImage(buffer, 9, true, 0), RangeError);
      assert.throws(() => core.sniffImage(buffer, -1, true, 0), RangeError);
    } finally {
      buffer.delete();
    }
  });

  it('recognises JPEG (past EXIF), PNG and WebP dimensions', () => {
    assert.deepEqual(sniffBytes(jpegHeader(4000, 3000)), { ok: true, format: 'jpeg', width: 4000, height: 3000 });
    assert.deepEqual(sniffBytes(pngHeader(37, 23)), { ok: true, format: 'png', width: 37, height: 23 });
    assert.deepEqual(sniffBytes(webpVp8x(3000, 2000)), { ok: true, format: 'webp', width: 3000, height: 2000 });
  });

  it('refuses non-images, truncated headers and pixel bombs', () => {
    assertRefused(sniffBytes(Uint8Array.from(ascii('<!DOCTYPE html><p>Forbidden</p>'))), 'not_an_image', /HTML/);
    assertRefused(sniffBytes(Uint8Array.from(ascii('GIF89a\x01\x00\x01\x00'))), 'not_an_image', /GIF/);
    assertRefused(sniffBytes(pngHeader(640, 480), { length: 20 }), 'truncated_image');
    assertRefused(sniffBytes(pngHeader(100000, 100000)), 'too_many_pixels', /100000x100000/);
    assertRefused(sniffBytes(pngHeader(101, 100), { maxPixels: 10000 }), 'too_many_pixels');
    assert.equal(sniffBytes(pngHeader(100, 100), { maxPixels: 10000 }).ok, true);
  });

  it('asks for more bytes mid-download, with bytesNeeded when known', () => {
    const partial = sniffBytes(pngHeader(640, 480), { length: 10, isComplete: false });
    assertRefused(partial, 'need_more_bytes');
    assert.equal(partial.bytesNeeded, 24);
    const jpeg = jpegHeader(800, 600);
    const inExif = sniffBytes(jpeg, { length: 40, isComplete: false });
    assertRefused(inExif, 'need_more_bytes');
    assert.ok(inExif.bytesNeeded > 500 && inExif.bytesNeeded <= jpeg.length, `bytesNeeded ${inExif.bytesNeeded}`);
    const refused = sniffBytes(pngHeader(640, 480), { length: 10, isComplete: true });
    assert.equal('bytesNeeded' in refused, false);
  });
});

describe('ViewState', () => {
  const near = (actual, expected, what) => assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual} != ${expected}`);

  it('fits, rotates, flips and returns plain objects', () => {
    const view = new core.ViewState();
    try {
      view.setViewport(400, 300, 2);
      view.setImageSize(1000, 500);
      assert.deepEqual(view.backingSize(), { width: 800, height: 600 });
      assert.equal(view.isFitted(), true);
      near(view.scale(), 0.8, 'fit scale');
      assert.deepEqual(view.matrix(), { a: 0.8, b: 0, c: 0, d: 0.8, e: 0, f: 100 });
      assert.deepEqual(view.imageToCanvas(1000, 500), { x: 800, y: 500 });

      view.rotate(1);
      assert.equal(view.rotation(), 90);
      assert.equal(view.isFitted(), true);
      near(view.scale(), 0.6, 'rotated fit scale');
      const topLeft = view.imageToCanvas(0, 0);
      near(topLeft.x, 550, 'x'); near(topLeft.y, 0, 'y');
      view.rotate(-2);
      assert.equal(view.rotation(), 270);

      view.flip();
      assert.equal(view.flipped(), true);
      view.reset();
      assert.equal(view.rotation(), 0);
      assert.equal(view.flipped(), false);
      assert.equal(view.isFitted(), true);
    } finally {
      view.delete();
    }
  });

  it('zooms about the anchor, pans in CSS pixels, and shows 1:1', () => {
    const view = new core.ViewState();
    try {
      view.setViewport(400, 300, 1.5);
      view.setImageSize(1200, 900);
      const anchor = { x: 100, y: 80 };
      const under = view.canvasToImage(anchor.x * 1.5, anchor.y * 1.5);
      view.zoomBy(2.5, anchor.x, anchor.y);
      const after = view.imageToCanvas(under.x, under.y);
      near(after.x, anchor.x * 1.5, 'anchor x'); near(after.y, anchor.y * 1.5, 'anchor y');
      assert.equal(view.isFitted(), false);

      const before = view.imageToCanvas(0, 0);
      view.panBy(10, -4);
      const moved = view.imageToCanvas(0, 0);
      near(moved.x - before.x, 15, 'pan x'); near(moved.y - before.y, -6, 'pan y');

      view.zoomBy(1000, 0, 0);
      near(view.scale(), 32, 'zoom cap');
      view.actualSize();
      near(view.scale(), 1, '1:1');
      view.fit();
      assert.equal(view.isFitted(), true);
    } finally {
      view.delete();
    }
  });
});

describe('ViewerLifecycle', () => {
  it('moves through its states and reports clear reasons', () => {
    const life = new core.ViewerLifecycle({ inactivityMs: 1000, viewingWindowMs: 5000, clearOnHidden: true });
    try {
      assert.equal(life.state(), 'idle');
      life.show(0);
      assert.equal(life.state(), 'loading');
      assert.equal(life.loaded(100), true);
      assert.equal(life.state(), 'shown');
      assert.equal(life.nextDeadlineMs(100), 1000);
      life.activity(900);
      assert.equal(life.tick(1500), '');
      assert.equal(life.tick(1900), 'inactivity');
      assert.equal(life.state(), 'cleared');
      assert.equal(life.lastClearReason(), 'inactivity');
      assert.equal(life.nextDeadlineMs(2000), -1);
      assert.equal(life.loaded(2000), false, 'a load after a clear must not be shown');

      life.show(10000);
      life.loaded(10000);
      for (let t = 10500; t < 15000; t += 500) {
        life.activity(t);
        assert.equal(life.tick(t), '');
      }
      assert.equal(life.tick(15000), 'window_ended');

      life.show(20000);
      assert.equal(life.visibilityHidden(20001), true);
      assert.equal(life.lastClearReason(), 'hidden');
      life.show(30000);
      assert.equal(life.pageHide(), true);
      assert.equal(life.lastClearReason(), 'pagehide');
      life.show(40000);
      life.clear('user');
      assert.equal(life.lastClearReason(), 'user');
      life.destroy();
      assert.equal(life.state(), 'destroyed');
    } finally {
      life.delete();
    }
  });

  it('refreshes an expired link once per show, never loops', () => {
    const life = new core.ViewerLifecycle({});
    try {
      life.show(0);
      assert.equal(life.linkExpired(), 'refresh');
      life.showFromRefresh(10);
      assert.equal(life.linkExpired(), 'fail');
      assert.equal(life.state(), 'failed');
      assert.equal(life.failureCode(), 'link_expired');
      life.show(20);
      assert.equal(life.linkExpired(), 'refresh');
    } finally {
      life.delete();
    }
  });

  it('records failures by code and rejects unknown codes', () => {
    const life = new core.ViewerLifecycle(undefined);
    try {
      life.show(0);
      assert.throws(() => life.failed('no_such_code'), TypeError);
      assert.equal(life.state(), 'loading');
      life.failed('decode_failed');
      assert.equal(life.state(), 'failed');
      assert.equal(life.failureCode(), 'decode_failed');
      life.show(1);
      assert.equal(life.visibilityHidden(1), true, 'clearOnHidden defaults to true');
    } finally {
      life.delete();
    }
  });

  it('keeps showing when hidden if clearOnHidden is false, and timers are off at 0', () => {
    const life = new core.ViewerLifecycle({ inactivityMs: 0, viewingWindowMs: 0, clearOnHidden: false });
    try {
      life.show(0);
      life.loaded(0);
      assert.equal(life.visibilityHidden(1), false);
      assert.equal(life.nextDeadlineMs(1), -1);
      assert.equal(life.tick(1e12), '');
      assert.equal(life.state(), 'shown');
    } finally {
      life.delete();
    }
  });
});
