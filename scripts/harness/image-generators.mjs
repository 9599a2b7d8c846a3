// Test images, all generated here: a four-quadrant pattern with a marker (encoded by
// Chromium's own canvas.toBlob as JPEG, PNG or WebP) and photo-like content (gradients
// and noise) for the benchmark. Never a real person's document or face.

export const PATTERN = Object.freeze({
  width: 400,
  height: 300,
  topLeft: [220, 40, 40],
  topRight: [40, 170, 70],
  bottomLeft: [40, 80, 220],
  bottomRight: [235, 200, 40],
  marker: Object.freeze({ x: 30, y: 30, size: 40, color: [0, 0, 0] }),
});

/** The pattern at `factor` times its size (marker included). */
export function scaledPattern(factor) {
  const { marker } = PATTERN;
  return Object.freeze({
    ...PATTERN,
    width: PATTERN.width * factor,
    height: PATTERN.height * factor,
    marker: Object.freeze({ ...marker, x: marker.x * factor, y: marker.y * factor, size: marker.size * factor }),
  });
}

/** The colour the pattern has at image point (x, y). */
export function patternColorAt(x, y, pattern = PATTERN) {
  const { marker } = pattern;
  if (x >= marker.x && x < marker.x + marker.size && y >= marker.y && y < marker.y + marker.size) return marker.color;
  const top = y < pattern.height / 2;
  const left = x < pattern.width / 2;
  if (top) return left ? pattern.topLeft : pattern.topRight;
  return left ? pattern.bottomLeft : pattern.bottomRight;
}

/** Encodes the pattern in the page's Chromium; returns the file bytes. */
export async function encodePattern(page, { type = 'image/png', quality = 0.92, pattern = PATTERN } = {}) {
  const dataUrl = await page.evaluate(async ({ type, quality, pattern }) => {
    const canvas = document.createElement('canvas');
    canvas.width = pattern.width;
    canvas.height = pattern.height;
    const context = canvas.getContext('2d');
    const halfW = pattern.width / 2;
    const halfH = pattern.height / 2;
    const fill = (rgb, x, y, w, h) => {
      context.fillStyle = `rgb(${rgb.join(',')})`;
      context.fillRect(x, y, w, h);
    };
    fill(pattern.topLeft, 0, 0, halfW, halfH);
    fill(pattern.topRight, halfW, 0, halfW, halfH);
    fill(pattern.bottomLeft, 0, halfH, halfW, halfH);
    fill(pattern.bottomRight, halfW, halfH, halfW, halfH);
    const { marker } = pattern;
    fill(marker.color, marker.x, marker.y, marker.size, marker.size);
    return blobToDataUrl(await new Promise((resolve) => canvas.toBlob(resolve, type, quality)));

    function blobToDataUrl(blob) {
      return new Promise((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.readAsDataURL(blob);
      });
    }
  }, { type, quality, pattern });
  return dataUrlToBytes(dataUrl, type);
}

/**
 * Photo-like content (smooth gradients, soft shapes, sensor-like noise) as a JPEG,
 * so file sizes and decode times resemble camera photos of the same pixel count.
 */
export async function encodePhotoLike(page, { width, height, quality = 0.9, seed = 1 }) {
  const dataUrl = await page.evaluate(async ({ width, height, quality, seed }) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    const gradient = context.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, '#d9c7a8');
    gradient.addColorStop(0.5, '#6d8aa6');
    gradient.addColorStop(1, '#3b4a3f');
    context.fillStyle = gradient;
    context.fillRect(0, 0, width, height);
    let state = seed >>> 0 || 1;
    const random = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 4294967296;
    };
    for (let i = 0; i < 40; i += 1) {
      const x = random() * width;
      const y = random() * height;
      const r = (0.03 + random() * 0.15) * Math.min(width, height);
      const radial = context.createRadialGradient(x, y, 0, x, y, r);
      radial.addColorStop(0, `hsla(${Math.floor(random() * 360)}, 45%, 55%, 0.8)`);
      radial.addColorStop(1, 'hsla(0, 0%, 50%, 0)');
      context.fillStyle = radial;
      context.fillRect(x - r, y - r, 2 * r, 2 * r);
    }
    const image = context.getImageData(0, 0, width, height);
    const { data } = image;
    for (let i = 0; i < data.length; i += 4) {
      const noise = (random() - 0.5) * 18;
      data[i] += noise;
      data[i + 1] += noise;
      data[i + 2] += noise;
    }
    context.putImageData(image, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    return new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.readAsDataURL(blob);
    });
  }, { width, height, quality, seed });
  return dataUrlToBytes(dataUrl, 'image/jpeg');
}

function dataUrlToBytes(dataUrl, expectedType) {
  const [prefix, base64] = dataUrl.split(',');
  if (!prefix.startsWith(`data:${expectedType}`)) throw new Error(`Chromium did not encode ${expectedType} (got ${prefix})`);
  return Buffer.from(base64, 'base64');
}

/**
 * The same JPEG with `count` application segments (APP9, ~64 KB each) between its SOI
 * and the rest, so its frame header starts far into the file, as behind large EXIF data.
 */
export function withLargeAppSegments(jpeg, count) {
  const segments = [];
  for (let i = 0; i < count; i += 1) {
    const payload = Buffer.alloc(65_000, 0x20 + i);
    const length = payload.length + 2;
    segments.push(Buffer.from([0xff, 0xe9, length >> 8, length & 0xff]), payload);
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

/**
 * The same JPEG with an EXIF APP1 segment holding only an Orientation tag (6: the
 * stored image must be turned a quarter clockwise for display), as phone cameras write.
 */
export function withExifOrientation(jpeg, orientation) {
  const tiff = Buffer.from([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, first IFD at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, 1
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = payload.length + 2;
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe1, length >> 8, length & 0xff]), payload, jpeg.subarray(2)]);
}
