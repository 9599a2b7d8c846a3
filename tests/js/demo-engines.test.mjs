// The reviewer demo in each engine reviewers use (engines.mjs: Chromium, Firefox, WebKit),
// end to end against the real emulator and server stub, at a desktop (1440×900) and a
// phone (390×844) size: signed out nothing but the sign-in card shows; signed in, a sample
// shows both images drawn on their canvases (pixels read back), the tabs follow the arrow
// keys, and Clear blanks them. Screenshots of every step are kept in
// build/test-artifacts/screenshots/<engine>-<size>-<step>.png for a person to look at.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { seedSessions } from '../../server-stub/launch/emulator-builtins.mjs';
import { decodePng } from '../../scripts/harness/png-codec.mjs';
import { saveScreenshot } from './support/artifacts.mjs';
import {
  canvasReport, gridDistance, pickSession, showImages, visibleText, waitForPaneBlank,
  waitForPaneImage, waitForText,
} from './support/demo-rig.mjs';
import { describeDemoInEachEngine } from './support/demo-in-engines.mjs';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const SESSION = seedSessions.idCardWithSelfie;

// A drawn picture: a backing store, opaque image pixels that fill the canvas one way
// (fitted), and real content (the luminance varies), unlike the empty canvas.
function assertPicture(report, label) {
  assert.ok(report.width > 0 && report.height > 0, `${label}: the canvas has a backing store`);
  assert.ok(report.box, `${label}: opaque image pixels are on the canvas`);
  const fill = Math.max(report.box.width / report.width, report.box.height / report.height);
  assert.ok(fill > 0.97, `${label}: the image fills the canvas one way (${JSON.stringify(report.box)} in ${report.width}×${report.height})`);
  assert.ok(report.lumaSpread > 15, `${label}: the picture is not flat (luminance spread ${report.lumaSpread.toFixed(1)})`);
}

async function assertCleanPage(demo) {
  const { consoleErrors, pageErrors, cspViolations } = await demo.diagnostics();
  assert.deepEqual(consoleErrors, [], 'no console error');
  assert.deepEqual(pageErrors, [], 'no uncaught exception');
  assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violation');
}

// Whether the element is laid out at all (not display:none, itself or above).
const rendered = (page, selector) => page.$eval(selector, (element) => element.getClientRects().length > 0);

