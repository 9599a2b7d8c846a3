// The package outside the browser: it imports in Node without a DOM (through its
// exports map, by name), validates bundles there, refuses programming errors with
// TypeError, and its hand-written .d.ts files declare exactly what the modules export.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('../../web/', import.meta.url));
const now = () => Math.floor(Date.now() / 1000);
const bundleFor = (url, expiresAt = now() + 30) => ({
  verification_session: 'vs_node_1',
  verification_report: 'vr_node_1',
  issued_at: now(),
  images: [{ role: 'selfie_face', file: 'file_1', file_link: 'link_1', url, expires_at: expiresAt }],
});

describe('identity-image-viewer in Node', () => {
  it('imports by package name without a DOM', async () => {
    assert.equal(typeof globalThis.document, 'undefined');
    const viewerPackage = await import('identity-image-viewer');
    assert.deepEqual(Object.keys(viewerPackage).sort(), ['DEFAULT_OPTIONS', 'ERROR_CODES', 'ViewerError', 'createViewer', 'init', 'validateBundle']);
    const element = await import('identity-image-viewer/element');
    assert.equal(element.ELEMENT_NAME, 'identity-image-viewer');
    assert.equal(typeof element.IdentityImageViewerElement, 'function');
  });

  it('validates bundles with the WebAssembly core', async () => {
    const { validateBundle, ViewerError } = await import('identity-image-viewer');
    const valid = await validateBundle(bundleFor('https://files.stripe.com/links/fl_1'));
    assert.equal(valid.images[0].role, 'selfie_face');
    assert.equal(valid.images[0].fileLink, 'link_1');

    const loopback = await validateBundle(JSON.stringify(bundleFor('http://127.0.0.1:4555/links/fl_2')), { allowedHosts: ['127.0.0.1:4555'] });
    assert.equal(loopback.verificationSession, 'vs_node_1');

    const refusals = [
      ['{"images":', 'bad_json'],
      [bundleFor('http://files.stripe.com/links/fl_3'), 'insecure_url'],
      [bundleFor('https://files.example.test/links/fl_4'), 'host_not_allowed'],
      [bundleFor('https://files.stripe.com/links/fl_5', now() - 600), 'link_expired'],
      [42, 'bad_bundle'],
    ];
    for (const [bundle, code] of refusals) {
      await assert.rejects(validateBundle(bundle), (error) => {
        assert.ok(error instanceof ViewerError);
        assert.equal(error.code, code);
        assert.ok(!error.message.includes('fl_'), `the message quotes the link: ${error.message}`);
        return true;
      });
    }
  });

  it('lists the same error codes as the core (less its internal need_more_bytes)', async () => {
    const { ERROR_CODES } = await import('identity-image-viewer');
    const { loadCore } = await import('../../web/src/core-loader.js');
    const core = await loadCore();
    assert.deepEqual([...ERROR_CODES].sort(), core.errorCodes().filter((code) => code !== 'need_more_bytes').sort());
  });

  // Each case imports its own instance of the loader (a query string makes a new module),
  // since the core, once loaded, is kept for the process.
  const freshLoader = (name) => import(`../../web/src/core-loader.js?${name}`);
  const wasmFile = new URL('../../web/dist/identity-viewer-core.wasm', import.meta.url);

  it('init() takes the .wasm as bytes, a compiled Module or a URL', async () => {
    const bytes = await readFile(wasmFile);
    const sources = {
      buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      typedArray: new Uint8Array(bytes),
      module: await WebAssembly.compile(bytes),
      fileUrl: wasmFile,
      fileUrlText: wasmFile.href,
    };
    for (const [name, source] of Object.entries(sources)) {
      const loader = await freshLoader(`init-${name}`);
      await loader.init(source);
      const core = await loader.loadCore();
      assert.ok(core.errorCodes().includes('host_not_allowed'), `${name}: the core answers`);
    }
  });

  it('init() refuses what is not a .wasm source with TypeError, and a failed load names the URL', async () => {
    const loader = await freshLoader('init-refusals');
    for (const wrong of [42, {}, true, new Blob(['x'])]) await assert.rejects(loader.init(wrong), TypeError);
    const missing = new URL('./no-such-core.wasm', wasmFile);
    await assert.rejects(loader.init(missing), (error) => {
      assert.equal(error.name, 'ViewerError');
      assert.equal(error.code, 'network_error');
      assert.ok(error.message.includes(missing.href), error.message);
      return true;
    });
    await assert.rejects(loader.init(new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9])), (error) => {
      assert.equal(error.code, 'network_error');
      assert.match(error.message, /the bytes given to init\(\)/);
      return true;
    });
    // A failed source is not kept: the next init() loads.
    await loader.init(wasmFile);
    assert.equal(typeof (await loader.loadCore()).errorCodes, 'function');
  });

  it('refuses programming errors with TypeError', async () => {
    const { createViewer } = await import('identity-image-viewer');
    await assert.rejects(createViewer(null), TypeError);
    const fakeCanvas = { getContext: () => null };
    await assert.rejects(createViewer(fakeCanvas, { maxByte: 10 }), /Unknown viewer option "maxByte"/);
    await assert.rejects(createViewer(fakeCanvas, { maxBytes: -1 }), /maxBytes must be a positive number/);
    await assert.rejects(createViewer(fakeCanvas, { allowedHosts: 'localhost' }), TypeError);
    await assert.rejects(createViewer(fakeCanvas, { watermark: 7 }), TypeError);
  });

  for (const [module, declarations] of [['src/index.js', 'src/index.d.ts'], ['src/element.js', 'src/element.d.ts'],
    ['src/core-facts.js', 'src/core-facts.d.ts']]) {
    it(`${declarations} declares exactly what ${module} exports`, async () => {
      const exported = Object.keys(await import(`${webDir}${module}`)).sort();
      const text = await readFile(`${webDir}${declarations}`, 'utf8');
      const declared = [...text.matchAll(/^export declare (?:const|class|function) (\w+)/gm)].map((match) => match[1]).sort();
      assert.deepEqual(declared, exported);
    });
  }

  it('index.d.ts names the same error codes, roles, events and options as the modules', async () => {
    const { DEFAULT_OPTIONS, ERROR_CODES } = await import('identity-image-viewer');
    const { IMAGE_ROLES } = await import('../../web/src/core-facts.js');
    const { VIEWER_EVENTS } = await import('../../web/src/events.js');
    const text = await readFile(`${webDir}src/index.d.ts`, 'utf8');
    const block = (start) => text.slice(text.indexOf(start), text.indexOf('\n}', text.indexOf(start)));
    const members = (start) => [...block(start).matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1]).sort();
    // The unions are the generated lists' element types, and those lists are the modules'.
    const facts = await readFile(`${webDir}src/core-facts.d.ts`, 'utf8');
    const listed = (name) => [...facts.match(new RegExp(`^export declare const ${name}: readonly \\[([^\\]]*)\\];$`, 'm'))[1]
      .matchAll(/'(\w+)'/g)].map((match) => match[1]);
    assert.deepEqual(listed('ERROR_CODES'), [...ERROR_CODES]);
    assert.deepEqual(listed('IMAGE_ROLES'), [...IMAGE_ROLES]);
    assert.match(text, /^export type ErrorCode = \(typeof CORE_ERROR_CODES\)\[number\];$/m);
    assert.match(text, /^export type ImageRole = \(typeof IMAGE_ROLES\)\[number\];$/m);
    assert.deepEqual(members('export interface ViewerEvents {'), [...VIEWER_EVENTS].sort());
    assert.deepEqual(members('export interface ViewerOptions {'), Object.keys(DEFAULT_OPTIONS).sort());
  });

  it('ships what its package.json points at', async () => {
    const manifest = JSON.parse(await readFile(`${webDir}package.json`, 'utf8'));
    const targets = Object.values(manifest.exports).flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.values(entry)));
    for (const target of [...targets, manifest.main, manifest.types]) {
      await assert.doesNotReject(readFile(`${webDir}${target}`), `${target} exists`);
    }
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'no runtime dependencies');
  });
});
