// Brightness, contrast and invert, for glare and faded print: applied as a canvas
// filter while the image is drawn (never to the bytes, and never to the watermark).
export const NEUTRAL_ADJUSTMENTS = Object.freeze({ brightness: 1, contrast: 1, invert: false });

// CSS filter amounts: 1 leaves the image as it is; beyond 4 nothing is legible any more.
const LARGEST_AMOUNT = 4;

/** Merges `changes` into `current`; a wrong name, type or amount is a TypeError. */
export function mergeAdjustments(current, changes) {
  if (changes === null || typeof changes !== 'object') throw new TypeError('adjust() takes an object such as { brightness: 1.2 }');
  const next = { ...current };
  for (const [name, value] of Object.entries(changes)) {
    if (!(name in NEUTRAL_ADJUSTMENTS)) throw new TypeError(`Unknown adjustment "${name}" (brightness, contrast, invert)`);
    if (name === 'invert') {
      if (typeof value !== 'boolean') throw new TypeError('invert must be true or false');
    } else if (typeof value !== 'number' || !(value >= 0 && value <= LARGEST_AMOUNT)) {
      throw new TypeError(`${name} must be a number from 0 to ${LARGEST_AMOUNT} (1: unchanged)`);
    }
    next[name] = value;
  }
  return Object.freeze(next);
}

/** The CanvasRenderingContext2D.filter value for the adjustments ('none' when neutral). */
export function filterFor({ brightness, contrast, invert }) {
  const parts = [];
  if (brightness !== 1) parts.push(`brightness(${brightness})`);
  if (contrast !== 1) parts.push(`contrast(${contrast})`);
  if (invert) parts.push('invert(1)');
  return parts.length ? parts.join(' ') : 'none';
}