describeDemoInEachEngine('demo', (suite) => {
  const shot = async (page, size, step, options = { fullPage: true }) =>
    saveScreenshot(`${suite.engineName}-${size}-${step}`, await page.screenshot(options));

  it('signed out: only the sign-in card; the Sign in button opens the workspace', () => suite.withDemo({ signIn: false, viewport: DESKTOP }, async (page, demo) => {
    await page.waitForFunction(() => !document.querySelector('#sign-in-button').disabled);
    assert.equal(await rendered(page, '#sign-in'), true);
    for (const hidden of ['#workspace', '#sessions-title', '#show-images', '#whoami', '#sign-in-loading']) {
      assert.equal(await rendered(page, hidden), false, `${hidden} is not shown before sign-in`);
    }
    assert.equal(await page.evaluate(() => document.body.innerText.includes('Sample verifications')), false);
    await shot(page, 'desktop', '1-signed-out');

    await page.fill('#token', suite.rig.token);
    await page.click('#sign-in-button');
    await page.waitForSelector('#session-list button[data-session-id]');
    assert.equal(await rendered(page, '#sign-in'), false);
    assert.equal(await visibleText(page, '#reviewer-id'), 'rev_demo');
    await page.waitForFunction(() => document.activeElement?.dataset.sessionId !== undefined);
    assert.equal(await page.evaluate(() => new URL(location.href).search), '', 'the token is in no URL');
    await shot(page, 'desktop', '2-signed-in');
    await assertCleanPage(demo);
  }));

  it('desktop: the ID card sample draws both images, the tabs follow the arrow keys, Clear blanks them', () => suite.withDemo({ viewport: DESKTOP }, async (page, demo) => {
    await pickSession(page, SESSION);
    assert.match(await visibleText(page, '#summary [data-field="processed"]'), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC \(.+ ago\)$/);
    assert.match(await visibleText(page, '#summary [data-field="window"]'), /left of the 48-hour window$/);
    await shot(page, 'desktop', '3-summary');

    await showImages(page);
    const front = await canvasReport(page, 'document');
    assertPicture(front, 'document front');
    assert.ok(front.box.width > front.box.height, 'the ID card lies landscape');
    assertPicture(await canvasReport(page, 'selfie'), 'selfie face');
    assert.equal(await page.$eval('#pane-document canvas', (canvas) => canvas.getAttribute('aria-label')),
      'Document, front: shown, with the reviewer watermark');
    assert.match(await visibleText(page, '#link-countdown'), /^Image links expire in \d+ s$/);
    await shot(page, 'desktop', '4-images', {});

    // The document's tabs: focus Front, ArrowRight moves to Back, Enter shows it.
    await page.evaluate(() => document.querySelector('#tab-document_front').focus());
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-document_back');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#tab-document_back').getAttribute('aria-selected') === 'true');
    await waitForPaneImage(page, 'document');
    const back = await canvasReport(page, 'document');
    assertPicture(back, 'document back');
    assert.ok(gridDistance(back.grid, front.grid) > 8, 'the back, not the front again');

    await page.click('.toolbar [data-action="clear"]');
    await waitForPaneBlank(page, 'document');
    await waitForPaneBlank(page, 'selfie');
    assert.equal(await waitForText(page, '#cleared-text', 'Images cleared.'), 'Images cleared.');
    await shot(page, 'desktop', '5-cleared');
    await assertCleanPage(demo);
  }));

  it('phone: the summary comes into view, the toolbar takes two rows, the ID card fills its pane', () => suite.withDemo({ viewport: PHONE, touch: suite.engine.supports.touch }, async (page, demo) => {
    await shot(page, 'phone', '1-signed-in');
    await pickSession(page, SESSION);
    // The detail starts below the whole list: picking brings its heading, its buttons and
    // the start of the summary into view.
    await page.waitForFunction(() => {
      const inView = (selector) => {
        const { top, bottom } = document.querySelector(selector).getBoundingClientRect();
        return top >= 0 && bottom <= innerHeight;
      };
      return inView('#summary-title') && inView('#show-images') && inView('#summary dl dt');
    });
    assert.ok(await page.evaluate(() => scrollY > 300), 'the page scrolled down to it');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'summary-title', 'the focus moved with it');
    await shot(page, 'phone', '2-summary', {});

    await showImages(page);
    await page.evaluate(() => document.querySelector('.toolbar').scrollIntoView({ block: 'start' }));
    // A row starts where a control begins below the previous row's bottom.
    const rows = await page.$$eval('.toolbar > *', (controls) => {
      const boxes = controls.map((control) => control.getBoundingClientRect()).sort((a, b) => a.top - b.top);
      let count = 0;
      let bottom = -Infinity;
      for (const box of boxes) {
        if (box.top >= bottom - 1) {
          count += 1;
          bottom = box.bottom;
        } else {
          bottom = Math.max(bottom, box.bottom);
        }
      }
      return count;
    });
    assert.ok(rows <= 2, `the toolbar takes ${rows} rows`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'nothing sticks out sideways');
    const hints = await page.$$eval('.toolbar kbd, .keyboard-hint', (elements) => elements.filter((element) => element.getClientRects().length > 0).length);
    assert.equal(hints, 0, 'no keyboard hints on a phone');
    const card = await canvasReport(page, 'document');
    assertPicture(card, 'document front on a phone');
    const used = (card.box.width * card.box.height) / (card.width * card.height);
    assert.ok(used > 0.85, `the ID card uses ${(used * 100).toFixed(0)}% of its pane`);
    assertPicture(await canvasReport(page, 'selfie'), 'selfie on a phone');
    await shot(page, 'phone', '3-images');
    await shot(page, 'phone', '3-images-toolbar', {});
    // A phone shot shows real pixels of the card (not the empty checkerboard) where the canvas is.
    const png = decodePng(await page.screenshot({}));
    const centre = await page.$eval('#pane-document canvas', (canvas) => {
      const { x, y, width, height } = canvas.getBoundingClientRect();
      return [Math.round(x + width / 2), Math.round(y + height / 2)];
    });
    if (centre[1] > 0 && centre[1] < png.height) {
      const pixel = png.pixel(...centre);
      assert.ok([[0xee, 0xf0, 0xf4], [0xf8, 0xf9, 0xfb]].every((colour) => colour.some((value, i) => Math.abs(value - pixel[i]) > 12)), `centre pixel ${pixel}`);
    }
    await assertCleanPage(demo);
  }));

  it('sends nothing off the machine', () => {
    assert.deepEqual(suite.engine.offLoopbackRequests(), [], `${suite.engine.version} tried to reach hosts other than loopback`);
  });
});
