// Loads the WebAssembly viewer core once per page (or Node process) and shares it.
// By default the .wasm is located through import.meta.url so that bundlers (Vite,
// Rollup, webpack) see the `new URL(..., import.meta.url)` pattern and ship the file.
// init(source) hands the core its .wasm instead (its URL, its bytes or a compiled
// WebAssembly.Module), for bundlers that do not ship it (esbuild), CDNs and hosts that
// serve it from elsewhere. This module instantiates the .wasm itself (Emscripten's
// instantiateWasm hook), so a failure names the URL and the HTTP status it met.
//
// In a browser the core starts loading as soon as this module has been imported, so
// its download and compilation overlap the rest of the page's start instead of waiting
// for the first createViewer() (the glue is a static import for the same reason). It
// starts in a microtask, so an init() right after the import, before any await, comes
// first and the default URL is never requested.
import createIdentityViewerCore from '../dist/identity-viewer-core.js';
import { ViewerError } from './errors.js';

const defaultWasmUrl = new URL('../dist/identity-viewer-core.wasm', import.meta.url);
// A variable specifier keeps browser bundlers from trying to resolve node:fs, and the
// comments keep webpack and Vite from warning about it.
const nodeFsModule = 'node:fs/promises';

let wasmSource = null; // null: the .wasm beside this module
let corePromise; // the load in progress, or the loaded core
let loaded = false;

/** @returns {Promise<object>} the Embind module (validateBundle, SecureBuffer, ...) */
export function loadCore() {
  corePromise ??= startLoad(wasmSource);
  return corePromise;
}

/**
 * Where the core's .wasm comes from: a URL (string or URL, resolved against the
 * document), its bytes (ArrayBuffer or a typed array), or a compiled WebAssembly.Module;
 * no argument: the .wasm beside the package. Replaces any load that has not succeeded
 * yet; once the core has loaded, it is kept for the page and later calls resolve at once.
 * @returns {Promise<void>} resolves when the core is ready
 */
export async function init(source) {
  describeSource(source); // a wrong type is a TypeError, here and not at load time
  if (!loaded && source !== undefined && source !== wasmSource) {
    wasmSource = source;
    corePromise = undefined;
  }
  await loadCore();
}

function startLoad(source) {
  const attempt = instantiateCore(source).then(
    (core) => {
      if (corePromise === attempt) loaded = true;
      return core;
    },
    (error) => {
      if (corePromise === attempt) corePromise = undefined; // a later call may succeed (e.g. after a network blip)
      throw new ViewerError('network_error',
        `Could not load the viewer core (WebAssembly) from ${describeSource(source)}: ${reasonOf(error)}`, { cause: error });
    });
  return attempt;
}

function instantiateCore(source) {
  return new Promise((resolve, reject) => {
    createIdentityViewerCore({
      // Emscripten calls this with the imports; it waits for receiveInstance.
      instantiateWasm(imports, receiveInstance) {
        instantiate(source, imports).then((instance) => receiveInstance(instance), reject);
        return {};
      },
    }).then(resolve, reject);
  });
}

async function instantiate(source, imports) {
  if (source instanceof WebAssembly.Module) return WebAssembly.instantiate(source, imports);
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return (await WebAssembly.instantiate(source, imports)).instance;
  }
  const url = resolveUrl(source);
  if (url.protocol === 'file:' && isNode()) {
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ nodeFsModule);
    return (await WebAssembly.instantiate(await readFile(url), imports)).instance;
  }
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  // Streaming compilation needs the right Content-Type; without it, compile the bytes
  // of this same answer rather than fetching again.
  if (typeof WebAssembly.instantiateStreaming === 'function'
      && response.headers.get('Content-Type')?.split(';')[0].trim() === 'application/wasm') {
    return (await WebAssembly.instantiateStreaming(response, imports)).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}

function resolveUrl(source) {
  if (source === null || source === undefined) return defaultWasmUrl;
  const base = typeof document === 'object' && document?.baseURI ? document.baseURI : defaultWasmUrl;
  return new URL(source, base);
}

/** A name for the source in messages, which also checks its type. */
function describeSource(source) {
  if (source === null || source === undefined) return defaultWasmUrl.href;
  if (typeof WebAssembly === 'object' && source instanceof WebAssembly.Module) return 'the WebAssembly.Module given to init()';
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return 'the bytes given to init()';
  if (typeof source === 'string' || source instanceof URL) {
    try {
      return resolveUrl(source).href;
    } catch {
      throw new TypeError(`init() was given an invalid URL: ${String(source)}`);
    }
  }
  throw new TypeError('init() takes the .wasm as a URL (string or URL), its bytes (ArrayBuffer or typed array) or a WebAssembly.Module');
}

function reasonOf(error) {
  return error instanceof Error ? error.message : String(error);
}

function isNode() {
  return typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined';
}

if (!isNode() && typeof WebAssembly === 'object') {
  // A failure is reported (and retried) by the createViewer that needs it.
  queueMicrotask(() => {
    if (!corePromise) loadCore().catch(() => {});
  });
}
