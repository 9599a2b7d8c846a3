// Getting rid of image data: every byte buffer is zeroed, every decoded picture is
// released, and a cleared canvas keeps no pixels (and no large backing store).

/** Zeroes each byte chunk and empties the list. */
export function wipeChunks(chunks) {
  for (const chunk of chunks) chunk.fill(0);
  chunks.length = 0;
}

/** One buffer with the bytes of every chunk (the caller zeroes both). */
export function joinChunks(chunks, length) {
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/** Frees an ImageBitmap's pixels now rather than at garbage collection. */
export function closeBitmap(bitmap) {
  bitmap.close();
}

/** Lets the browser drop an <img>'s decoded pixels and stop any pending load. */
export function releaseImageElement(image) {
  image.onload = null;
  image.onerror = null;
  image.removeAttribute('src');
}

/** Makes every pixel of the canvas transparent, keeping its backing store. */
export function erasePixels(canvas, context) {
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
}

/** Resizing a canvas clears it; a 0×0 backing store holds no pixels at all. */
export function blankCanvas(canvas) {
  canvas.width = 0;
  canvas.height = 0;
}
