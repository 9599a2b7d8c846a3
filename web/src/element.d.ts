// Types for identity-image-viewer/element (hand-written; keep in step with element.js).
import type { ImageRole, LinkBundle, ShowResult, Viewer, ViewerEvents, ViewerOptions } from './index.js';

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
  /**
   * The viewer behind the element, created on first use. While the element is not in
   * the document there is none (removing it destroyed it): rejects with ViewerError 'aborted'.
   */
  readonly ready: Promise<Viewer>;
  /** As Viewer.show(); rejects with ViewerError 'aborted' while the element is not in the document. */
  show(bundle: LinkBundle | string, options?: { role?: ImageRole }): Promise<ShowResult>;
  /** As Viewer.select(); rejects with ViewerError 'aborted' while the element is not in the document. */
  select(role: ImageRole): Promise<ShowResult>;
  /** Clears its viewer; resolves at once when it has none (never used, or not in the document). */
  clear(): Promise<void>;

  addEventListener<K extends keyof IdentityImageViewerElementEventMap>(
    type: K,
    listener: (this: IdentityImageViewerElement, event: IdentityImageViewerElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof IdentityImageViewerElementEventMap>(
    type: K,
    listener: (this: IdentityImageViewerElement, event: IdentityImageViewerElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The viewer's events as the element dispatches them: CustomEvents with the payload in `detail`. */
export type IdentityImageViewerEvents = { [K in keyof ViewerEvents]: CustomEvent<ViewerEvents[K]> };

/**
 * The element's events (as lib.dom's HTMLVideoElementEventMap is the video element's):
 * an element's own 'progress' and 'error' events would be ProgressEvent and ErrorEvent,
 * so the viewer's are typed here rather than in the global HTMLElementEventMap.
 */
export interface IdentityImageViewerElementEventMap
  extends Omit<HTMLElementEventMap, keyof ViewerEvents>, IdentityImageViewerEvents {}

declare global {
  interface HTMLElementTagNameMap {
    'identity-image-viewer': IdentityImageViewerElement;
  }
}
