// The gestures reviewers expect, from synthetic input in Chromium: mouse wheel, drag
// and double click through playwright; pinch, two-finger pan, drag and double tap
// through CDP Input.dispatchTouchEvent. After each gesture the pixels under known image
// points are read back and compared with the tests' own model of the view
// (support/expected-view.mjs). Also: each gesture can be switched off, the zoom
// percentage arrives as an event, brightness/contrast/invert change the drawn pixels
// only, and fullscreen puts the canvas (or its container) on the screen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { PATTERN, encodePattern } from '../../scripts/harness/image-generators.mjs';
import { assertColorsNear, expectedSamples } from './support/expected-view.mjs';
import { startViewerRig } from './support/viewer-rig.mjs';

const CANVAS = { width: 500, height: 400 }; // #view on the test page, at the page's top-left
const FIT = 1.25; // the 400×300 pattern fitted into it

describe('viewer gestures and adjustments', () => {
  let rig;

  before(async () => {
    rig = await startViewerRig();
    const { page, close } = await rig.openViewerPage();
    rig.files.serve('/links/pattern-png', { body: await encodePattern(page, { type: 'image/png' }), type: 'image/png' });
    await close();
  });
  after(() => rig?.close());

  async function showPattern(options = {}) {
    const handle = await rig.openViewerPage();
    await handle.page.evaluate((o) => {
      window.zoomEvents = [];
      return harness.create(o);
    }, { allowedHosts: [rig.files.host], ...options });
    await handle.page.evaluate(() => harness.viewer.on('zoom', (detail) => zoomEvents.push(detail)));
    const shown = await handle.page.evaluate((b) => harness.show(b), makeBundle([{ role: 'document_front', url: `${rig.files.origin}/links/pattern-png` }]));
    assert.ok(shown.ok, `${shown.code}: ${shown.message}`);
    return handle;
  }

  // Image points every 20 px, away from the pattern's colour edges (quadrants, marker),
  // so enough of them stay on the canvas however far it is zoomed or panned.
  const GRID = [];
  for (let y = 10; y < PATTERN.height; y += 20) {
    for (let x = 10; x < PATTERN.width; x += 20) {
      const nearEdge = [200, 30, 70].some((edge) => Math.abs(x - edge) < 4) || [150, 30, 70].some((edge) => Math.abs(y - edge) < 4);
      if (!nearEdge) GRID.push([x, y]);
    }
  }

  async function assertView(page, view, label) {
    const samples = expectedSamples({ canvas: CANVAS, ...view }, GRID);
    assert.ok(samples.length >= 3, `${label}: at least three sample points stay on the canvas`);
    const pixels = await page.evaluate((points) => harness.readPixels(points), samples.map((s) => s.at));
    assertColorsNear(pixels, samples, 3, label);
  }

  const viewOf = (page) => page.evaluate(() => harness.viewer.view);

  // Touch through the DevTools protocol, as a touchscreen would send it.
  async function touchscreen(page) {
    const cdp = await page.context().newCDPSession(page);
    const send = (type, points) => cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: points.map(([x, y], id) => ({ x, y, id })),
    });
    return {
      async gesture(from, to, steps = 8) {
        await send('touchStart', from);
        for (let step = 1; step <= steps; step += 1) {
          await send('touchMove', from.map(([x, y], i) => [x + ((to[i][0] - x) * step) / steps, y + ((to[i][1] - y) * step) / steps]));
        }
        await send('touchEnd', []);
      },
      async tap([x, y]) {
        await send('touchStart', [[x, y]]);
        await send('touchEnd', []);
      },
    };
  }

  it('mouse wheel zooms about the pointer, without scrolling the page', async () => {
    const { page, close } = await showPattern();
    try {
      await page.evaluate(() => {
        document.body.style.height = '3000px'; // a page that could scroll
      });
      const anchor = { x: 120, y: 90 };
      await page.mouse.move(anchor.x, anchor.y);
      await page.mouse.wheel(0, -100); // one notch up: ×1.25
      await page.waitForFunction(() => harness.viewer.view.scale > 1.25);
      assert.equal((await viewOf(page)).scale, FIT * 1.25);
      await assertView(page, { zoom: 1.25, anchor }, 'wheel up one notch');
      assert.equal(await page.evaluate(() => window.scrollY), 0, 'the page did not scroll');

      await page.mouse.wheel(0, 100);
      await page.mouse.wheel(0, 100); // two notches down: ×0.8 in all
      await page.waitForFunction(() => harness.viewer.view.scale < 1.25);
      assert.ok(Math.abs((await viewOf(page)).scale - FIT / 1.25) < 1e-9);
      await assertView(page, { zoom: 1 / 1.25, anchor }, 'wheel down two notches');
    } finally {
      await close();
    }
  });

  it('mouse drag pans, and keeps panning outside the canvas (pointer capture)', async () => {
    const { page, close } = await showPattern();
    try {
      await page.mouse.move(200, 150);
      await page.mouse.down();
      await page.mouse.move(260, 190, { steps: 6 });
      await page.mouse.up();
      await assertView(page, { pan: [60, 40] }, 'drag by (60, 40)');
      assert.equal((await viewOf(page)).fitted, false);

      await page.mouse.move(400, 300);
      await page.mouse.down();
      await page.mouse.move(560, 330, { steps: 8 }); // ends to the right of the 500 px canvas
      await page.mouse.up();
      await assertView(page, { pan: [60 + 160, 40 + 30] }, 'drag that left the canvas');
    } finally {
      await close();
    }
  });

  it('double click zooms in twice about the point, the next one goes back to fit', async () => {
    const { page, close } = await showPattern();
    try {
      const anchor = { x: 300, y: 120 };
      await page.mouse.dblclick(anchor.x, anchor.y);
      assert.equal((await viewOf(page)).scale, FIT * 2);
      await assertView(page, { zoom: 2, anchor }, 'double click');
      await page.mouse.dblclick(100, 300);
      assert.deepEqual(await viewOf(page), { scale: FIT, rotation: 0, flipped: false, fitted: true });
      await assertView(page, {}, 'second double click: fitted');
    } finally {
      await close();
    }
  });

  it('touch: pinch zooms about the fingers, two fingers pan, one finger drags, a double tap zooms', async () => {
    const { page, close } = await showPattern();
    try {
      const touch = await touchscreen(page);
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#view')).touchAction), 'none');

      await touch.gesture([[200, 200], [300, 200]], [[150, 200], [350, 200]]);
      assert.ok(Math.abs((await viewOf(page)).scale - FIT * 2) < 1e-9, 'the fingers spread to twice their distance');
      await assertView(page, { zoom: 2, anchor: { x: 250, y: 200 } }, 'pinch');

      await touch.gesture([[200, 200], [300, 200]], [[240, 170], [340, 170]]);
      assert.ok(Math.abs((await viewOf(page)).scale - FIT * 2) < 1e-9, 'moving together does not zoom');
      await assertView(page, { zoom: 2, anchor: { x: 250, y: 200 }, pan: [40, -30] }, 'two-finger pan');

      await touch.gesture([[250, 200]], [[230, 230]]);
      await assertView(page, { zoom: 2, anchor: { x: 250, y: 200 }, pan: [20, 0] }, 'one-finger drag');

      await page.evaluate(() => harness.viewer.zoomTo('fit'));
      await touch.tap([300, 120]);
      await touch.tap([302, 121]);
      assert.equal((await viewOf(page)).scale, FIT * 2);
      await assertView(page, { zoom: 2, anchor: { x: 302, y: 121 } }, 'double tap');
    } finally {
      await close();
    }
  });

  it('each gesture can be switched off: then the canvas leaves the events to the page', async () => {
    const { page, close } = await showPattern({ wheelZoom: false, dragPan: false, pinchZoom: false, doubleTapZoom: false });
    try {
      await page.evaluate(() => {
        document.body.style.height = '3000px';
      });
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#view')).touchAction), 'auto');
      await page.mouse.move(120, 90);
      await page.mouse.wheel(0, 100);
      await page.waitForFunction(() => window.scrollY > 0); // the page scrolled instead
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(200, 150);
      await page.mouse.down();
      await page.mouse.move(260, 190, { steps: 4 });
      await page.mouse.up();
      await page.mouse.dblclick(300, 120);
      const touch = await touchscreen(page);
      await touch.gesture([[200, 200], [300, 200]], [[150, 200], [350, 200]]);
      await touch.tap([300, 120]);
      await touch.tap([300, 120]);
      assert.deepEqual(await viewOf(page), { scale: FIT, rotation: 0, flipped: false, fitted: true });
      await assertView(page, {}, 'nothing moved');
    } finally {
      await close();
    }
  });

  it('announces the zoom as a percentage when it changes, not for every pan', async () => {
    const { page, close } = await showPattern();
    try {
      await page.mouse.move(250, 200);
      await page.mouse.wheel(0, -100);
      await page.waitForFunction(() => zoomEvents.length >= 2);
      await page.mouse.down();
      await page.mouse.move(300, 240, { steps: 5 });
      await page.mouse.up();
      await page.evaluate(() => harness.viewer.zoomTo('actual'));
      assert.deepEqual(await page.evaluate(() => zoomEvents), [
        { percent: 125, scale: 1.25, fitted: true },
        { percent: 156, scale: 1.5625, fitted: false },
        { percent: 100, scale: 1, fitted: false },
      ]);
    } finally {
      await close();
    }
  });

  it('brightness, contrast and invert change the drawn pixels, and stay for the next image', async () => {
    const { page, close } = await showPattern();
    try {
      const points = expectedSamples({ canvas: CANVAS });
      const colorsAfter = async (changes) => {
        await page.evaluate((c) => harness.viewer.adjust(c), changes);
        return page.evaluate((at) => harness.readPixels(at), points.map((p) => p.at));
      };
      const expectEach = (pixels, transform, label) => {
        assertColorsNear(pixels, points.map((p) => ({ ...p, color: p.color.map(transform) })), 3, label);
      };
      expectEach(await colorsAfter({ invert: true }), (c) => 255 - c, 'invert');
      expectEach(await colorsAfter({ invert: false, brightness: 0.5 }), (c) => Math.round(c * 0.5), 'brightness 0.5');
      expectEach(await colorsAfter({ brightness: 1, contrast: 2 }), (c) => Math.min(255, Math.max(0, Math.round((c - 127.5) * 2 + 127.5))), 'contrast 2');
      assert.deepEqual(await page.evaluate(() => harness.viewer.adjustments), { brightness: 1, contrast: 2, invert: false });

      const again = await page.evaluate((b) => harness.show(b), makeBundle([{ role: 'document_front', url: `${rig.files.origin}/links/pattern-png` }]));
      assert.ok(again.ok);
      expectEach(await page.evaluate((at) => harness.readPixels(at), points.map((p) => p.at)),
        (c) => Math.min(255, Math.max(0, Math.round((c - 127.5) * 2 + 127.5))), 'the next image, still contrast 2');
      expectEach(await colorsAfter({ contrast: 1 }), (c) => c, 'back to neutral');

      const refusals = await page.evaluate(() => ['brightness', 'contrast', 'invert', 'gamma'].map((name) => {
        try {
          harness.viewer.adjust({ [name]: name === 'invert' ? 1 : 9 });
          return 'accepted';
        } catch (error) {
          return error.name;
        }
      }));
      assert.deepEqual(refusals, ['TypeError', 'TypeError', 'TypeError', 'TypeError']);
    } finally {
      await close();
    }
  });

  it('toggleFullscreen() puts the canvas on the screen, draws it fitted there, and clear() leaves', async () => {
    const { page, close } = await showPattern();
    try {
      // Browsers enter fullscreen only from a user's action: a real click on a button.
      await page.evaluate(() => {
        const button = document.createElement('button');
        button.id = 'fullscreen';
        button.textContent = 'Fullscreen';
        button.addEventListener('click', () => {
          window.fullscreenResult = harness.viewer.toggleFullscreen();
        });
        document.body.prepend(button);
      });
      await page.click('#fullscreen');
      assert.equal(await page.evaluate(() => window.fullscreenResult), true);
      assert.equal(await page.evaluate(() => document.fullscreenElement?.id), 'view');
      await page.waitForFunction(() => document.querySelector('#view').width === innerWidth);
      const screen = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
      const samples = expectedSamples({ canvas: screen });
      assertColorsNear(await page.evaluate((at) => harness.readPixels(at), samples.map((s) => s.at)), samples, 3, 'fullscreen, fitted');

      await page.evaluate(() => harness.viewer.clear());
      await page.waitForFunction(() => document.fullscreenElement === null);
    } finally {
      await close();
    }
  });

  it("fullscreen: 'container' puts the canvas' parent on the screen; false refuses", async () => {
    const { page, close } = await showPattern({ fullscreen: 'container' });
    try {
      await page.evaluate(() => {
        const button = document.createElement('button');
        button.id = 'fullscreen';
        button.addEventListener('click', () => {
          window.fullscreenResult = harness.viewer.toggleFullscreen();
        });
        document.body.prepend(button);
      });
      await page.click('#fullscreen');
      assert.equal(await page.evaluate(() => window.fullscreenResult), true);
      assert.equal(await page.evaluate(() => document.fullscreenElement === document.body), true);
      await page.click('#fullscreen');
      assert.equal(await page.evaluate(() => window.fullscreenResult), false);
      assert.equal(await page.evaluate(() => document.fullscreenElement), null);

      const off = await page.evaluate(async () => {
        const viewer = await harness.package.createViewer(document.createElement('canvas'), { fullscreen: false });
        return viewer.toggleFullscreen().then(() => 'entered', (error) => error.name);
      });
      assert.equal(off, 'TypeError');
    } finally {
      await close();
    }
  });
});

// The model the assertions use is the pattern's; keep the two in step.
assert.deepEqual([PATTERN.width, PATTERN.height], [400, 300]);
