// The reviewer demo for everyone, in each engine (engines.mjs), end to end against the real
// emulator and server stub: axe-core (npm) finds no violation in any state of the page —
// signed out, every error, signed in, each kind of verification, a value revealed, images
// shown, cleared, the Redact dialog open, and the phone layout — and the keyboard alone
// gets through everything, following the WAI-ARIA practices: tabs (arrow keys, Home/End,
// manual activation), a toolbar with one Tab stop and arrow keys inside, a modal dialog
// that keeps the focus and gives it back, arrow keys that pan only the focused image.
// Each state checked is also kept as a screenshot: build/test-artifacts/screenshots/
// <engine>-state-NN-<state>.png.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { seedSessions } from '../../server-stub/launch/emulator-builtins.mjs';
import { saveScreenshot } from './support/artifacts.mjs';
import { assertNoAxeViolations, axeViolations } from './support/axe.mjs';
import {
  canvasReport, gridDistance, pickSession, showImages, visibleText, waitForPaneBlank,
  waitForPaneImage, waitForPanesDrawn, waitForText,
} from './support/demo-rig.mjs';
import { describeDemoInEachEngine } from './support/demo-in-engines.mjs';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

// A name for the focused element, as the tests speak of it.
const focused = (page) => page.evaluate(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return 'BODY';
  return element.id || element.dataset.sessionId || element.dataset.action || element.dataset.reveal || element.textContent.trim();
});

// Presses `key` until `target` (as named by focused()) has the focus; at most `limit` times.
async function pressUntil(page, target, { key = 'Tab', limit = 40 } = {}) {
  for (let i = 0; i < limit; i += 1) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press(key);
  }
  assert.equal(await focused(page), target, `${key} reaches ${target}`);
}

// Whether the focused element shows a focus ring (the page's 3 px outline).
const focusVisible = (page) => page.evaluate(() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return element.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
});

