// The tests' own model of where an image point lands on the canvas (independent of the
// core's ViewState): the on-screen steps in the order the user took them (quarter turns
// 'cw'/'ccw', horizontal 'flip'), fitted into the CSS box and centred, then zoom about an
// anchor and pan. Colour checks too.
import assert from 'node:assert/strict';
import { PATTERN, patternColorAt } from '../../../scripts/harness/image-generators.mjs';

/** Image points well inside the pattern's regions: the four quadrants and the marker. */
export const PATTERN_SAMPLES = Object.freeze([[100, 75], [300, 75], [100, 225], [300, 225], [50, 50]]);

export function canvasPointFor([x, y], { image = PATTERN, canvas, steps = [], zoom = 1, anchor, pan = [0, 0] }) {
  let width = image.width;
  let height = image.height;
  let px = x;
  let py = y;
  for (const step of steps) {
    if (step === 'flip') {
      px = width - px;
    } else {
      [px, py] = step === 'cw' ? [height - py, px] : [py, width - px];
      [width, height] = [height, width];
    }
  }
  const scale = Math.min(canvas.width / width, canvas.height / height);
  let cx = (canvas.width - width * scale) / 2 + px * scale;
  let cy = (canvas.height - height * scale) / 2 + py * scale;
  const centre = anchor ?? { x: canvas.width / 2, y: canvas.height / 2 };
  cx = centre.x + (cx - centre.x) * zoom + pan[0];
  cy = centre.y + (cy - centre.y) * zoom + pan[1];
  return [cx, cy];
}

/** For each sample that lands on the canvas: where to read, and the colour to expect. */
export function expectedSamples(view, samples = PATTERN_SAMPLES) {
  const image = view.image ?? PATTERN;
  const factor = image.width / PATTERN.width;
  return samples
    .map(([x, y]) => [x * factor, y * factor])
    .map((point) => ({ image: point, at: canvasPointFor(point, view), color: patternColorAt(...point, image) }))
    .filter(({ at: [x, y] }) => x >= 2 && y >= 2 && x < view.canvas.width - 2 && y < view.canvas.height - 2);
}

export function assertColorsNear(actual, expected, tolerance, label) {
  expected.forEach((sample, index) => {
    const [r, g, b, a] = actual[index];
    const worst = Math.max(...sample.color.map((channel, i) => Math.abs(channel - [r, g, b][i])));
    assert.ok(
      worst <= tolerance && a === 255,
      `${label}: image point ${sample.image} at canvas ${sample.at.map((v) => v.toFixed(1))} is rgba(${r},${g},${b},${a}), expected rgb(${sample.color}) ±${tolerance}`,
    );
  });
}
