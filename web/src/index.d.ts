// Types for identity-image-viewer: hand-written (keep in step with src/*.js), except
// core-facts.d.ts, which is generated.

// The role and code lists are the viewer core's, generated from its C++ headers.
import type { ERROR_CODES as CORE_ERROR_CODES, IMAGE_ROLES } from './core-facts.js';

/** The images a Stripe Identity verification can carry, by their role in the bundle. */
export type ImageRole = (typeof IMAGE_ROLES)[number];

/** Stable codes: switch on these, never on messages. */
export type ErrorCode = (typeof CORE_ERROR_CODES)[number];

export declare const ERROR_CODES: readonly ErrorCode[];

/** Every failure the viewer reports. Messages never contain a whole FileLink URL. */
export declare class ViewerError extends Error {
  constructor(code: ErrorCode, message: string, details?: { cause?: unknown; status?: number });
  readonly name: 'ViewerError';
  readonly code: ErrorCode;
  /** The files host's HTTP status, for 'http_error' and for 'link_expired' from a 403/404/410. */
  readonly status?: number;
}

/** The bundle as the server sends it (JSON text or the parsed object). */
export interface LinkBundle {
  verification_session: string;
  verification_report: string;
  /** Unix seconds. */
  issued_at: number;
  images: BundleImage[];
}

export interface BundleImage {
  role: ImageRole;
  file: string;
  file_link: string;
  /** The FileLink URL: a bearer token, valid until expires_at. */
  url: string;
  /** Unix seconds. */
  expires_at: number;
}

/** A bundle that passed the core's rules (see validateBundle). */
export interface ValidatedBundle {
  verificationSession: string;
  verificationReport: string;
  issuedAt: number;
  images: {
    role: ImageRole;
    file: string;
    fileLink: string;
    url: string;
    expiresAt: number;
  }[];
}

export interface RefreshRequest {
  /** The role being shown, or null when the bundle was refused before a role was picked. */
  role: ImageRole | null;
  /** Aborts when the show is cancelled (clear, destroy, a newer show). */
  signal: AbortSignal;
}

export interface ViewerOptions {
  /** Files hosts allowed besides files.stripe.com, as "host" or "host:port". Default []. */
  allowedHosts?: string[];
  /** How far the reviewer's clock may run ahead of the server's (0–60). Default 5. */
  clockSkewSeconds?: number;
  /** Largest image accepted, in bytes. Default 25 MiB (26214400). */
  maxBytes?: number;
  /** Largest image accepted, in pixels (width × height). Default 50 000 000. */
  maxPixels?: number;
  /** Time limit for fetching and decoding one image. Default 20000. */
  timeoutMs?: number;
  /** Text burned into the pixels (tiled, rotated, semi-transparent); a function is called at every draw. Default none. */
  watermark?: string | (() => string) | null;
  /** Called once per show when a link has expired; resolves with a fresh bundle. Default none. */
  refreshBundle?: ((request: RefreshRequest) => Promise<LinkBundle | string> | LinkBundle | string) | null;
  /** Clear when the page becomes hidden. Default true. */
  clearOnHidden?: boolean;
  /** Clear after this long without user activity; 0 = never. Default 0. */
  inactivityMs?: number;
  /** Clear this long after the image first appeared; 0 = no limit. Default 0. */
  viewingWindowMs?: number;
  /** Overrides window.devicePixelRatio for the backing store. Default: the window's, at each draw. */
  devicePixelRatio?: number | null;
  /** Fall back to an <img> (tainted canvas) when the files host sends no CORS headers. Default true. */
  elementFallback?: boolean;
  /** Replaces globalThis.fetch (tests, instrumentation). */
  fetch?: typeof fetch | null;
  /** Mouse wheel (and trackpad pinch) zooms about the pointer. Default true. */
  wheelZoom?: boolean;
  /** Dragging with the mouse, a pen or one finger pans. Default true. */
  dragPan?: boolean;
  /** Two fingers pinch to zoom about their midpoint, and pan by moving together. Default true. */
  pinchZoom?: boolean;
  /** A double tap or double click zooms in 2× about the point; the next one fits again. Default true. */
  doubleTapZoom?: boolean;
  /** What toggleFullscreen() puts on the screen: the canvas, its parent element, or nothing (false). Default 'canvas'. */
  fullscreen?: 'canvas' | 'container' | false;
}

export declare const DEFAULT_OPTIONS: Readonly<Required<ViewerOptions>>;

/** How the image reached the canvas: read as bytes (sniffed, then decoded) or through an <img> (no CORS). */
export type LoadPath = 'bytes' | 'element';

export interface ShowResult {
  role: ImageRole;
  width: number;
  height: number;
  /** From the sniffed header; null on the element path, where the bytes are not readable. */
  format: 'jpeg' | 'png' | 'webp' | null;
  path: LoadPath;
}

