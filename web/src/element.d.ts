// Types for identity-image-viewer/element (hand-written; keep in step with element.js).
import type { ImageRole, LinkBundle, ShowResult, Viewer, ViewerOptions } from './index.js';

export declare const ELEMENT_NAME: 'identity-image-viewer';

/**
 * <identity-image-viewer>: a viewer on its own canvas (in a shadow root, part="canvas").
 * Re-dispatches the viewer's events as CustomEvents ('progress', 'loaded', 'expired',
 * 'cleared', 'error', 'zoom') with the payload in `detail`. Removing it from the
 * document destroys its viewer (and wipes the image). Gestures work on its canvas; for
 * fullscreen use the option fullscreen: 'canvas' (the canvas' parent is the shadow root).
 */
export declare class IdentityImageViewerElement extends HTMLElement {
  /** Viewer options, read when the viewer is first used (show, select, ready). */
  options: ViewerOptions;
  /** The viewer behind the element, created on first use; rejects while the element is not connected. */
  readonly ready: Promise<Viewer>;
  show(bundle: LinkBundle | string, options?: { role?: ImageRole }): Promise<ShowResult>;
  select(role: ImageRole): Promise<ShowResult>;
  clear(): Promise<void>;
}

declare global {
  interface HTMLElementTagNameMap {
    'identity-image-viewer': IdentityImageViewerElement;
  }
}
