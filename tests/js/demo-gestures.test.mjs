// The package's gestures in the reviewer demo (real emulator, real server stub, headless
// Chromium): wheel, drag and double-click with the mouse, pinch and double-tap on a
// touch screen, each checked on the document canvas' pixels (where the opaque image
// box lands, with the model's clipping to the canvas); the zoom percentage beside the
// pane title; the brightness/contrast/invert controls; the Fullscreen button.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedSessions } from '../../server-stub/launch/emulator-builtins.mjs';
import { canvasReport, gridDistance, pickSession, showImages, startDemoRig } from './support/demo-rig.mjs';

const SESSION = seedSessions.idCardWithSelfie;
const SAME = 8; // see demo-viewing.test.mjs: grids of the same picture stay under it

// The opaque box after zooming the fitted box by `factor` about `anchor` and panning,
// clipped to the canvas as the pixels are.
function expectedBox(fitted, { factor = 1, anchor = { x: 0, y: 0 }, pan = [0, 0] }, canvas) {
  const x0 = anchor.x + (fitted.x - anchor.x) * factor + pan[0];
  const y0 = anchor.y + (fitted.y - anchor.y) * factor + pan[1];
  const x1 = x0 + fitted.width * factor;
  const y1 = y0 + fitted.height * factor;
  const left = Math.max(0, x0);
  const top = Math.max(0, y0);
  return { x: left, y: top, width: Math.min(canvas.width, x1) - left, height: Math.min(canvas.height, y1) - top };
}

function assertBoxNear(actual, expected, label) {
  for (const side of ['x', 'y', 'width', 'height']) {
    assert.ok(Math.abs(actual[side] - expected[side]) <= 2, `${label}: ${side} ${actual[side]}, expected ${expected[side].toFixed(1)} (${JSON.stringify(actual)})`);
  }
}