export interface ViewerProgress {
  role: ImageRole;
  received: number;
  /** Content-Length, or null when the host did not send one. */
  total: number | null;
}

export type ClearReason = 'user' | 'pagehide' | 'hidden' | 'inactivity' | 'window_ended' | 'destroyed';

export interface ViewerZoom {
  /** scale × 100, rounded: 100 is one image pixel per device pixel. */
  percent: number;
  /** Backing-store pixels per image pixel. */
  scale: number;
  fitted: boolean;
}

export interface ViewerEvents {
  progress: ViewerProgress;
  loaded: ShowResult;
  expired: { role: ImageRole | null };
  cleared: { reason: ClearReason };
  /** Every failure of show()/select() except 'aborted'. */
  error: ViewerError;
  /** The zoom changed (a new image, a gesture, a call, a resize); not sent for pans. */
  zoom: ViewerZoom;
}

/** Applied when drawing, never to the bytes or the watermark. */
export interface ViewerAdjustments {
  /** 0–4; 1 leaves the image as it is. */
  brightness: number;
  /** 0–4; 1 leaves the image as it is. */
  contrast: number;
  invert: boolean;
}

export type ViewerState = 'idle' | 'loading' | 'shown' | 'cleared' | 'failed' | 'destroyed';

export interface ViewSummary {
  /** Backing-store pixels per image pixel (1 = actual size on the device). */
  scale: number;
  rotation: 0 | 90 | 180 | 270;
  flipped: boolean;
  fitted: boolean;
}

export interface Viewer {
  readonly state: ViewerState;
  /** Roles in the bundle being shown; [] when none is held. */
  readonly roles: readonly ImageRole[];
  readonly role: ImageRole | null;
  /** null once destroyed. */
  readonly view: ViewSummary | null;
  readonly adjustments: Readonly<ViewerAdjustments>;

  /** Validates the bundle and shows one image (the given role, else the first). */
  show(bundle: LinkBundle | string, options?: { role?: ImageRole }): Promise<ShowResult>;
  /** Shows another role of the bundle held, fetching it now (or a fresh bundle via refreshBundle when none is held). */
  select(role: ImageRole): Promise<ShowResult>;
  /** Scales by factor about an anchor in CSS pixels from the canvas' top-left (default: its centre). */
  zoom(factor: number, anchor?: { x: number; y: number }): void;
  zoomTo(mode: 'fit' | 'actual'): void;
  /** Moves the image by CSS pixels. */
  pan(dx: number, dy: number): void;
  /** Quarter turns: 1 clockwise (default), -1 counter-clockwise. */
  rotate(quarterTurns?: number): void;
  /** Mirrors horizontally on screen. */
  flip(): void;
  /** Fitted, not rotated, not mirrored. */
  reset(): void;
  /** Changes brightness, contrast or invert (the others stay); kept for the next images. Out-of-range values throw TypeError. */
  adjust(changes: Partial<ViewerAdjustments>): void;
  /** Enters or leaves fullscreen (only from a user's click or key); resolves with whether it is fullscreen now. */
  toggleFullscreen(): Promise<boolean>;
  /** Cancels any load, wipes the image and empties the canvas (reason 'user'). */
  clear(): void;
  /** clear(), then releases everything; the viewer cannot be used again. */
  destroy(): void;
  /** Returns a function that removes the listener. Another event name throws TypeError. */
  on<K extends keyof ViewerEvents>(type: K, listener: (detail: ViewerEvents[K]) => void): () => void;
}

/** Programming errors (no canvas, a wrong option type) throw TypeError; everything else is a ViewerError. */
export declare function createViewer(canvas: HTMLCanvasElement, options?: ViewerOptions): Promise<Viewer>;

/**
 * Where the core's .wasm comes from: its URL (resolved against the document), its
 * bytes, or a compiled module. esbuild, CDNs and strict hosting need this; Vite and
 * webpack ship the .wasm beside the package by themselves.
 */
export type WasmSource = string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module;

/**
 * Hands the core its .wasm (or, with no argument, loads it from beside the package) and
 * resolves when the core is ready. Call it right after importing, before any await, so
 * the default URL is never requested. Replaces a load that has not succeeded yet; once
 * the core has loaded, it is kept for the page. A failed load rejects with a ViewerError
 * 'network_error' whose message names the URL; a wrong type of source, with TypeError.
 */
export declare function init(source?: WasmSource | null): Promise<void>;

/** The viewer's bundle check without a canvas (works in Node too). */
export declare function validateBundle(
  bundle: LinkBundle | string,
  options?: { allowedHosts?: string[]; clockSkewSeconds?: number },
): Promise<ValidatedBundle>;
