// <identity-image-viewer>: the viewer as a custom element wrapping its own canvas.
// Importing this module registers the element where custom elements exist; in Node it
// only exports the class. Give the element a size with CSS (default height 24rem).
// The viewer is created on first use (show, select, ready), so options set right after
// the element is upgraded still apply; removing the element destroys it.
import { ViewerError } from './errors.js';
import { VIEWER_EVENTS } from './events.js';
import { createViewer } from './viewer.js';

export const ELEMENT_NAME = 'identity-image-viewer';
const STYLE = ':host{display:block;position:relative;height:24rem}canvas{display:block;width:100%;height:100%}';

const ElementBase = globalThis.HTMLElement ?? class {};

export class IdentityImageViewerElement extends ElementBase {
  #canvas;
  #options = {};
  #viewer = null; // Promise<Viewer> once used, until disconnected

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyle(root);
    this.#canvas = document.createElement('canvas');
    this.#canvas.setAttribute('part', 'canvas');
    root.append(this.#canvas);
  }

  /** Viewer options (see createViewer); read when the viewer is first used. */
  get options() {
    return this.#options;
  }

  set options(options) {
    this.#options = { ...options };
  }

  /**
   * The viewer behind the element, created on first use while the element is connected.
   * Out of the document there is none (removing the element destroyed it): a
   * ViewerError 'aborted', as a destroyed viewer's show() gives.
   */
  get ready() {
    if (!this.isConnected) {
      return Promise.reject(new ViewerError('aborted', '<identity-image-viewer> is not in the document, so it has no viewer'));
    }
    if (!this.#viewer) {
      const creating = createViewer(this.#canvas, this.#options).then((viewer) => {
        for (const type of VIEWER_EVENTS) {
          viewer.on(type, (detail) => this.dispatchEvent(new CustomEvent(type, { detail })));
        }
        return viewer;
      }, (error) => {
        if (this.#viewer === creating) this.#viewer = null; // the next use tries again (e.g. the core's download failed)
        throw error;
      });
      this.#viewer = creating;
    }
    return this.#viewer;
  }

  disconnectedCallback() {
    const viewer = this.#viewer;
    this.#viewer = null;
    viewer?.then((v) => v.destroy(), () => {});
  }

  async show(bundle, options) {
    return (await this.ready).show(bundle, options);
  }

  async select(role) {
    return (await this.ready).select(role);
  }

  /** Clears the viewer; with no viewer (never used, or out of the document) nothing is held. */
  async clear() {
    await this.#viewer?.then((viewer) => viewer.clear(), () => {});
  }
}

function adoptStyle(root) {
  // A constructed stylesheet is not an inline style, so pages with a strict CSP allow it.
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = STYLE;
    root.append(style);
  }
}

if (globalThis.customElements && !customElements.get(ELEMENT_NAME)) {
  customElements.define(ELEMENT_NAME, IdentityImageViewerElement);
}
