// A quick first picture of a large JPEG. WebCodecs' ImageDecoder can decode a JPEG
// straight to a fraction of its size (libjpeg's DCT scaling): measured here about 3×
// faster than a full decode at 12 MP. The viewer paints that first, then swaps in the
// full-resolution bitmap (for zooming) as soon as it is decoded. Where ImageDecoder is
// missing, or the image is not much larger than the canvas, there is no preview.
// Nor where frames carry no rotation (VideoFrame.rotation): Firefox's ImageDecoder then
// stretches an EXIF-rotated JPEG into the asked size (a 4:3 box for a 3:4 picture), and
// its sides cannot be told apart from an unrotated one's.

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
  return { width: Math.ceil(header.width * scale), height: Math.ceil(header.height * scale) };
}

/**
 * @returns {Promise<import('./decode.js').Picture|null>} the preview, sized as the full
 *   image would be drawn (EXIF orientation applied), or null if it could not be made
 */
export async function decodePreview(blob, header, size) {
  let decoder;
  try {
    decoder = new ImageDecoder({ data: blob.stream(), type: blob.type, desiredWidth: size.width, desiredHeight: size.height });
    const { image: frame } = await decoder.decode();
    // The frame comes oriented (EXIF); the full image then has the header's sides swapped.
    const sideways = frame.displayWidth > frame.displayHeight !== header.width > header.height;
    return {
      source: frame,
      width: sideways ? header.height : header.width,
      height: sideways ? header.width : header.height,
      release: () => frame.close(),
    };
  } catch {
    return null; // the full decode decides whether the image is usable
  } finally {
    decoder?.close(); // frees its copy of the file; the frame stays valid
  }
}
