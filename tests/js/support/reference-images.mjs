// Test images are encoded once, by Chromium's canvas (the one encoder here that writes JPEG,
// PNG and WebP), and the same bytes are then served to every engine: the engines differ
// in how they decode and draw, never in what they were given.
//
//   const images = await encodeReferenceImages(async (page) => ({
//     png: await encodePattern(page, { type: 'image/png' }),
//   }));
import { launchBrowser, openPage } from '../../../scripts/harness/browser.mjs';

/** Runs `encode(page)` in a blank headless Chromium page and returns what it returns. */
export async function encodeReferenceImages(encode) {
  const browser = await launchBrowser();
  try {
    const { page, close } = await openPage(browser, { url: 'about:blank' });
    try {
      return await encode(page);
    } finally {
      await close();
    }
  } finally {
    await browser.close();
  }
}