describeDemoInEachEngine('demo accessibility', (suite) => {
  const { engineName } = suite;
  let shots = 0;
  const check = async (page, state) => {
    shots += 1;
    const slug = state.replace(/\(.*\)/, '').trim().replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    await saveScreenshot(`${engineName}-state-${String(shots).padStart(2, '0')}-${slug}`, await page.screenshot({}));
    assertNoAxeViolations(await axeViolations(page), `${engineName}: ${state}`);
  };

  it('axe-core finds no violation in any state of the page (desktop)', () => suite.withDemo({ signIn: false, viewport: DESKTOP }, async (page) => {
    await page.waitForFunction(() => !document.querySelector('#sign-in-button').disabled);
    await check(page, 'signed out');

    await page.fill('#token', `${suite.rig.token}x`);
    await page.click('#sign-in-button');
    await waitForText(page, '#sign-in-error', /not valid/);
    await check(page, 'sign-in refused');

    await page.fill('#token', suite.rig.token);
    await page.click('#sign-in-button');
    await page.waitForSelector('#session-list button[data-session-id]');
    await check(page, 'signed in, nothing picked');

    await pickSession(page, seedSessions.idCardWithSelfie);
    await check(page, 'a verified sample');
    await page.click('#summary [data-reveal="dob"]');
    await page.waitForFunction(() => document.querySelector('#summary [data-field="dob"]').textContent !== '••••••');
    await check(page, 'date of birth revealed');

    await showImages(page);
    await check(page, 'images shown');
    await page.evaluate(() => document.querySelector('#tab-document_front').focus());
    await page.keyboard.press('ArrowRight');
    await check(page, 'a tab focused');

    await page.click('.toolbar [data-action="clear"]');
    await waitForPaneBlank(page, 'document');
    await check(page, 'images cleared');

    await page.click('#redact');
    await page.waitForFunction(() => document.querySelector('#redact-dialog').open);
    await check(page, 'the Redact dialog open');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#redact-dialog').open);

    for (const [session, state] of [
      [seedSessions.redacted, 'a redacted sample (actions off, with reasons)'],
      [seedSessions.processedLongAgo, 'a sample past the 48-hour window (actions off, with reasons)'],
      [seedSessions.awaitingInput, 'a sample never finished (Show images off)'],
      [seedSessions.documentExpired, 'a sample that requires input'],
    ]) {
      await pickSession(page, session);
      await check(page, state);
    }

    await pickSession(page, seedSessions.passportVerified);
    await suite.rig.emulator.admin.config({ fault_rate: 1, faults: '500' });
    try {
      await page.click('#show-images');
      await waitForText(page, '#page-error', /./);
    } finally {
      await suite.rig.emulator.admin.config({ fault_rate: 0 });
    }
    await check(page, 'an error message');
  }));

  it('axe-core finds no violation on a phone: signed in, a summary, images shown', () => suite.withDemo({ viewport: PHONE, touch: suite.engine.supports.touch }, async (page) => {
    await check(page, 'phone: signed in');
    await pickSession(page, seedSessions.idCardWithSelfie);
    await check(page, 'phone: summary');
    await showImages(page);
    await check(page, 'phone: images shown');
  }));

  it('keyboard alone: sign in, pick, show, tabs, toolbar, pan, dialog, clear, show again', () => suite.withDemo({ signIn: false, viewport: DESKTOP }, async (page) => {
    const key = (name) => page.keyboard.press(name);
    await page.waitForFunction(() => !document.querySelector('#sign-in-button').disabled);
    await pressUntil(page, 'token', { limit: 5 });
    await page.keyboard.type(suite.rig.token);
    await key('Enter');
    await page.waitForSelector('#session-list button[data-session-id]');
    await page.waitForFunction(() => document.activeElement === document.querySelector('#session-list button'));

    // The list: buttons; Enter picks, and the list keeps the focus (two columns).
    await pressUntil(page, seedSessions.idCardWithSelfie);
    await key('Enter');
    await page.waitForFunction(() => document.querySelector('#summary dl') !== null);
    assert.equal(await focused(page), seedSessions.idCardWithSelfie);
    await pressUntil(page, 'show-images');
    await key('Enter');
    await waitForPanesDrawn(page);
    assert.equal(await focused(page), 'image-document', 'the document image takes the focus');
    assert.equal(await focusVisible(page), true);

    // Tab from the first stop to the last: every enabled control once, in reading order,
    // each showing its focus; the toolbar and each tab list are one stop each (their
    // selected or last used member). (Not round the end of the page: past it the focus
    // goes to the browser's own controls, which in headless Firefox then keeps it.)
    const expected = await page.evaluate(() => [...document.querySelectorAll('button, input, [tabindex]')]
      .filter((element) => element.tabIndex >= 0 && !element.disabled && !element.closest('[hidden], dialog:not([open])'))
      .map((element) => element.id || element.dataset.sessionId || element.dataset.action || element.dataset.reveal || element.textContent.trim()));
    assert.equal(expected[0], 'sign-out');
    await page.evaluate(() => document.querySelector('#sign-out').focus());
    const stops = [{ name: await focused(page), visible: true }];
    for (let i = 1; i < expected.length; i += 1) {
      await key('Tab');
      stops.push({ name: await focused(page), visible: await focusVisible(page) });
    }
    const reached = stops.map((stop) => stop.name);
    assert.deepEqual(reached, expected, 'Tab visits every stop once, in reading order');
    for (const name of ['tab-selfie_face', 'image-selfie', 'sign-out', 'show-images', 'redact', 'dob', 'zoom-in', 'tab-document_front', 'image-document']) {
      assert.ok(reached.includes(name), `Tab reaches ${name}`);
    }
    for (const name of ['zoom-out', 'clear', 'lock-zoom', 'tab-document_back', 'tab-selfie_document']) {
      assert.ok(!reached.includes(name), `${name} is reached with the arrow keys, not Tab`);
    }
    assert.deepEqual(stops.filter((stop) => !stop.visible).map((stop) => stop.name), [], 'every stop shows its focus');
    await page.evaluate(() => document.querySelector('#image-document').focus());

    // Tabs (manual activation): arrows and Home/End move the focus, Enter shows.
    const front = await canvasReport(page, 'document');
    await pressUntil(page, 'tab-document_front', { key: 'Shift+Tab', limit: 5 });
    await key('ArrowRight');
    assert.equal(await focused(page), 'tab-document_back');
    assert.equal(await page.$eval('#tab-document_front', (tab) => tab.getAttribute('aria-selected')), 'true', 'moving the focus does not show');
    await key('ArrowRight');
    assert.equal(await focused(page), 'tab-document_front', 'the arrows wrap around');
    await key('End');
    assert.equal(await focused(page), 'tab-document_back');
    await key('Home');
    assert.equal(await focused(page), 'tab-document_front');
    await key('ArrowLeft');
    assert.equal(await focused(page), 'tab-document_back');
    await key('Enter');
    await page.waitForFunction(() => document.querySelector('#tab-document_back').getAttribute('aria-selected') === 'true');
    await waitForPaneImage(page, 'document');
    const back = await canvasReport(page, 'document');
    assert.ok(gridDistance(back.grid, front.grid) > 8, 'Enter on Back shows the back');
    assert.equal(await page.$eval('#tab-document_back', (tab) => tab.tabIndex), 0, 'the shown tab is the tab list\'s stop');
    assert.equal(await page.$eval('#image-document', (panel) => panel.getAttribute('aria-labelledby')), 'pane-title-document tab-document_back');

    // Arrow keys pan only the focused image; elsewhere they keep their meaning.
    await key('Tab');
    assert.equal(await focused(page), 'image-document');
    await key('1');
    const actual = await canvasReport(page, 'document');
    await key('ArrowLeft');
    const panned = await canvasReport(page, 'document');
    assert.ok(gridDistance(panned.grid, actual.grid) > 2, 'ArrowLeft on the image pans it');
    await page.evaluate(() => document.querySelector('#session-list button').focus());
    await key('ArrowRight');
    assert.ok(gridDistance((await canvasReport(page, 'document')).grid, panned.grid) < 1, 'ArrowRight on a list button does not pan');
    await page.evaluate(() => document.querySelector('#image-document').focus());
    await key('0');

    // The toolbar: one Tab stop, arrows inside (wrapping), Home/End, and Tab back in lands
    // on the control last used.
    await pressUntil(page, 'zoom-in', { key: 'Shift+Tab', limit: 30 });
    await key('ArrowLeft');
    assert.equal(await focused(page), 'lock-zoom', 'ArrowLeft wraps to the last control');
    await key('Home');
    assert.equal(await focused(page), 'zoom-in');
    await key('End');
    assert.equal(await focused(page), 'lock-zoom');
    await key('Home');
    for (let i = 0; i < 5; i += 1) await key('ArrowRight');
    assert.equal(await focused(page), 'rotate-right');
    const fitted = await canvasReport(page, 'document');
    await key('Enter');
    const turned = await canvasReport(page, 'document');
    assert.ok(turned.box.height > turned.box.width, `Enter on Rotate right turns the selected image (${JSON.stringify(turned.box)})`);
    assert.ok(gridDistance(turned.grid, fitted.grid) > 8);
    await key('Tab');
    assert.notEqual(await page.evaluate(() => document.activeElement.closest('.toolbar')), true, 'Tab leaves the toolbar');
    assert.equal(await page.evaluate(() => document.activeElement.closest('.toolbar') === null), true);
    await key('Shift+Tab');
    assert.equal(await focused(page), 'rotate-right', 'back into the toolbar on the control last used');
    await key('r');

    // The modal dialog: opens on Cancel, keeps the focus inside, Esc closes it (and only
    // it), the focus returns to Redact….
    await pressUntil(page, 'redact', { key: 'Shift+Tab', limit: 30 });
    await key('Enter');
    await page.waitForFunction(() => document.querySelector('#redact-dialog').open);
    assert.equal(await focused(page), 'Cancel', 'the dialog opens on Cancel');
    await key('Tab');
    assert.equal(await focused(page), 'redact-confirm');
    assert.equal(await page.$eval('#redact-confirm', (button) => button.textContent), 'Redact for good');
    await key('Shift+Tab');
    assert.equal(await focused(page), 'Cancel');
    // The page behind is inert: nothing there can take the focus. (Tab past the last
    // button goes to the browser's own controls, as everywhere.)
    assert.equal(await page.evaluate(() => {
      document.querySelector('#show-images').focus();
      return document.activeElement.closest('dialog') !== null;
    }), true, 'the page behind the dialog cannot take the focus');
    await key('Escape');
    await page.waitForFunction(() => !document.querySelector('#redact-dialog').open);
    assert.equal(await focused(page), 'redact', 'the focus returns to Redact…');
    assert.equal(await page.$eval('#viewer', (viewer) => viewer.hidden), false, 'Esc in the dialog did not clear the images');

    // Esc clears; the focus lands on "Show again"; Enter shows the images again.
    await key('Escape');
    await waitForPaneBlank(page, 'document');
    assert.equal(await focused(page), 'show-again');
    assert.equal(await focusVisible(page), true);
    await key('Enter');
    await waitForPanesDrawn(page);
    assert.ok((await canvasReport(page, 'selfie')).box, 'the selfie is back');
    assert.equal(await visibleText(page, '#page-error'), null);
  }));
});
