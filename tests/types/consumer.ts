// A typed consumer of identity-image-viewer: every option, event and error code, the
// element's DOM events, init() with each kind of source, and what the types refuse
// (@ts-expect-error fails the check if the line compiles). Checked by
// tests/js/package-types.test.mjs with `tsc --strict --noEmit` against the packed package.
import {
  DEFAULT_OPTIONS,
  ERROR_CODES,
  ViewerError,
  createViewer,
  init,
  validateBundle,
  type ClearReason,
  type ErrorCode,
  type LinkBundle,
  type ShowResult,
  type Viewer,
  type ViewerEvents,
  type ViewerOptions,
  type WasmSource,
} from 'identity-image-viewer';
import { ELEMENT_NAME, IdentityImageViewerElement, type IdentityImageViewerElementEventMap } from 'identity-image-viewer/element';
import wasmUrl from 'identity-image-viewer/core.wasm';

declare const bundle: LinkBundle;

// Loading the core: each kind of source.
const sources: WasmSource[] = [wasmUrl, new URL(wasmUrl, document.baseURI), new ArrayBuffer(8), new Uint8Array(8)];
await init(await WebAssembly.compileStreaming(fetch(wasmUrl)));
for (const source of sources) await init(source);
await init();

// Every option, each with a value of its type (Required: none may be left out).
const options = {
  allowedHosts: ['files.example.test', '127.0.0.1:4555'],
  clockSkewSeconds: 5,
  maxBytes: 10_000_000,
  maxPixels: 40_000_000,
  timeoutMs: 15_000,
  watermark: () => `reviewer rv_42 · ${new Date().toISOString()}`,
  refreshBundle: async ({ role, signal }) => {
    const response = await fetch(`/api/links?role=${role ?? ''}`, { signal });
    return (await response.json()) as LinkBundle;
  },
  clearOnHidden: true,
  inactivityMs: 120_000,
  viewingWindowMs: 600_000,
  devicePixelRatio: 2,
  elementFallback: false,
  fetch: (input, requestInit) => fetch(input, requestInit),
  wheelZoom: true,
  dragPan: true,
  pinchZoom: false,
  doubleTapZoom: true,
  fullscreen: 'container',
} satisfies Required<ViewerOptions>;
const defaults: Readonly<Required<ViewerOptions>> = DEFAULT_OPTIONS;
const alternatives: ViewerOptions[] = [
  { watermark: 'reviewer rv_42' }, { watermark: null }, { refreshBundle: () => JSON.stringify(bundle) },
  { devicePixelRatio: null }, { fetch: null }, { fullscreen: false }, { fullscreen: 'canvas' }, defaults,
];
// @ts-expect-error an unknown option
const misspelt: ViewerOptions = { maxByte: 10 };

const canvas = document.createElement('canvas');
const viewer: Viewer = await createViewer(canvas, options);
for (const more of alternatives) (await createViewer(document.createElement('canvas'), more)).destroy();

// Every event, with its payload's type.
const seen: string[] = [];
viewer.on('progress', ({ role, received, total }) => seen.push(`${role} ${received}/${total ?? '?'}`));
viewer.on('loaded', ({ role, width, height, format, path }) => seen.push(`${role} ${width}×${height} ${format ?? 'unknown'} ${path}`));
viewer.on('expired', ({ role }) => seen.push(`expired ${role ?? 'before a role was picked'}`));
viewer.on('cleared', ({ reason }) => seen.push(`cleared ${reason satisfies ClearReason}`));
viewer.on('error', (error) => seen.push(`${error.code} ${error.status ?? ''}`));
const stop = viewer.on('zoom', ({ percent, scale, fitted }) => seen.push(`${percent}% ${scale} ${fitted}`));
stop();
// @ts-expect-error not an event the viewer sends (throws TypeError at run time)
viewer.on('nope', () => {});
// @ts-expect-error the payload of 'cleared' has no role
viewer.on('cleared', ({ role }) => role);

