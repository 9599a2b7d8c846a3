// The fallback for files hosts that send no CORS headers: an <img> without
// crossOrigin loads the FileLink itself. Its pixels cannot be read back (the canvas it
// is drawn into becomes tainted, which is fine for display) and its bytes cannot be
// sniffed, so the pixel limit is checked on the dimensions once loaded, before the
// first draw decodes the pixels.
import { ViewerError, originOf } from './errors.js';
import { releaseImageElement } from './wipe.js';

/** @returns {Promise<import('./decode.js').Picture>} */
export function loadImageElement(url, { signal, maxPixels }) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.referrerPolicy = 'no-referrer';
    image.decoding = 'async';

    const settle = (error) => {
      signal.removeEventListener('abort', onAbort);
      image.onload = null;
      image.onerror = null;
      if (error) {
        releaseImageElement(image);
        reject(error);
        return;
      }
      resolve({
        source: image,
        width: image.naturalWidth,
        height: image.naturalHeight,
        release: () => releaseImageElement(image),
      });
    };
    const onAbort = () => settle(signal.reason);

    image.onload = () => {
      const pixels = image.naturalWidth * image.naturalHeight;
      if (pixels > maxPixels) {
        settle(new ViewerError('too_many_pixels', `The image is ${image.naturalWidth}x${image.naturalHeight}, more than ${maxPixels} pixels`));
      } else {
        settle(null);
      }
    };
    image.onerror = () => {
      settle(new ViewerError('decode_failed', `The image from ${originOf(url)} could not be loaded or decoded (the host sends no CORS headers, so its answer is not readable)`));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    image.src = url;
  });
}
