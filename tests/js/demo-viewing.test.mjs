// The reviewer demo end to end, as `npm start` runs it (real emulator, real server stub,
// headless Chromium): every sample's images reach the canvases (pixels read back with
// getImageData: the emulator's files host sends CORS), the selfie on screen is the
// specimen the files host serves, rotate / zoom / flip / pan follow the buttons and the
// keys, and Clear, a hidden tab and inactivity blank the canvases until "Show again".
// No fixed sleeps: every wait is on the page's own state.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodePng } from '../../scripts/harness/png-codec.mjs';
import { seedSessions } from '../../server-stub/launch/emulator-builtins.mjs';
import {
  canvasReport, emulateVisibility, flipGridVertically, gridDistance, imageGrid, mirrorGrid, pickSession,
  rotateGridClockwise, rotateGridCounterClockwise, showImages, startDemoRig, visibleText, waitForPaneBlank,
  waitForPaneImage, waitForPanesDrawn, waitForText,
} from './support/demo-rig.mjs';

const ARTIFACTS = fileURLToPath(new URL('../../build/test-artifacts/', import.meta.url));

// Mean absolute difference per channel (0..255) of two 8×8 grids of mean colours: the
// same picture stays well under SAME (the watermark and resampling move it by 2–4); a
// different picture, or the same one turned or mirrored, lands well above it (12–50).
const SAME = 8;

// What each sample shows: the tabs of the document pane and of the selfie pane (null:
// the pane is hidden, the sample has no selfie). Seed data: server-stub/emulator/README.md.
const SAMPLES_WITH_IMAGES = {
  [seedSessions.passportVerified]: { document: ['Front'], selfie: null },
  [seedSessions.idCardWithSelfie]: { document: ['Front', 'Back'], selfie: ['Face', 'ID photo'] },
  [seedSessions.drivingLicenceVerified]: { document: ['Front', 'Back'], selfie: null },
  [seedSessions.documentExpired]: { document: ['Front', 'Back'], selfie: null },
  [seedSessions.largePassport12mp]: { document: ['Front'], selfie: null },
  [seedSessions.readyToRedact]: { document: ['Front'], selfie: ['Face', 'ID photo'] },
};
const ALL_SAMPLES = Object.values(seedSessions);

// A happy path leaves nothing in the console at all, and breaks no CSP rule.
function assertCleanPage(demo) {
  assert.deepEqual(demo.consoleErrors, [], 'no console error');
  assert.deepEqual(demo.pageErrors, [], 'no uncaught exception');
  assert.deepEqual(demo.cspViolations, [], 'no Content-Security-Policy violation');
}

// A drawn picture: a backing store, opaque image pixels that touch two opposite edges
// (fitted), and real content (the luminance varies), unlike the empty canvas.
function assertPicture(report, label) {
  assert.ok(report.width > 0 && report.height > 0, `${label}: the canvas has a backing store`);
  assert.ok(report.box, `${label}: opaque image pixels are on the canvas`);
  const fill = Math.max(report.box.width / report.width, report.box.height / report.height);
  assert.ok(fill > 0.97, `${label}: the image fills the canvas one way (${JSON.stringify(report.box)} in ${report.width}×${report.height})`);
  assert.ok(report.opaque > 0.3 * report.width * report.height, `${label}: ${report.opaque} opaque pixels`);
  assert.ok(report.lumaSpread > 15, `${label}: the picture is not flat (luminance spread ${report.lumaSpread.toFixed(1)})`);
}

