// Loads the WebAssembly viewer core once per page (or Node process) and shares it.
// The .wasm is located through import.meta.url so that bundlers (Vite, Rollup,
// webpack) see the `new URL(..., import.meta.url)` pattern and ship the file.
//
// In a browser the core starts loading as soon as this module is imported, so its
// download and compilation overlap the rest of the page's start instead of waiting for
// the first createViewer() (the glue is a static import for the same reason).
import createIdentityViewerCore from '../dist/identity-viewer-core.js';
import { ViewerError } from './errors.js';

const wasmUrl = new URL('../dist/identity-viewer-core.wasm', import.meta.url);
// A variable specifier keeps browser bundlers from trying to resolve node:fs.
const nodeFsModule = 'node:fs/promises';

let corePromise;

/** @returns {Promise<object>} the Embind module (validateBundle, SecureBuffer, ...) */
export function loadCore() {
  corePromise ??= instantiateCore().catch((error) => {
    corePromise = undefined; // a later call may succeed (e.g. after a network blip)
    throw new ViewerError('network_error', 'Could not load the viewer core (WebAssembly)', { cause: error });
  });
  return corePromise;
}

async function instantiateCore() {
  if (isNode()) {
    // Emscripten 3.1.6 would fetch() a file path under Node; hand it the bytes instead.
    const { readFile } = await import(/* @vite-ignore */ nodeFsModule);
    return createIdentityViewerCore({ wasmBinary: await readFile(wasmUrl) });
  }
  return createIdentityViewerCore({ locateFile: () => wasmUrl.href });
}

function isNode() {
  return typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined';
}

if (!isNode() && typeof WebAssembly === 'object') {
  loadCore().catch(() => {}); // a failure is reported (and retried) by the createViewer that needs it
}
