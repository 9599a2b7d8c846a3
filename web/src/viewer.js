// The viewer: one canvas, one image at a time. show() validates the bundle in the
// core, loads the selected role's image (bytes path, or the <img> fallback for files
// hosts without CORS), draws it through the core's ViewState and keeps only the
// decoded picture, for redraws, until something clears it. Gestures on the canvas go
// to the core's PointerGestures, which changes the same ViewState.
import { NEUTRAL_ADJUSTMENTS, filterFor, mergeAdjustments } from './adjustments.js';
import { bundleToText, findImage, validateBundleText } from './bundle.js';
import { probeHostWithoutCors } from './cors-probe.js';
import { loadCore } from './core-loader.js';
import { withDeadline, untilAborted } from './deadline.js';
import { blobSource, decodeForDisplay } from './decode.js';
import { cssSizeOf, drawPicture, pinCssSizeIfIntrinsic } from './draw.js';
import { loadImageElement } from './element-image.js';
import { ViewerError, originOf } from './errors.js';
import { VIEWER_EVENTS, createEmitter } from './events.js';
import { fetchImageBytes, wasRejectedBeforeResponse } from './fetch-image.js';
import { attachGestures } from './gestures.js';
import { resolveOptions } from './options.js';
import { createHeaderCheck } from './sniff.js';
import { previewSizeFor, startPreview } from './preview.js';
import { watchClearTriggers } from './clear-triggers.js';
import { blankCanvas, erasePixels, wipeChunks } from './wipe.js';

const now = () => Math.floor(performance.now());
// A body that takes longer than this to arrive has its preview decoded while it arrives;
// a quicker one is handed to the preview's decoder in one piece.
const STREAM_AFTER_MS = 40;

/**
 * @param {HTMLCanvasElement} canvas
 * @param {object} [options] see README.md
 * @returns {Promise<Viewer>}
 */
export async function createViewer(canvas, options = {}) {
  if (!canvas || typeof canvas.getContext !== 'function') {
    throw new TypeError('createViewer needs a <canvas> element');
  }
  const settings = resolveOptions(options);
  const core = await loadCore();
  return new Viewer(canvas, core, settings);
}

class Viewer {
  #canvas;
  #context;
  #core;
  #options;
  #events = createEmitter(VIEWER_EVENTS);
  #viewState;
  #lifecycle;
  #triggers;
  #gestures;
  #adjustments = NEUTRAL_ADJUSTMENTS;
  #announcedZoom = null; // the last 'zoom' event's {scale, fitted}, to announce changes only
  #resizeObserver = null;
  #bundleText = null; // kept only while shown: the URLs in it are bearer tokens
  #bundle = null;
  #role = null;
  #picture = null; // {source, width, height, format, path, release, sharper?}
  #load = null; // the AbortController of the show in progress
  #destroyed = false;

