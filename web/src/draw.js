// Puts the current picture on the canvas as the core's ViewState says: the backing
// store sized for the CSS box × devicePixelRatio, the image through the state's
// matrix (and the reviewer's brightness/contrast/invert filter), then the watermark
// over the pixels, unfiltered.
import { drawWatermark } from './watermark.js';

export function drawPicture({ canvas, context, picture, viewState, pixelRatio, watermarkText, filter = 'none' }) {
  const { width, height } = viewState.backingSize();
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width; // resizing also clears the canvas and resets the context state
    canvas.height = height;
  } else {
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, width, height);
  }
  const m = viewState.matrix();
  context.setTransform(m.a, m.b, m.c, m.d, m.e, m.f);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high'; // document text stays legible when scaled down
  // Drawn at the image's full size in image coordinates: a preview is smaller than that.
  context.filter = filter;
  context.drawImage(picture.source, 0, 0, picture.width, picture.height);
  context.filter = 'none';
  context.setTransform(1, 0, 0, 1, 0, 0);
  drawWatermark(context, watermarkText, width, height, pixelRatio);
}

/** The canvas' CSS box size, which the view fits the image into. */
export function cssSizeOf(canvas) {
  return {
    width: canvas.clientWidth || canvas.width,
    height: canvas.clientHeight || canvas.height,
  };
}

/**
 * A canvas without a CSS size takes its layout size from its backing store, which the
 * viewer resizes (and clears to 0×0). Pin each such dimension to its current CSS size
 * so the layout does not follow the backing store.
 */
export function pinCssSizeIfIntrinsic(canvas) {
  if (typeof getComputedStyle !== 'function' || !canvas.isConnected) return;
  const style = getComputedStyle(canvas);
  const cssWidth = style.width;
  const cssHeight = style.height;
  const backing = { width: canvas.width, height: canvas.height };
  canvas.width = backing.width + 7;
  canvas.height = backing.height + 7;
  const widthFollows = getComputedStyle(canvas).width !== cssWidth;
  const heightFollows = getComputedStyle(canvas).height !== cssHeight;
  canvas.width = backing.width;
  canvas.height = backing.height;
  if (widthFollows) canvas.style.width = cssWidth;
  if (heightFollows) canvas.style.height = cssHeight;
}
