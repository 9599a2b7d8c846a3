// Turns checked image bytes into something drawable with the browser's own decoder.
// createImageBitmap(blob) is the fastest full decode (off the main thread); where it is
// missing, an <img> decodes an object URL, which is revoked once decoded. A large JPEG
// may also have a scaled preview under way (preview.js) to put on screen first.
import { ViewerError } from './errors.js';
import { closeBitmap, releaseImageElement } from './wipe.js';

/**
 * The picture to show first. With a preview, its `sharper` promise yields the
 * full-resolution picture (whose decode starts now, alongside the preview's); releasing
 * the preview before that arrives aborts it, and the late bitmap is closed at once.
 * @param {Blob} blob the whole file
 * @param {ReturnType<import('./preview.js').startPreview>|null} preview
 * @returns {Promise<Picture & {sharper?: Promise<Picture>}>}
 */
export async function decodeForDisplay(blob, preview, signal) {
  if (!preview) return decodeBlob(blob, signal);

  const fullDecode = new AbortController();
  const abortFull = () => fullDecode.abort(signal.reason);
  signal.addEventListener('abort', abortFull, { once: true });
  const sharper = decodeBlob(blob, fullDecode.signal);
  sharper.catch(() => {}); // a failure is handled where it is awaited, if it ever is
  let first;
  try {
    first = await preview.picture;
    if (signal.aborted) throw signal.reason;
    if (!first) return await sharper; // no preview after all: the full decode it is
  } catch (error) {
    first?.release();
    fullDecode.abort(error);
    throw error;
  } finally {
    signal.removeEventListener('abort', abortFull);
  }
  return {
    ...first,
    sharper,
    release() {
      first.release();
      fullDecode.abort(new ViewerError('aborted', 'The picture was released'));
    },
  };
}

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