describe('demo: gestures, zoom level, adjustments, fullscreen', () => {
  let rig;

  before(async () => {
    rig = await startDemoRig();
  });
  after(() => rig?.close());

  async function openShown() {
    const demo = await rig.openDemo();
    await pickSession(demo.page, SESSION);
    await showImages(demo.page);
    const canvas = await demo.page.$eval('#pane-document canvas', (element) => {
      const box = element.getBoundingClientRect();
      return { left: box.left, top: box.top, width: element.width, height: element.height };
    });
    assert.equal(await demo.page.evaluate(() => devicePixelRatio), 1, 'CSS pixels are backing pixels here');
    const fitted = (await canvasReport(demo.page, 'document')).box;
    // Page coordinates of a point given in canvas pixels.
    const at = (x, y) => [canvas.left + x, canvas.top + y];
    return { ...demo, canvas, fitted, at };
  }

  const zoomLevel = (page, pane) => page.$eval(`#pane-${pane} .zoom-level`, (output) => output.textContent);

  it('mouse: the wheel zooms about the pointer, a drag pans, double-click zooms in and back to fit', async () => {
    const { page, canvas, fitted, at, close } = await openShown();
    try {
      const fittedLevel = await zoomLevel(page, 'document');
      assert.match(fittedLevel, /^\d+%$/, 'the pane caption shows the zoom');

      const anchor = { x: Math.round(canvas.width * 0.3), y: Math.round(canvas.height * 0.4) };
      const scrollBefore = await page.evaluate(() => window.scrollY);
      await page.mouse.move(...at(anchor.x, anchor.y));
      await page.mouse.wheel(0, 100); // one notch down: ×0.8
      await page.waitForFunction((level) => document.querySelector('#pane-document .zoom-level').textContent !== level, fittedLevel);
      const zoomedOut = (await canvasReport(page, 'document')).box;
      assertBoxNear(zoomedOut, expectedBox(fitted, { factor: 0.8, anchor }, canvas), 'wheel down about the pointer');
      assert.equal(await zoomLevel(page, 'document'), `${Math.round(Number.parseInt(fittedLevel, 10) * 0.8)}%`);

      await page.mouse.move(...at(200, 200));
      await page.mouse.down();
      await page.mouse.move(...at(240, 170), { steps: 5 });
      await page.mouse.up();
      assertBoxNear((await canvasReport(page, 'document')).box, expectedBox(fitted, { factor: 0.8, anchor, pan: [40, -30] }, canvas), 'drag');

      await page.mouse.dblclick(...at(300, 150)); // not fitted: back to fit
      assert.deepEqual((await canvasReport(page, 'document')).box, fitted, 'double-click while zoomed fits');
      await page.mouse.dblclick(...at(300, 150));
      assertBoxNear((await canvasReport(page, 'document')).box, expectedBox(fitted, { factor: 2, anchor: { x: 300, y: 150 } }, canvas), 'double-click zooms ×2 about the point');
      assert.equal(await zoomLevel(page, 'document'), `${Math.round(Number.parseInt(fittedLevel, 10) * 2)}%`);
      assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, 'the wheel did not scroll the page');
    } finally {
      await close();
    }
  });

  it('touch: pinch zooms about the fingers and a double-tap fits again', async () => {
    const { page, canvas, fitted, at, close } = await openShown();
    try {
      const cdp = await page.context().newCDPSession(page);
      const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
      const mid = { x: 260, y: 200 };
      const from = [at(mid.x - 40, mid.y), at(mid.x + 40, mid.y)];
      await touch('touchStart', from);
      for (let step = 1; step <= 8; step += 1) {
        const spread = 40 + (40 * step) / 8; // to twice the distance
        await touch('touchMove', [at(mid.x - spread, mid.y), at(mid.x + spread, mid.y)]);
      }
      await touch('touchEnd', []);
      assertBoxNear((await canvasReport(page, 'document')).box, expectedBox(fitted, { factor: 2, anchor: mid }, canvas), 'pinch');

      for (let i = 0; i < 2; i += 1) {
        await touch('touchStart', [at(100, 100)]);
        await touch('touchEnd', []);
      }
      assert.deepEqual((await canvasReport(page, 'document')).box, fitted, 'double-tap while zoomed fits');
      assert.equal(await page.$eval('#pane-document', (pane) => pane.classList.contains('selected')), true, 'touching a pane selects it');
    } finally {
      await close();
    }
  });

  it('brightness, contrast and invert act on the selected pane only, and follow the selection', async () => {
    const { page, close } = await openShown();
    try {
      const before = await canvasReport(page, 'document');
      const selfieBefore = await canvasReport(page, 'selfie');
      await page.click('#adjust-invert');
      const inverted = await canvasReport(page, 'document');
      const invertedGrid = before.grid.map((line) => line.map((rgb) => rgb.map((c) => 255 - c)));
      assert.ok(gridDistance(inverted.grid, invertedGrid) < 2 * SAME, 'the document is drawn inverted (the watermark is not)');
      assert.ok(gridDistance(inverted.grid, before.grid) > 4 * SAME);

      await page.$eval('#adjust-brightness', (input) => {
        input.value = '0.5';
        input.dispatchEvent(new Event('input'));
      });
      await page.click('#adjust-invert');
      const darker = await canvasReport(page, 'document');
      const halfGrid = before.grid.map((line) => line.map((rgb) => rgb.map((c) => c * 0.5)));
      assert.ok(gridDistance(darker.grid, halfGrid) < 2 * SAME, 'brightness 0.5 halves the colours');

      assert.ok(gridDistance((await canvasReport(page, 'selfie')).grid, selfieBefore.grid) < 1, 'the selfie pane is untouched');
      await page.click('#pane-selfie canvas');
      assert.equal(await page.$eval('#adjust-brightness', (input) => input.value), '1', 'the controls show the selfie pane');
      await page.click('#pane-document canvas');
      assert.equal(await page.$eval('#adjust-brightness', (input) => input.value), '0.5', 'and the document pane again');
    } finally {
      await close();
    }
  });

  it('Fullscreen puts the selected canvas on the screen, drawn to its size; Esc leaves it', async () => {
    const { page, close } = await openShown();
    try {
      await page.click('.toolbar [data-action="fullscreen"]');
      await page.waitForFunction(() => document.fullscreenElement === document.querySelector('#pane-document canvas'));
      await page.waitForFunction(() => document.querySelector('#pane-document canvas').width === innerWidth);
      const full = await canvasReport(page, 'document');
      assert.ok(Math.max(full.box.width / full.width, full.box.height / full.height) > 0.97, 'fitted to the screen');
      // Esc is the demo's Clear (and the browser's own way out of fullscreen).
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.fullscreenElement === null);
    } finally {
      await close();
    }
  });
});
