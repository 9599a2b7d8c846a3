// Turns checked image bytes into something drawable with the browser's own decoder.
// createImageBitmap(blob) is the fastest path (it decodes off the main thread); where
// it is missing, an <img> decodes an object URL, which is revoked once decoded.
import { ViewerError } from './errors.js';
import { closeBitmap, releaseImageElement } from './wipe.js';

/**
 * @typedef {{source: CanvasImageSource, width: number, height: number, release: () => void}} Picture
 * @returns {Promise<Picture>}
 */
export async function decodeBlob(blob, signal) {
  if (typeof createImageBitmap !== 'function') return decodeWithObjectUrl(blob, signal);
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch (error) {
    throw new ViewerError('decode_failed', 'The browser could not decode the image', { cause: error });
  }
  if (signal.aborted) {
    closeBitmap(bitmap);
    throw signal.reason;
  }
  return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => closeBitmap(bitmap) };
}

async function decodeWithObjectUrl(blob, signal) {
  const image = new Image();
  const objectUrl = URL.createObjectURL(blob);
  try {
    image.src = objectUrl;
    await image.decode();
  } catch (error) {
    releaseImageElement(image);
    throw new ViewerError('decode_failed', 'The browser could not decode the image', { cause: error });
  } finally {
    URL.revokeObjectURL(objectUrl); // the decoded image stays drawable without it
  }
  if (signal.aborted) {
    releaseImageElement(image);
    throw signal.reason;
  }
  return {
    source: image,
    width: image.naturalWidth,
    height: image.naturalHeight,
    release: () => releaseImageElement(image),
  };
}