const near = (actual, expected, tolerance, label) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${label}: ${actual} is not within ${tolerance} of ${expected}`);

const boxCentre = ({ box }) => [box.x + box.width / 2, box.y + box.height / 2];

describe('demo: viewing images', () => {
  let rig;

  before(async () => {
    rig = await startDemoRig();
  });
  after(() => rig?.close());

  async function imageLinkLines(session) {
    return (await rig.audit()).filter((line) => line.action === 'image_links' && line.session === session);
  }

  it('serves the page with a strict Content-Security-Policy that trusts only the emulator files host', async () => {
    const demo = await rig.openDemo({ signIn: false });
    try {
      const csp = demo.response.headers()['content-security-policy'];
      assert.ok(csp, 'the page carries a Content-Security-Policy header');
      const directives = Object.fromEntries(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      assert.deepEqual(directives['default-src'], ["'none'"]);
      assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
      assert.deepEqual(directives['connect-src'], ["'self'", rig.emulator.filesBase]);
      assert.ok(directives['img-src'].includes(rig.emulator.filesBase));
      assert.deepEqual(directives['frame-ancestors'], ["'none'"]);
      assert.ok(!/unsafe-inline|unsafe-eval'/.test(csp.replace("'wasm-unsafe-eval'", '')), csp);
      assert.equal(demo.response.headers()['cache-control'], 'no-store');
      assert.equal(demo.response.headers()['referrer-policy'], 'no-referrer');
    } finally {
      await demo.close();
    }
  });

  it('shows every sample: each pane and each tab paints its own image on the canvas', async () => {
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      assert.equal(await visibleText(page, '#reviewer-id'), 'rev_demo');
      const listed = await page.$$eval('#session-list button', (buttons) => buttons.map((button) => button.dataset.sessionId));
      assert.deepEqual([...listed].sort(), [...ALL_SAMPLES].sort(), 'the list holds every seeded sample');

      const empty = await canvasReport(page, 'document');
      assert.deepEqual([empty.width, empty.height, empty.painted], [0, 0, 0], 'before any show the canvas is empty');

      for (const [session, expected] of Object.entries(SAMPLES_WITH_IMAGES)) {
        await pickSession(page, session);
        await showImages(page);
        const grids = {};
        for (const pane of ['document', 'selfie']) {
          const hidden = await page.$eval(`#pane-${pane}`, (figure) => figure.hidden);
          if (expected[pane] === null) {
            assert.ok(hidden, `${session}: the ${pane} pane is hidden (no such image)`);
            continue;
          }
          assert.ok(!hidden, `${session}: the ${pane} pane is shown`);
          const tabs = await page.$$eval(`#pane-${pane} .role-tabs button`, (buttons) => buttons.map((b) => [b.textContent, b.getAttribute('aria-selected')]));
          assert.deepEqual(tabs.map(([label]) => label), expected[pane], `${session}: ${pane} tabs`);
          assert.equal(tabs[0][1], 'true', `${session}: the first ${pane} tab is selected`);

          for (const [index, label] of expected[pane].entries()) {
            if (index > 0) {
              await page.click(`#pane-${pane} .role-tabs button:nth-child(${index + 1})`);
              await page.waitForFunction(([p, i]) => document.querySelector(`#pane-${p} .role-tabs button:nth-child(${i + 1})`).getAttribute('aria-selected') === 'true', [pane, index]);
              await waitForPaneImage(page, pane);
            }
            const report = await canvasReport(page, pane);
            assertPicture(report, `${session} ${pane} ${label}`);
            assert.notDeepEqual([report.width, report.height, report.painted], [empty.width, empty.height, empty.painted]);
            for (const [other, grid] of Object.entries(grids)) {
              if (other === 'document Front' && label === 'ID photo') continue; // the same file, compared below
              assert.ok(gridDistance(report.grid, grid) > SAME, `${session}: ${pane} ${label} differs from ${other}`);
            }
            grids[`${pane} ${label}`] = report.grid;
          }
        }
        if (grids['selfie ID photo']) {
          // The selfie check's ID photo is the document's front: the same picture in both panes.
          assert.ok(gridDistance(grids['selfie ID photo'], grids['document Front']) < SAME, `${session}: ID photo = document front`);
        }
        // Switching tabs reuses the bundle: one request for links per "Show images".
        const lines = await imageLinkLines(session);
        assert.equal(lines.length, 1, `${session}: one image-links request`);
        assert.equal(lines[0].outcome, 'ok');
        assert.equal(lines[0].reviewer, 'rev_demo');
      }
      assert.match(await visibleText(page, '#link-countdown'), /^Image links expire in \d+ s$/);
      assert.equal(await visibleText(page, '#render-path'), '', 'drawn through the bytes path (CORS), no fallback notice');
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('draws the selfie the files host serves: the canvas matches the specimen PNG decoded in Node', async () => {
    const session = seedSessions.idCardWithSelfie;
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      await showImages(page);
      const onScreen = await canvasReport(page, 'selfie');

      // The same file, fetched and decoded another way: a FileLink from the stub, the
      // bytes from the files host, PNG decoded by scripts/harness/png-codec.mjs.
      const { status, body: bundle } = await rig.api('POST', `/api/verification-sessions/${session}/image-links`);
      assert.equal(status, 200);
      const face = bundle.images.find((image) => image.role === 'selfie_face');
      const response = await fetch(face.url);
      assert.equal(response.headers.get('content-type'), 'image/png');
      const specimen = decodePng(Buffer.from(await response.arrayBuffer()));

      near(onScreen.box.width / onScreen.box.height, specimen.width / specimen.height, 0.02, 'aspect ratio on screen vs the PNG');
      const reference = imageGrid(specimen);
      const distance = gridDistance(onScreen.grid, reference);
      assert.ok(distance < SAME, `the selfie on screen matches the specimen (distance ${distance.toFixed(1)})`);
      const upsideDown = gridDistance(onScreen.grid, flipGridVertically(reference));
      assert.ok(upsideDown > 3 * SAME, `the comparison tells pictures apart (upside down: ${upsideDown.toFixed(1)})`);
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('rotates, zooms, flips and resets from the toolbar buttons', async () => {
    const demo = await rig.openDemo();
    const { page } = demo;
    const click = (action) => page.click(`.toolbar [data-action="${action}"]`);
    try {
      await pickSession(page, seedSessions.idCardWithSelfie);
      await showImages(page);
      const fitted = await canvasReport(page, 'document');
      assertPicture(fitted, 'fitted');
      assert.ok(fitted.box.width > fitted.box.height, 'the ID card lies landscape');
      const selfieBefore = await canvasReport(page, 'selfie');

      await click('rotate-right');
      const right = await canvasReport(page, 'document');
      assert.ok(right.box.height > right.box.width, `a quarter turn stands it upright (${JSON.stringify(right.box)})`);
      near(right.box.width / right.box.height, fitted.box.height / fitted.box.width, 0.03, 'rotated aspect');
      assert.ok(gridDistance(right.grid, rotateGridClockwise(fitted.grid)) < SAME, 'turned clockwise');
      assert.ok(gridDistance(right.grid, rotateGridCounterClockwise(fitted.grid)) > SAME, 'not counter-clockwise');

      await click('rotate-left');
      await click('rotate-left');
      const left = await canvasReport(page, 'document');
      assert.ok(gridDistance(left.grid, rotateGridCounterClockwise(fitted.grid)) < SAME, 'turned counter-clockwise');
      assert.ok(gridDistance(left.grid, rotateGridClockwise(fitted.grid)) > SAME, 'not clockwise');

      await click('reset');
      const reset = await canvasReport(page, 'document');
      assert.deepEqual(reset.box, fitted.box);
      assert.ok(gridDistance(reset.grid, fitted.grid) < SAME);

      await click('zoom-out');
      const smaller = await canvasReport(page, 'document');
      near(smaller.box.width, fitted.box.width / 1.25, 2, 'zoom out: width');
      near(smaller.box.height, fitted.box.height / 1.25, 2, 'zoom out: height');
      boxCentre(smaller).forEach((value, i) => near(value, boxCentre(fitted)[i], 2, 'zoom out keeps the centre'));
      assert.ok(gridDistance(smaller.grid, fitted.grid) < SAME, 'the same picture, smaller');

      await click('zoom-in');
      assert.deepEqual((await canvasReport(page, 'document')).box, fitted.box, 'zoom in undoes zoom out');
      await click('zoom-in');
      const larger = await canvasReport(page, 'document');
      near(larger.box.height, fitted.box.height * 1.25, 2, 'zoom in: height');
      assert.equal(larger.box.width, larger.width, 'zoom in: the picture overflows the canvas sideways');

      await click('actual');
      const actual = await canvasReport(page, 'document');
      assert.deepEqual(actual.box, { x: 0, y: 0, width: actual.width, height: actual.height }, '1:1: a 1012×638 card covers the canvas');
      assert.ok(gridDistance(actual.grid, fitted.grid) > SAME, '1:1 shows a detail, not the whole card');
      await click('fit');
      assert.deepEqual((await canvasReport(page, 'document')).box, fitted.box, 'fit');

      await click('flip');
      const flipped = await canvasReport(page, 'document');
      assert.ok(gridDistance(flipped.grid, mirrorGrid(fitted.grid)) < SAME, 'flip mirrors the picture');
      assert.ok(gridDistance(flipped.grid, fitted.grid) > SAME, 'flip changed the picture');
      await click('reset');
      assert.ok(gridDistance((await canvasReport(page, 'document')).grid, fitted.grid) < SAME, 'reset');

      const selfieAfter = await canvasReport(page, 'selfie');
      assert.deepEqual(selfieAfter.box, selfieBefore.box, 'the controls acted on the selected (document) pane only');
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('rotates, zooms, flips, pans and resets from the keyboard, on the selected pane', async () => {
    const demo = await rig.openDemo();
    const { page } = demo;
    const key = (name) => page.keyboard.press(name);
    try {
      await pickSession(page, seedSessions.idCardWithSelfie);
      await showImages(page);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'image-document', 'the document image has the focus');
      const fitted = await canvasReport(page, 'document');
      const selfieFitted = await canvasReport(page, 'selfie');

      await key(']');
      const right = await canvasReport(page, 'document');
      near(right.box.width / right.box.height, fitted.box.height / fitted.box.width, 0.03, '] rotated aspect');
      assert.ok(gridDistance(right.grid, rotateGridClockwise(fitted.grid)) < SAME, '] turns clockwise');
      await key('[');
      await key('[');
      assert.ok(gridDistance((await canvasReport(page, 'document')).grid, rotateGridCounterClockwise(fitted.grid)) < SAME, '[ turns counter-clockwise');
      await key('r');
      assert.deepEqual((await canvasReport(page, 'document')).box, fitted.box, 'R resets');

      await key('-');
      const smaller = await canvasReport(page, 'document');
      near(smaller.box.width, fitted.box.width / 1.25, 2, '- zooms out');
      await key('+');
      assert.deepEqual((await canvasReport(page, 'document')).box, fitted.box, '+ zooms in');
      await key('=');
      near((await canvasReport(page, 'document')).box.height, fitted.box.height * 1.25, 2, '= zooms in too');
      await key('0');
      assert.deepEqual((await canvasReport(page, 'document')).box, fitted.box, '0 fits');

      await key('1');
      const actual = await canvasReport(page, 'document');
      assert.deepEqual(actual.box, { x: 0, y: 0, width: actual.width, height: actual.height }, '1 shows 1:1');
      await key('ArrowLeft');
      const panned = await canvasReport(page, 'document');
      assert.ok(gridDistance(panned.grid, actual.grid) > 2, 'ArrowLeft moves the picture');
      await key('ArrowRight');
      assert.ok(gridDistance((await canvasReport(page, 'document')).grid, actual.grid) < gridDistance(panned.grid, actual.grid), 'ArrowRight moves it back');
      await key('0');

      await key('f');
      assert.ok(gridDistance((await canvasReport(page, 'document')).grid, mirrorGrid(fitted.grid)) < SAME, 'F mirrors');
      await key('r');

      // Tab moves on to the selfie's tabs, then to the selfie image: the keys follow the focus.
      for (let i = 0; i < 8 && (await page.evaluate(() => document.activeElement.id)) !== 'image-selfie'; i += 1) await key('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'image-selfie');
      await key(']');
      const selfieRight = await canvasReport(page, 'selfie');
      near(selfieRight.box.height / selfieRight.box.width, selfieFitted.box.width / selfieFitted.box.height, 0.05, '] on the selfie');
      assert.ok(gridDistance(selfieRight.grid, rotateGridClockwise(selfieFitted.grid)) < SAME);
      assert.deepEqual((await canvasReport(page, 'document')).box, fitted.box, 'the document pane did not move');
      await key('r');

      // L locks the zoom of both panes: - then shrinks both.
      await key('l');
      assert.equal(await page.$eval('#lock-zoom', (box) => box.checked), true, 'L ticks "Lock zoom"');
      await key('-');
      near((await canvasReport(page, 'document')).box.width, fitted.box.width / 1.25, 2, 'locked: the document zooms out');
      near((await canvasReport(page, 'selfie')).box.height, selfieFitted.box.height / 1.25, 2, 'locked: the selfie zooms out');
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('Clear (button and Esc) blanks both canvases; "Show again" brings fresh images', async () => {
    const session = seedSessions.readyToRedact;
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      await showImages(page);
      const before = await canvasReport(page, 'selfie');
      const linksBefore = (await imageLinkLines(session)).length;

      await page.click('.toolbar [data-action="clear"]');
      await waitForPaneBlank(page, 'document');
      await waitForPaneBlank(page, 'selfie');
      for (const pane of ['document', 'selfie']) {
        const report = await canvasReport(page, pane);
        assert.deepEqual([report.width, report.height, report.painted], [0, 0, 0], `${pane}: no pixels left`);
      }
      assert.equal(await waitForText(page, '#cleared-text', 'Images cleared.'), 'Images cleared.');
      assert.equal(await page.$eval('#viewer', (viewer) => viewer.hidden), true);
      assert.equal(await visibleText(page, '#link-countdown'), null, 'no countdown for cleared links');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'show-again', '"Show again" takes the focus');

      await page.click('#show-again');
      await waitForPanesDrawn(page);
      const again = await canvasReport(page, 'selfie');
      assertPicture(again, 'after Show again');
      assert.ok(gridDistance(again.grid, before.grid) < SAME, 'the same selfie is back');
      assert.equal((await imageLinkLines(session)).length, linksBefore + 1, '"Show again" asked for fresh links, once');

      await page.keyboard.press('Escape');
      await waitForPaneBlank(page, 'document');
      await waitForPaneBlank(page, 'selfie');
      assert.equal(await waitForText(page, '#cleared-text', 'Images cleared.'), 'Images cleared.');
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('hiding the tab blanks both canvases and says so; "Show again" brings them back', async () => {
    const demo = await rig.openDemo({ initScripts: [emulateVisibility] });
    const { page } = demo;
    try {
      await pickSession(page, seedSessions.idCardWithSelfie);
      await showImages(page);
      assertPicture(await canvasReport(page, 'document'), 'before hiding');

      await page.evaluate(() => window.__setPageHidden(true));
      await waitForPaneBlank(page, 'document');
      await waitForPaneBlank(page, 'selfie');
      for (const pane of ['document', 'selfie']) {
        const report = await canvasReport(page, pane);
        assert.deepEqual([report.width, report.height], [0, 0], `${pane}: blank while hidden`);
      }
      assert.equal(await waitForText(page, '#cleared-text', /hidden/), 'Images were cleared because the tab was hidden.');
      assert.equal(await page.$eval('#cleared-notice', (notice) => notice.dataset.reason), 'hidden');

      await page.evaluate(() => window.__setPageHidden(false));
      assert.equal((await canvasReport(page, 'document')).width, 0, 'coming back does not redraw by itself');
      await page.click('#show-again');
      await waitForPanesDrawn(page);
      assertPicture(await canvasReport(page, 'document'), 'after Show again');
      assertPicture(await canvasReport(page, 'selfie'), 'selfie after Show again');
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('inactivity clears both canvases with a visible notice; "Show again" brings them back', async () => {
    const demo = await rig.openDemo({ query: '?inactivitySeconds=4' });
    const { page } = demo;
    try {
      await pickSession(page, seedSessions.idCardWithSelfie);
      await showImages(page);
      assertPicture(await canvasReport(page, 'document'), 'shown');

      // No input from here on: the page's own timer must clear.
      assert.equal(await waitForText(page, '#cleared-text', /without activity/), 'Images were cleared after a period without activity.');
      assert.equal(await page.$eval('#cleared-notice', (notice) => notice.dataset.reason), 'inactivity');
      for (const pane of ['document', 'selfie']) {
        const report = await canvasReport(page, pane);
        assert.deepEqual([report.width, report.height, report.painted], [0, 0, 0], `${pane}: cleared`);
      }

      await page.click('#show-again');
      await waitForPanesDrawn(page);
      assertPicture(await canvasReport(page, 'document'), 'document after Show again');
      assertPicture(await canvasReport(page, 'selfie'), 'selfie after Show again');
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('saves a screenshot of the demo with images shown (build/test-artifacts/demo.png)', async () => {
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, seedSessions.idCardWithSelfie);
      await showImages(page);
      const png = await page.screenshot({ fullPage: true });
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(path.join(ARTIFACTS, 'demo.png'), png);
      // The shot shows the drawn card, not the pane's empty checkerboard.
      const shot = decodePng(png);
      const canvas = await page.$eval('#pane-document canvas', (element) => {
        const { x, y, width, height } = element.getBoundingClientRect();
        return { x: x + scrollX, y: y + scrollY, width, height };
      });
      const centre = shot.pixel(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
      const checkerboard = [[0xee, 0xf0, 0xf4], [0xf8, 0xf9, 0xfb]];
      assert.ok(checkerboard.every((colour) => colour.some((value, i) => Math.abs(value - centre[i]) > 12)), `centre pixel ${centre}`);
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });
});
