// A quick first picture of a large JPEG. WebCodecs' ImageDecoder can decode a JPEG
// straight to a fraction of its size (libjpeg's DCT scaling), several times faster than a
// full decode; the viewer paints that first (as an ImageBitmap), then swaps in the
// full-resolution bitmap (decoded from a Blob by createImageBitmap: ImageDecoder's
// full-size JPEG frames come as YUV and cost a colour conversion at every draw). Where
// ImageDecoder is missing, or the image is not much larger than the canvas, there is no
// preview. Nor where frames carry no rotation (VideoFrame.rotation): Firefox's
// ImageDecoder then stretches an EXIF-rotated JPEG into the asked size (a 4:3 box for a
// 3:4 picture), and its sides cannot be told apart from an unrotated one's.
//
// The decoder gets the bytes without a Blob: in one piece when the body arrived quickly
// (one joined buffer, transferred to it), or chunk by chunk as they arrive
// once the download takes a while, so on a slow network it works through the bytes while
// the rest is on its way.
import { joinChunks } from './wipe.js';

// Below this fit scale a preview saves enough decoding to be worth a second decode.
const PREVIEW_BELOW_SCALE = 0.5;

/**
 * The size to decode a preview at, or null when no preview is wanted.
 * @param {{format: string, width: number, height: number}} header from the sniff (stored orientation)
 * @param {{width: number, height: number}} backing the canvas backing-store size
 */
export function previewSizeFor(header, backing) {
  if (header.format !== 'jpeg' || typeof ImageDecoder !== 'function') return null;
  if (typeof VideoFrame !== 'function' || !('rotation' in VideoFrame.prototype)) return null;
  const fit = (w, h) => Math.min(backing.width / w, backing.height / h);
  // Enough pixels for either orientation (EXIF rotation, or a quarter turn right after).
  const scale = Math.max(fit(header.width, header.height), fit(header.height, header.width));
  if (!(scale > 0) || scale > PREVIEW_BELOW_SCALE) return null;
  // libjpeg scales by n/8, and Chromium picks the largest n/8 whose size fits the size
  // asked for: ask for the smallest n/8 at or above the scale needed, so the preview is
  // never smaller than the canvas needs (a size in between would round down).
  const dctScale = Math.ceil(scale * 8) / 8;
  return { width: Math.ceil(header.width * dctScale), height: Math.ceil(header.height * dctScale) };
}

/**
 * Starts a scaled decode. With `chunks` (the whole body) the decoder copies them at once;
 * without, feed() it each chunk as it arrives (in order, each once) and end() it.
 * `picture` resolves with the preview (sized as the full image would be drawn, EXIF
 * orientation applied) or null if none could be made; `consumed` settles once the decoder
 * holds its own copy of every byte fed (or was closed): the chunks may be zeroed then.
 * abort() closes the decoder; a frame that lands later is closed at once.
 */
export function startPreview({ header, size, chunks = null, length = 0 }) {
  const type = `image/${header.format}`;
  const scaled = { desiredWidth: size.width, desiredHeight: size.height };
  let controller = null;
  let fed = 0;
  let open = true;
  let aborted = false;
  let decoder;
  if (chunks) {
    // Handed over rather than copied again (ImageDecoderInit.transfer): a browser without
    // the option copies it, and the copy left here is zeroed.
    const whole = joinChunks(chunks, length);
    try {
      decoder = new ImageDecoder({ data: whole, type, ...scaled, transfer: [whole.buffer] });
    } finally {
      if (whole.byteLength > 0) whole.fill(0);
    }
  } else {
    const data = new ReadableStream({ start: (c) => { controller = c; } });
    decoder = new ImageDecoder({ data, type, ...scaled });
  }

  // A decoder may finish before the last bytes (every row decoded, the end marker still on
  // its way) and is closed then, which cancels its stream: it wants nothing more.
  const offer = (give) => {
    try {
      give();
    } catch {
      open = false;
    }
  };

  const picture = decoder.decode().then(
    ({ image: frame }) => {
      closeQuietly(decoder); // frees its copy of the file; the frame stays valid
      return aborted ? (frame.close(), null) : asBitmap(frame, header);
    },
    () => null, // the full decode decides whether the image is usable
  ).then((preview) => {
    if (preview && aborted) {
      preview.release();
      return null;
    }
    return preview;
  }).finally(() => closeQuietly(decoder));

  return {
    picture,
    consumed: decoder.completed.then(() => {}, () => {}),
    feed(arrived) {
      while (controller && open && fed < arrived.length) offer(() => controller.enqueue(arrived[fed++]));
    },
    end() {
      if (controller && open) offer(() => controller.close());
    },
    abort() {
      aborted = true;
      closeQuietly(decoder); // rejects a pending decode and `completed`
    },
  };
}

// Canvas draws a VideoFrame through a video conversion path: 5-25 ms per draw for a
// canvas-sized frame here, tens of ms more on a page's first one. As an ImageBitmap the
// same pixels draw in under 1 ms, at every redraw of a zoom or pan.
async function asBitmap(frame, header) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(frame);
  } catch {
    return null; // the full decode decides whether the image is usable
  } finally {
    frame.close();
  }
  // The frame came oriented (EXIF); the full image then has the header's sides swapped.
  const sideways = bitmap.width > bitmap.height !== header.width > header.height;
  return {
    source: bitmap,
    width: sideways ? header.height : header.width,
    height: sideways ? header.width : header.height,
    release: () => bitmap.close(),
  };
}

function closeQuietly(decoder) {
  try {
    decoder.close();
  } catch {
    // already closed
  }
}