  constructor(canvas, core, options) {
    const context = canvas.getContext('2d');
    if (!context) throw new TypeError('The canvas already has a context other than 2d');
    this.#canvas = canvas;
    this.#context = context;
    this.#core = core;
    this.#options = options;
    pinCssSizeIfIntrinsic(canvas);
    blankCanvas(canvas);
    this.#viewState = new core.ViewState();
    this.#lifecycle = new core.ViewerLifecycle({
      inactivityMs: options.inactivityMs,
      viewingWindowMs: options.viewingWindowMs,
      clearOnHidden: options.clearOnHidden,
    });
    this.#triggers = watchClearTriggers(this.#lifecycle, (reason) => this.#wipe(reason));
    this.#gestures = attachGestures(canvas, {
      core,
      viewState: this.#viewState,
      options,
      isActive: () => this.#picture !== null,
      onChange: () => {
        this.#lifecycle.activity(now());
        this.#redraw();
      },
    });
    if (typeof ResizeObserver === 'function') {
      this.#resizeObserver = new ResizeObserver(() => this.#redraw());
      this.#resizeObserver.observe(canvas);
    }
  }

  /** 'idle' | 'loading' | 'shown' | 'cleared' | 'failed' | 'destroyed' */
  get state() {
    return this.#destroyed ? 'destroyed' : this.#lifecycle.state();
  }

  get roles() {
    return this.#bundle ? this.#bundle.images.map((image) => image.role) : [];
  }

  get role() {
    return this.#role;
  }

  get view() {
    const view = this.#viewState;
    if (this.#destroyed) return null;
    return { scale: view.scale(), rotation: view.rotation(), flipped: view.flipped(), fitted: view.isFitted() };
  }

  /** {brightness, contrast, invert} applied when drawing. */
  get adjustments() {
    return this.#adjustments;
  }

  on(type, listener) {
    return this.#events.on(type, listener);
  }

  show(bundle, { role } = {}) {
    return this.#run(async () => bundleToText(bundle), role);
  }

  /**
   * Shows another role of the bundle being shown, fetching its link only now: nothing
   * but the image on screen is ever held, and a link that has meanwhile expired (they
   * live about 30 s) goes through refreshBundle like any show. With no bundle held
   * (never shown, or cleared), a fresh one comes from refreshBundle.
   */
  select(role) {
    if (this.#picture && role === this.#role && this.#load === null) {
      return Promise.resolve(this.#resultFor(this.#picture));
    }
    const bundleText = this.#bundleText;
    if (bundleText) return this.#run(async () => bundleText, role);
    if (this.#options.refreshBundle) {
      return this.#run((signal) => this.#requestFreshBundle(role, signal), role);
    }
    return Promise.reject(new ViewerError('bad_bundle', 'There is no bundle to select from: call show(bundle) first'));
  }

  zoom(factor, anchor) {
    if (!(factor > 0) || !Number.isFinite(factor)) throw new TypeError('zoom factor must be a positive number');
    const { width, height } = cssSizeOf(this.#canvas);
    const x = anchor?.x ?? width / 2;
    const y = anchor?.y ?? height / 2;
    this.#changeView((view) => view.zoomBy(factor, x, y));
  }

  zoomTo(mode) {
    if (mode === 'fit') this.#changeView((view) => view.fit());
    else if (mode === 'actual') this.#changeView((view) => view.actualSize());
    else throw new TypeError('zoomTo takes "fit" or "actual"');
  }

  pan(dx, dy) {
    if (!Number.isFinite(dx) || !Number.isFinite(dy)) throw new TypeError('pan takes two finite numbers (CSS pixels)');
    this.#changeView((view) => view.panBy(dx, dy));
  }

  rotate(direction = 1) {
    if (!Number.isInteger(direction)) throw new TypeError('rotate takes a whole number of quarter turns (1: clockwise)');
    this.#changeView((view) => view.rotate(direction));
  }

  flip() {
    this.#changeView((view) => view.flip());
  }

  reset() {
    this.#changeView((view) => view.reset());
  }

  /**
   * Changes brightness / contrast (0–4, 1: unchanged) or invert (boolean) of the image
   * as drawn; the bytes and the watermark are never touched. Kept for the next images.
   */
  adjust(changes) {
    if (this.#destroyed) return;
    this.#adjustments = mergeAdjustments(this.#adjustments, changes);
    if (this.#picture) this.#lifecycle.activity(now());
    this.#redraw();
  }

  /**
   * Enters fullscreen on the canvas (or its parent element, option fullscreen:
   * 'container'), or leaves it. Browsers allow this only from a user's click or key.
   * @returns {Promise<boolean>} whether the viewer is fullscreen now
   */
  async toggleFullscreen() {
    if (this.#destroyed) throw new ViewerError('aborted', 'The viewer was destroyed');
    const target = this.#fullscreenTarget();
    if (document.fullscreenElement === target) {
      await document.exitFullscreen();
      return false;
    }
    await target.requestFullscreen();
    return true;
  }

  clear() {
    if (!this.#destroyed) this.#wipe('user');
  }

  destroy() {
    if (this.#destroyed) return;
    this.#wipe('destroyed');
    this.#destroyed = true;
    this.#triggers.dispose();
    this.#gestures.dispose();
    this.#resizeObserver?.disconnect();
    this.#lifecycle.destroy();
    this.#lifecycle.delete();
    this.#viewState.delete();
    this.#events.clear();
  }

  // One show from start to finish: `getBundleText` yields the bundle to use.
  async #run(getBundleText, role) {
    if (this.#destroyed) throw new ViewerError('aborted', 'The viewer was destroyed');
    const load = this.#startLoad();
    try {
      const bundleText = await untilAborted(getBundleText(load.signal), load.signal);
      return await this.#showWithOneRefresh(bundleText, role, load.signal);
    } catch (caught) {
      const error = caught instanceof ViewerError
        ? caught
        : new ViewerError('decode_failed', 'The image could not be shown', { cause: caught });
      if (this.#load === load) {
        this.#lifecycle.failed(error.code);
        this.#forgetBundle();
        blankCanvas(this.#canvas);
      }
      if (error.code !== 'aborted') this.#events.emit('error', error);
      throw error;
    } finally {
      if (this.#load === load) this.#load = null;
    }
  }

  #startLoad() {
    this.#load?.abort(new ViewerError('aborted', 'A newer show() replaced this one'));
    this.#releaseReplacedPicture();
    this.#gestures.reset();
    this.#announcedZoom = null;
    this.#forgetBundle();
    // The canvas is a copy of the old image: empty it now. Its backing store stays for the
    // next image (reallocating it cost a few ms per show); a failure or clear drops it.
    erasePixels(this.#canvas, this.#context);
    const load = new AbortController();
    this.#load = load;
    this.#lifecycle.show(now());
    this.#triggers.reschedule();
    return load;
  }

  // An expired link (refused by the core, or 403/404/410 from the files host) asks
  // refreshBundle for a fresh bundle once per show; the next expiry is final.
  async #showWithOneRefresh(bundleText, role, signal) {
    let text = bundleText;
    for (;;) {
      try {
        return await this.#showFromBundle(text, role, signal);
      } catch (error) {
        if (error?.code !== 'link_expired') throw error;
        this.#events.emit('expired', { role: role ?? this.#role });
        if (this.#lifecycle.linkExpired() !== 'refresh' || !this.#options.refreshBundle) throw error;
        text = await this.#requestFreshBundle(role ?? this.#role, signal);
        this.#lifecycle.showFromRefresh(now());
      }
    }
  }

  async #requestFreshBundle(role, signal) {
    let fresh;
    try {
      fresh = await untilAborted(Promise.resolve(this.#options.refreshBundle({ role: role ?? null, signal })), signal);
    } catch (error) {
      if (error instanceof ViewerError) throw error;
      throw new ViewerError('link_expired', 'The link expired and refreshBundle() could not provide a fresh bundle', { cause: error });
    }
    return bundleToText(fresh);
  }

  async #showFromBundle(bundleText, role, signal) {
    this.#role = role ?? null;
    const bundle = validateBundleText(this.#core, bundleText, this.#options);
    const image = findImage(bundle, role);
    this.#bundleText = bundleText;
    this.#bundle = bundle;
    this.#role = image.role;

    const picture = await withDeadline(signal, this.#options.timeoutMs, (attemptSignal) =>
      this.#loadPicture(image, bundleText, attemptSignal));
    if (signal.aborted || !this.#lifecycle.loaded(now())) {
      picture.release();
      throw signal.reason ?? new ViewerError('aborted', 'The viewer was cleared while the image loaded');
    }
    this.#picture = picture;
    this.#viewState.setImageSize(picture.width, picture.height);
    this.#redraw();
    if (picture.sharper) this.#sharpen(picture);
    this.#triggers.reschedule();
    const result = this.#resultFor(picture);
    this.#events.emit('loaded', result);
    return result;
  }

  async #loadPicture(image, bundleText, signal) {
    try {
      return await this.#loadThroughBytes(image, signal);
    } catch (error) {
      if (!wasRejectedBeforeResponse(error)) throw error;
      const probe = await probeHostWithoutCors(image.url, { fetch: this.#fetch(), signal });
      if (probe === 'unreachable') throw error;
      if (probe === 'redirects') {
        throw new ViewerError('host_not_allowed', `The files host ${originOf(image.url)} answered with a redirect to a host the viewer cannot check, so the redirect was refused`);
      }
      if (!this.#options.elementFallback) {
        throw new ViewerError('cors_blocked', `The files host ${originOf(image.url)} sends no CORS headers and the element fallback is off`);
      }
      return this.#loadThroughElement(image, bundleText, signal);
    }
  }

  // Fetch, check the header as the first bytes arrive, decode. A large JPEG gets a scaled
  // preview decode: handed the whole body once it arrived, or, when the download takes
  // a while, each chunk as it arrives. The full decode goes from a Blob, made once the
  // preview is on its way to the screen. Every chunk is zeroed as soon as the Blob and
  // the preview's decoder hold their own copies, or the load ended without them.
  async #loadThroughBytes({ url, role }, signal) {
    const headerCheck = createHeaderCheck(this.#core, this.#options.maxPixels);
    const backing = this.#backingSize();
    const startedAt = performance.now();
    let previewSize; // undefined until the header is known; then a size, or null for none
    let preview = null;
    let chunks = []; // the viewer's to zero until handed to `source`
    let source = null;
    try {
      const body = await fetchImageBytes(url, {
        fetch: this.#fetch(),
        signal,
        maxBytes: this.#options.maxBytes,
        checkRedirect: (finalUrl) => this.#checkRedirect(url, finalUrl),
        onProgress: (received, total) => this.#events.emit('progress', { role, received, total }),
        onChunk: (arrived, received) => {
          chunks = arrived;
          const header = headerCheck.offer(arrived, received);
          if (!header) return;
          previewSize ??= previewSizeFor(header, backing);
          if (previewSize && (preview || performance.now() - startedAt > STREAM_AFTER_MS)) {
            preview ??= startPreview({ header, size: previewSize });
            preview.feed(arrived);
          }
        },
      });
      chunks = body.chunks;
      const header = headerCheck.finish(body.chunks, body.length);
      previewSize ??= previewSizeFor(header, backing);
      if (preview) {
        preview.feed(body.chunks);
        preview.end();
      } else if (previewSize) {
        preview = startPreview({ header, size: previewSize, chunks: body.chunks, length: body.length });
      }
      await preview?.consumed;
      source = blobSource(body.chunks, `image/${header.format}`); // zeroes them once the Blob holds them
      const picture = await decodeForDisplay(source, preview, signal);
      return { ...picture, format: header.format, path: 'bytes' };
    } catch (error) {
      preview?.abort();
      preview?.picture.then((picture) => picture?.release()); // one that landed as the load failed
      source?.discard();
      throw error;
    } finally {
      if (!source) wipeChunks(chunks); // after the preview's decoder is closed or holds its copy
    }
  }

  // Swaps the full-resolution bitmap in for the preview on screen, keeping the view.
  // If it fails, the preview stays; if the preview is released first (clear, a newer
  // show), the full decode is aborted and its bitmap closed as it lands.
  async #sharpen(preview) {
    let full;
    try {
      full = await preview.sharper;
    } catch {
      return;
    }
    if (this.#picture !== preview) {
      full.release();
      return;
    }
    this.#picture = { ...full, format: preview.format, path: preview.path };
    preview.release();
    if (full.width !== preview.width || full.height !== preview.height) {
      this.#viewState.setImageSize(full.width, full.height);
    }
    this.#redraw();
  }

  async #loadThroughElement({ url }, bundleText, signal) {
    try {
      const picture = await loadImageElement(url, { signal, maxPixels: this.#options.maxPixels });
      return { ...picture, format: null, path: 'element' };
    } catch (error) {
      // The element cannot read the status; the bundle's expiry tells an expired link apart.
      if (error.code === 'decode_failed' && this.#hasExpired(bundleText)) {
        throw new ViewerError('link_expired', 'The link has expired (the image element could not load it)', { cause: error });
      }
      throw error;
    }
  }

  #hasExpired(bundleText) {
    try {
      validateBundleText(this.#core, bundleText, this.#options);
      return false;
    } catch (error) {
      return error.code === 'link_expired';
    }
  }

  // A redirect may only lead where the bundle's own URLs may point (allow-list, https).
  #checkRedirect(requestedUrl, finalUrl) {
    const { allowedHosts, clockSkewSeconds } = this.#options;
    const result = this.#core.checkImageUrl(finalUrl, { allowedHosts, clockSkewSeconds }, 'the redirect target');
    if (!result.ok) {
      throw new ViewerError(result.code, `The files host ${originOf(requestedUrl)} answered with a redirect: ${result.message}`);
    }
  }

  #fetch() {
    return this.#options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  #resultFor(picture) {
    const { width, height, format, path } = picture;
    return { role: this.#role, width, height, format, path };
  }

  #changeView(change) {
    if (this.#destroyed || !this.#picture) return;
    change(this.#viewState);
    this.#lifecycle.activity(now());
    this.#redraw();
  }

  #pixelRatio() {
    return this.#options.devicePixelRatio ?? globalThis.devicePixelRatio ?? 1;
  }

  #backingSize() {
    const { width, height } = cssSizeOf(this.#canvas);
    const ratio = this.#pixelRatio();
    return { width: width * ratio, height: height * ratio };
  }

  #redraw() {
    if (!this.#picture) return;
    const pixelRatio = this.#pixelRatio();
    const { width, height } = cssSizeOf(this.#canvas);
    this.#viewState.setViewport(width, height, pixelRatio);
    const { watermark } = this.#options;
    drawPicture({
      canvas: this.#canvas,
      context: this.#context,
      picture: this.#picture,
      viewState: this.#viewState,
      pixelRatio,
      watermarkText: typeof watermark === 'function' ? String(watermark() ?? '') : watermark,
      filter: filterFor(this.#adjustments),
    });
    this.#announceZoom();
  }

  // The 'zoom' event: whenever the scale or fittedness changed (a load, a gesture, a
  // call, a resize), not for every pan.
  #announceZoom() {
    const scale = this.#viewState.scale();
    const fitted = this.#viewState.isFitted();
    const last = this.#announcedZoom;
    if (last && last.scale === scale && last.fitted === fitted) return;
    this.#announcedZoom = { scale, fitted };
    this.#events.emit('zoom', { percent: Math.round(scale * 100), scale, fitted });
  }

  #fullscreenTarget() {
    const { fullscreen } = this.#options;
    if (fullscreen === false) throw new TypeError('Fullscreen is off for this viewer (option fullscreen: false)');
    return fullscreen === 'container' ? (this.#canvas.parentElement ?? this.#canvas) : this.#canvas;
  }

  // A cleared viewer does not keep the screen: fullscreen is for looking at the image.
  // Only what toggleFullscreen() would have put there: a page's own fullscreen stays.
  #leaveFullscreen() {
    const element = typeof document === 'object' ? document.fullscreenElement : null;
    if (element && this.#options.fullscreen !== false && element === this.#fullscreenTarget()) {
      document.exitFullscreen().catch(() => {});
    }
  }

  #wipe(reason) {
    this.#load?.abort(new ViewerError('aborted', 'The viewer was cleared'));
    this.#load = null;
    this.#releasePicture();
    this.#forgetBundle();
    this.#role = null;
    this.#gestures.reset();
    this.#announcedZoom = null;
    blankCanvas(this.#canvas);
    this.#leaveFullscreen();
    this.#lifecycle.clear(reason);
    this.#triggers.reschedule();
    this.#events.emit('cleared', { reason });
  }

  #releasePicture() {
    this.#picture?.release();
    this.#picture = null;
  }

  // A picture replaced by a new show leaves the screen at once (the canvas is erased), but
  // a full-resolution bitmap is closed in the next task, once the new request is on its
  // way: freeing one takes milliseconds (2.5 ms at 4 MP here) that would delay it. A
  // preview is released now, which also stops its full decode from starting.
  #releaseReplacedPicture() {
    const replaced = this.#picture;
    this.#picture = null;
    if (!replaced) return;
    if (replaced.sharper) replaced.release();
    else setTimeout(() => replaced.release(), 0);
  }

  #forgetBundle() {
    this.#bundleText = null;
    this.#bundle = null;
  }
}
