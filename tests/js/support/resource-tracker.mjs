// An init script for the test page that watches what the viewer leaves behind: object
// URLs created vs revoked, ImageBitmaps and ImageDecoder frames still open, <img>
// elements still holding a source, and whether every chunk a stream reader delivered
// was zeroed. window.bitmapsSettled() resolves once every createImageBitmap call so far
// has finished (e.g. the full-resolution decode behind a preview).
export function trackImageResources() {
  const objectUrls = new Set();
  const counts = { created: 0, revoked: 0 };
  const nativeCreate = URL.createObjectURL;
  const nativeRevoke = URL.revokeObjectURL;
  URL.createObjectURL = (object) => {
    const url = nativeCreate.call(URL, object);
    objectUrls.add(url);
    counts.created += 1;
    return url;
  };
  URL.revokeObjectURL = (url) => {
    if (objectUrls.delete(url)) counts.revoked += 1;
    nativeRevoke.call(URL, url);
  };

  const bitmaps = [];
  const bitmapCalls = [];
  const nativeCreateImageBitmap = window.createImageBitmap;
  if (nativeCreateImageBitmap) {
    window.createImageBitmap = (...args) => {
      const call = nativeCreateImageBitmap.apply(window, args).then((bitmap) => {
        bitmaps.push(bitmap);
        return bitmap;
      });
      bitmapCalls.push(call);
      return call;
    };
  }
  window.bitmapsSettled = () => Promise.allSettled(bitmapCalls);

  const frames = [];
  if (window.ImageDecoder) {
    const nativeDecode = ImageDecoder.prototype.decode;
    ImageDecoder.prototype.decode = function decode(...args) {
      return nativeDecode.apply(this, args).then((result) => {
        frames.push(result.image);
        return result;
      });
    };
  }

  const images = [];
  const NativeImage = window.Image;
  window.Image = function Image(...args) {
    const image = new NativeImage(...args);
    images.push(image);
    return image;
  };
  window.Image.prototype = NativeImage.prototype;

  const chunks = [];
  const nativeRead = ReadableStreamDefaultReader.prototype.read;
  ReadableStreamDefaultReader.prototype.read = function read(...args) {
    return nativeRead.apply(this, args).then((step) => {
      if (step.value instanceof Uint8Array) chunks.push(step.value);
      return step;
    });
  };

  window.imageResources = () => ({
    objectUrlsCreated: counts.created,
    objectUrlsRevoked: counts.revoked,
    objectUrlsOutstanding: objectUrls.size,
    bitmapsCreated: bitmaps.length,
    bitmapsOpen: bitmaps.filter((bitmap) => bitmap.width > 0).length, // close() makes it 0×0
    framesDecoded: frames.length,
    framesOpen: frames.filter((frame) => frame.displayWidth > 0).length, // close() zeroes the sizes
    imagesCreated: images.length,
    imagesHoldingSource: images.filter((image) => image.hasAttribute('src')).length,
    chunksRead: chunks.length,
    chunksNotZeroed: chunks.filter((chunk) => chunk.some((byte) => byte !== 0)).length,
  });
}

/** An init script that takes createImageBitmap away, as in browsers without it. */
export function removeCreateImageBitmap() {
  delete window.createImageBitmap;
}
