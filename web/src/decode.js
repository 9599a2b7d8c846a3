// Turns checked image bytes into something drawable with the browser's own decoder.
// createImageBitmap(blob) is the fastest full decode (off the main thread); where it is
// missing, an <img> decodes an object URL, which is revoked once decoded. A large JPEG
// may also have a scaled preview under way (preview.js) to put on screen first.
import { untilAborted } from './deadline.js';
import { ViewerError } from './errors.js';
import { closeBitmap, releaseImageElement, wipeChunks } from './wipe.js';

/**
 * The file's chunks, turned into a Blob once (and zeroed then: the Blob holds the only
 * copy), or zeroed unused when no full decode will come.
 */
export function blobSource(chunks, type) {
  let blob = null;
  return {
    take() {
      if (!blob) {
        blob = new Blob(chunks, { type });
        wipeChunks(chunks);
      }
      return blob;
    },
    discard() {
      wipeChunks(chunks);
    },
  };
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The picture to show first. With a preview, its `sharper` promise yields the
 * full-resolution picture. That Blob and its decode start in the task after the preview
 * is returned: building the Blob copies the whole file on the main thread (11 ms at
 * 4 MP here), which would otherwise hold the preview back. Releasing the preview before
 * the full picture arrives cancels it (the chunks are zeroed unused, or a late bitmap
 * is closed at once).
 * @param {ReturnType<typeof blobSource>} source
 * @param {ReturnType<import('./preview.js').startPreview>|null} preview
 * @returns {Promise<Picture & {sharper?: Promise<Picture>}>}
 */
export async function decodeForDisplay(source, preview, signal) {
  if (!preview) return decodeBlob(source.take(), signal);
  let first;
  try {
    first = await untilAborted(preview.picture, signal);
  } catch (error) {
    preview.picture.then((late) => late?.release());
    throw error;
  }
  if (!first) return decodeBlob(source.take(), signal); // no preview after all: the full decode it is

  const fullDecode = new AbortController();
  const sharper = nextTask().then(() => {
    if (fullDecode.signal.aborted) {
      source.discard();
      throw fullDecode.signal.reason;
    }
    return decodeBlob(source.take(), fullDecode.signal);
  });
  sharper.catch(() => {}); // a failure is handled where it is awaited, if it ever is
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
