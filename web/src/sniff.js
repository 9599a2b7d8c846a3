// Checks what the bytes claim to be before any decoder sees them: the core reads the
// magic bytes and the header's dimensions, so HTML error pages, other formats and
// decompression bombs are refused early, often before the whole file has arrived.
import { NEED_MORE_BYTES } from './core-facts.js';
import { ViewerError } from './errors.js';

/**
 * Sniffs a byte prefix held in chunks. The bytes are copied into a SecureBuffer on the
 * WASM heap, which is wiped and freed before this returns.
 */
export function sniffPrefix(core, chunks, length, isComplete, maxPixels) {
  let buffer;
  try {
    buffer = new core.SecureBuffer(length);
  } catch (error) {
    throw new ViewerError('too_large', 'There is not enough memory to check the image header', { cause: error });
  }
  try {
    const view = buffer.view(); // taken after the allocation: heap growth detaches older views
    let offset = 0;
    for (const chunk of chunks) {
      if (offset >= length) break;
      const part = chunk.subarray(0, length - offset);
      view.set(part, offset);
      offset += part.length;
    }
    return core.sniffImage(buffer, length, isComplete, maxPixels);
  } finally {
    buffer.wipe();
    buffer.delete(); // frees the heap bytes (delete wipes too)
  }
}

// The first look covers any signature and a PNG/WebP header; JPEG headers behind large
// EXIF segments take a few more looks, each at least doubling the prefix.
const FIRST_LOOK_BYTES = 4096;

/**
 * Follows a download chunk by chunk and asks the core again only once enough bytes
 * have arrived for its next step, copying no more of the file than the header needs.
 * Throws the refusal as a ViewerError.
 */
export function createHeaderCheck(core, maxPixels) {
  let bytesWanted = 1;
  let header = null;

  function look(chunks, received, streamEnded) {
    let length = Math.min(received, Math.max(FIRST_LOOK_BYTES, bytesWanted));
    for (;;) {
      const isComplete = streamEnded && length === received;
      const result = sniffPrefix(core, chunks, length, isComplete, maxPixels);
      if (result.ok) {
        header = { format: result.format, width: result.width, height: result.height };
        return;
      }
      if (result.code !== NEED_MORE_BYTES || isComplete) {
        const code = result.code === NEED_MORE_BYTES ? 'truncated_image' : result.code;
        throw new ViewerError(code, `The file was refused before decoding: ${result.message}`);
      }
      const needed = Math.max(result.bytesNeeded ?? 0, length + 1);
      if (needed > received && !streamEnded) {
        bytesWanted = needed;
        return;
      }
      length = Math.min(received, Math.max(needed, length * 2));
    }
  }

  return {
    /** For each arriving chunk; throws as soon as the bytes are refused. Returns the header once known, else null. */
    offer(chunks, received) {
      if (!header && received >= bytesWanted) look(chunks, received, false);
      return header;
    },
    /** Once the whole file is in; returns {format, width, height} or throws. */
    finish(chunks, received) {
      if (!header) look(chunks, received, true);
      return header;
    },
  };
}
