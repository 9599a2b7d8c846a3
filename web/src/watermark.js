// A watermark burned into the canvas pixels (never a DOM overlay that could be
// removed): the text tiled over the whole canvas, rotated and semi-transparent, light
// text with a dark outline so it shows on any image.
const ANGLE = -Math.PI / 6;

/** Draws in backing-store pixels; `pixelRatio` keeps the text size steady in CSS pixels. */
export function drawWatermark(context, text, width, height, pixelRatio) {
  if (!text || width === 0 || height === 0) return;
  const fontPx = Math.round(Math.max(12 * pixelRatio, Math.min(width, height) / 18));
  context.save();
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.font = `600 ${fontPx}px system-ui, sans-serif`;
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  context.lineWidth = Math.max(1, fontPx / 14);
  context.fillStyle = 'rgba(255, 255, 255, 0.35)';
  context.strokeStyle = 'rgba(0, 0, 0, 0.35)';
  context.translate(width / 2, height / 2);
  context.rotate(ANGLE);

  const stepX = context.measureText(text).width + fontPx * 2;
  const stepY = fontPx * 3.5;
  const reach = Math.hypot(width, height) / 2; // the rotated tiling must cover every corner
  let row = 0;
  for (let y = -reach; y <= reach; y += stepY, row += 1) {
    const shift = (row % 2) * (stepX / 2);
    for (let x = -reach - stepX + shift; x <= reach; x += stepX) {
      context.strokeText(text, x, y);
      context.fillText(text, x, y);
    }
  }
  context.restore();
}