// Every error code, exhaustively: a new code fails this switch until it is handled here.
function describe(code: ErrorCode): string {
  switch (code) {
    case 'bad_json': case 'bad_bundle': case 'unknown_role': return 'the server sent a wrong bundle';
    case 'insecure_url': case 'host_not_allowed': return 'a link to a host the viewer does not trust';
    case 'link_expired': case 'link_lifetime_too_long': return 'an expired or too long-lived link';
    case 'too_large': case 'too_many_pixels': return 'too big';
    case 'not_an_image': case 'truncated_image': case 'decode_failed': return 'not a usable image';
    case 'cors_blocked': case 'timeout': case 'http_error': case 'network_error': return 'the files host';
    case 'aborted': return 'cancelled';
    default: return code satisfies never;
  }
}
const everyCode: readonly ErrorCode[] = ERROR_CODES;
everyCode.map(describe);

try {
  const shown: ShowResult = await viewer.show(bundle, { role: 'document_front' });
  const again = await viewer.select(shown.role === 'document_front' ? 'document_back' : 'document_front');
  seen.push(again.path);
  await viewer.show(JSON.stringify(bundle));
} catch (error) {
  if (error instanceof ViewerError) seen.push(describe(error.code), error.message, String(error.status));
}
// @ts-expect-error not a role
await viewer.select('passport');

viewer.zoom(2, { x: 10, y: 20 });
viewer.zoomTo('actual');
viewer.pan(5, -5);
viewer.rotate(-1);
viewer.flip();
viewer.reset();
viewer.adjust({ brightness: 1.2, invert: true });
const { brightness, contrast, invert } = viewer.adjustments;
const fullscreen: boolean = await viewer.toggleFullscreen();
seen.push(String(brightness + contrast), String(invert), String(fullscreen), viewer.state, viewer.role ?? 'none',
  viewer.roles.join(), String(viewer.view?.rotation));
viewer.clear();
viewer.destroy();

const checked = await validateBundle(bundle, { allowedHosts: ['files.example.test'], clockSkewSeconds: 3 });
seen.push(checked.verificationSession, ...checked.images.map((image) => `${image.role} ${image.fileLink} ${image.expiresAt}`));

// The custom element: its DOM events carry the viewer's payloads in `detail`.
const element = document.createElement(ELEMENT_NAME);
const sameElement: IdentityImageViewerElement = element;
const found: IdentityImageViewerElement | null = document.querySelector('identity-image-viewer');
element.options = { watermark: 'reviewer rv_42', fullscreen: 'canvas' };
element.addEventListener('progress', (event) => seen.push(`${event.detail.received}`));
element.addEventListener('loaded', (event) => seen.push(event.detail.path));
element.addEventListener('expired', (event) => seen.push(`${event.detail.role}`));
element.addEventListener('cleared', (event) => seen.push(event.detail.reason));
element.addEventListener('error', (event) => seen.push(event.detail.code));
element.addEventListener('zoom', function (event) {
  seen.push(`${event.detail.percent}`, this.tagName);
});
element.addEventListener('click', (event) => seen.push(`${event.clientX}`)); // the element's own events keep their types
element.addEventListener('custom-thing', (event) => seen.push(event.type));
const onLoaded = (event: IdentityImageViewerElementEventMap['loaded']) => seen.push(`${event.detail.width}`);
element.addEventListener('loaded', onLoaded);
element.removeEventListener('loaded', onLoaded);
// @ts-expect-error 'loaded' carries a ShowResult, which has no reason
element.addEventListener('loaded', (event) => event.detail.reason);
document.body.append(element);
const behind: Viewer = await element.ready;
const result: ShowResult = await element.show(bundle, { role: 'selfie_face' });
await element.select('selfie_document');
await element.clear();
const detail: ViewerEvents['loaded'] = result;
seen.push(String(behind.state), String(sameElement === found), detail.role, String(misspelt));
