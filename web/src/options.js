// The viewer's options with their defaults. Wrong types and out-of-range values are
// programming errors and throw a TypeError at createViewer(), not later in the middle
// of a show; nothing is silently capped. The limits the core also applies come from it
// (core-facts.js, generated from its headers).
import { DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_MAX_PIXELS, MAX_CLOCK_SKEW_SECONDS } from './core-facts.js';

export const DEFAULT_OPTIONS = Object.freeze({
  allowedHosts: Object.freeze([]), // files.stripe.com is always allowed by the core
  clockSkewSeconds: DEFAULT_CLOCK_SKEW_SECONDS,
  maxBytes: 25 * 1024 * 1024,
  maxPixels: DEFAULT_MAX_PIXELS,
  timeoutMs: 20_000,
  watermark: null,
  refreshBundle: null,
  clearOnHidden: true,
  inactivityMs: 0, // 0: never clear for inactivity
  viewingWindowMs: 0, // 0: no viewing window
  devicePixelRatio: null, // null: the window's devicePixelRatio at each draw
  elementFallback: true,
  fetch: null, // null: globalThis.fetch
  wheelZoom: true,
  dragPan: true,
  pinchZoom: true, // and two-finger pan
  doubleTapZoom: true, // double tap or double click
  fullscreen: 'canvas', // what toggleFullscreen() puts on the screen: 'canvas', 'container' or false
});

const GESTURE_OPTIONS = ['wheelZoom', 'dragPan', 'pinchZoom', 'doubleTapZoom'];
const FULLSCREEN_TARGETS = ['canvas', 'container', false];

// setTimeout fires at once for delays past 2^31-1 ms, which would turn a long limit into none.
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/** The options that decide which links are trusted; shared with validateBundle(). */
export function checkLinkPolicy({ allowedHosts, clockSkewSeconds }) {
  if (!Array.isArray(allowedHosts) || !allowedHosts.every((host) => typeof host === 'string')) {
    throw new TypeError('allowedHosts must be an array of "host" or "host:port" strings');
  }
  requireNonNegative('clockSkewSeconds', clockSkewSeconds);
  // The core accepts at most a minute of clock skew: more would keep expired links alive.
  if (clockSkewSeconds > MAX_CLOCK_SKEW_SECONDS) {
    throw new TypeError(`clockSkewSeconds must be at most ${MAX_CLOCK_SKEW_SECONDS}`);
  }
}

export function resolveOptions(options = {}) {
  const resolved = { ...DEFAULT_OPTIONS };
  for (const [name, value] of Object.entries(options)) {
    if (!(name in DEFAULT_OPTIONS)) throw new TypeError(`Unknown viewer option "${name}"`);
    if (value !== undefined) resolved[name] = value;
  }
  const { allowedHosts, watermark, refreshBundle, fetch } = resolved;
  checkLinkPolicy(resolved);
  for (const name of ['maxBytes', 'maxPixels', 'timeoutMs']) requirePositive(name, resolved[name]);
  if (resolved.timeoutMs > LONGEST_TIMEOUT_MS) throw new TypeError(`timeoutMs must be at most ${LONGEST_TIMEOUT_MS}`);
  for (const name of ['inactivityMs', 'viewingWindowMs']) requireNonNegative(name, resolved[name]);
  if (resolved.devicePixelRatio !== null) requirePositive('devicePixelRatio', resolved.devicePixelRatio);
  if (watermark !== null && typeof watermark !== 'string' && typeof watermark !== 'function') {
    throw new TypeError('watermark must be a string or a function returning a string');
  }
  if (refreshBundle !== null && typeof refreshBundle !== 'function') throw new TypeError('refreshBundle must be a function');
  if (fetch !== null && typeof fetch !== 'function') throw new TypeError('fetch must be a function');
  resolved.allowedHosts = [...allowedHosts];
  for (const name of GESTURE_OPTIONS) {
    if (typeof resolved[name] !== 'boolean') throw new TypeError(`${name} must be true or false`);
  }
  if (!FULLSCREEN_TARGETS.includes(resolved.fullscreen)) throw new TypeError('fullscreen must be "canvas", "container" or false');
  resolved.clearOnHidden = Boolean(resolved.clearOnHidden);
  resolved.elementFallback = Boolean(resolved.elementFallback);
  return resolved;
}

function requirePositive(name, value) {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a positive number`);
  }
}

function requireNonNegative(name, value) {
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a number ≥ 0`);
  }
}
