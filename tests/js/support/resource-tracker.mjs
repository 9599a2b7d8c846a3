// An init script for the test page that watches what the viewer leaves behind: object
// URLs created vs revoked, ImageBitmaps and ImageDecoder frames still open, <img>
// elements still holding a source, and whether every chunk a stream reader delivered
// was zeroed. window.bitmapsSettled() resolves once every createImageBitmap and
// ImageDecoder.decode call so far has finished (e.g. the full-resolution decode behind
// a preview).
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
  // Every decode started so far has finished (e.g. the full-resolution one behind a preview).
  window.bitmapsSettled = () => Promise.allSettled([...bitmapCalls, ...decodeCalls]);

  const frames = [];
  const decodeCalls = [];
  let scaledDecoders = 0;
  let firstDecoderAt = null;
  if (window.ImageDecoder) {
    const NativeImageDecoder = window.ImageDecoder;
    const nativeDecode = NativeImageDecoder.prototype.decode;
    NativeImageDecoder.prototype.decode = function decode(...args) {
      const call = nativeDecode.apply(this, args).then((result) => {
        frames.push(result.image);
        return result;
      });
      decodeCalls.push(call);
      return call;
    };
    // Counts the decoders asked for a scaled picture (a preview).
    window.ImageDecoder = class ImageDecoder extends NativeImageDecoder {
      constructor(init) {
        super(init);
        firstDecoderAt ??= performance.now();
        if (init?.desiredWidth || init?.desiredHeight) scaledDecoders += 1;
      }
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
  let lastChunkAt = null;
  const nativeRead = ReadableStreamDefaultReader.prototype.read;
  ReadableStreamDefaultReader.prototype.read = function read(...args) {
    return nativeRead.apply(this, args).then((step) => {
      if (step.value instanceof Uint8Array) {
        chunks.push(step.value);
        lastChunkAt = performance.now();
      }
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
    scaledDecoders,
    // Whether the first ImageDecoder was made before the body's last chunk arrived.
    decoderBeforeLastChunk: firstDecoderAt !== null && lastChunkAt !== null && firstDecoderAt < lastChunkAt,
    // Decoded pictures of either kind (ImageBitmap or ImageDecoder frame).
    picturesDecoded: bitmaps.length + frames.length,
    picturesOpen: bitmaps.filter((bitmap) => bitmap.width > 0).length + frames.filter((frame) => frame.displayWidth > 0).length,
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

/** An init script that takes WebCodecs' ImageDecoder away, as in Firefox and WebKit. */
export function removeImageDecoder() {
  delete window.ImageDecoder;
}
