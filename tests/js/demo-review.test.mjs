// The reviewer's deliberate acts in the demo, end to end (real emulator, real server
// stub, headless Chromium): sensitive fields reach the page only after "Reveal", each
// reveal audited with the field's name; "Redact…" asks first, names the session, and
// leaves it redacted for good; and everything can be done with the keyboard alone, with
// the focus always visible.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  canvasReport, gridDistance, pickSession, showImages, startDemoRig, visibleText, waitForPaneBlank,
  waitForPaneImage, waitForPanesDrawn, waitForSummary, markSummaryStale, waitForText,
} from './support/demo-rig.mjs';

const MASK = '••••••';
const FIELDS = ['dob', 'id_number', 'document_number', 'expiration_date'];
const formatDate = ({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function assertCleanPage(demo) {
  assert.deepEqual(demo.consoleErrors, [], 'no console error');
  assert.deepEqual(demo.pageErrors, [], 'no uncaught exception');
  assert.deepEqual(demo.cspViolations, [], 'no Content-Security-Policy violation');
}

const focused = (page) => page.evaluate(() => {
  const element = document.activeElement;
  return element === document.body ? 'BODY' : element.id || element.dataset.sessionId || element.dataset.action || element.dataset.reveal || element.dataset.role || element.textContent.trim();
});

// Presses Tab until `target` (as named by focused()) has the focus; at most `limit` times.
async function tabTo(page, target, limit = 40) {
  for (let i = 0; i < limit; i += 1) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  assert.equal(await focused(page), target, `Tab reaches ${target}`);
}

describe('demo: reveal, redact, keyboard', () => {
  let rig;

  before(async () => {
    rig = await startDemoRig();
  });
  after(() => rig?.close());

  async function auditLines(filter) {
    return (await rig.audit()).filter((line) => Object.entries(filter).every(([key, value]) => line[key] === value));
  }

  it('sensitive fields reach the page only after Reveal, each reveal audited with the field', async () => {
    const session = 'vs_1EmuDrivingLicenceVerified';
    const { body } = await rig.api('GET', `/api/verification-sessions/${session}?include=${FIELDS.join(',')}`);
    const expected = {
      dob: formatDate(body.sensitive.dob),
      id_number: body.sensitive.id_number,
      document_number: body.sensitive.document_number,
      expiration_date: formatDate(body.sensitive.expiration_date),
    };
    assert.ok(FIELDS.every((field) => expected[field]), `the sample has every sensitive field: ${JSON.stringify(expected)}`);

    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      const summaryAnswer = page.waitForResponse((response) => new URL(response.url()).pathname === `/api/verification-sessions/${session}`);
      await pickSession(page, session);
      const first = await (await summaryAnswer).json();
      assert.equal(first.sensitive, undefined, 'the first summary carries no sensitive field');
      for (const field of FIELDS) assert.equal(await visibleText(page, `#summary [data-field="${field}"]`), MASK, `${field} is masked`);
      const text = await page.evaluate(() => document.body.innerText);
      for (const field of ['dob', 'document_number', 'expiration_date']) assert.ok(!text.includes(expected[field]), `${field} is nowhere on the page`);
      const [opened] = await auditLines({ action: 'summary', session, reviewer: 'rev_demo' }).then((lines) => lines.slice(-1));
      assert.deepEqual(opened.shown.sensitive_fields, []);

      const revealed = [];
      for (const field of FIELDS) {
        const linesBefore = (await rig.audit()).length;
        await page.click(`#summary [data-reveal="${field}"]`);
        await page.waitForFunction((f) => document.querySelector(`#summary [data-field="${f}"]`).textContent !== '••••••', field);
        revealed.push(field);
        assert.equal(await visibleText(page, `#summary [data-field="${field}"]`), expected[field], `${field} shown`);
        assert.equal(await page.$(`#summary [data-reveal="${field}"]`), null, `no Reveal button left for ${field}`);
        for (const other of FIELDS.filter((f) => !revealed.includes(f))) {
          assert.equal(await visibleText(page, `#summary [data-field="${other}"]`), MASK, `${other} still masked after revealing ${field}`);
        }
        const lines = (await rig.audit()).slice(linesBefore);
        assert.equal(lines.length, 1, `one audit line for revealing ${field}`);
        assert.equal(lines[0].action, 'summary');
        assert.equal(lines[0].session, session);
        assert.equal(lines[0].reviewer, 'rev_demo');
        assert.equal(lines[0].outcome, 'ok');
        assert.ok(lines[0].shown.sensitive_fields.includes(field), `the line names ${field}: ${JSON.stringify(lines[0].shown)}`);
        assert.deepEqual([...lines[0].shown.sensitive_fields].sort(), [...revealed].sort());
        assert.ok(!JSON.stringify(lines[0]).includes(expected[field]), 'the audit line holds no value');
      }
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('Redact… asks first, naming the session; Cancel changes nothing', async () => {
    const session = 'vs_1EmuPassportVerified';
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      await page.click('#redact');
      await page.waitForFunction(() => document.querySelector('#redact-dialog').open);
      assert.equal(await visibleText(page, '#redact-session'), session);
      await page.click('#redact-dialog button[value="cancel"]');
      await page.waitForFunction(() => !document.querySelector('#redact-dialog').open);
      assert.deepEqual(await auditLines({ action: 'redact', session }), []);
      assert.equal(await page.$eval('#show-images', (button) => button.disabled), false);
      assert.equal((await rig.api('GET', `/api/verification-sessions/${session}`)).body.redaction, null);
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('Redact on vs_1EmuReadyToRedact: confirmation, images cleared, redacted state, later links refused', async () => {
    const session = 'vs_1EmuReadyToRedact';
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      await showImages(page);
      // A bundle issued before the redaction, to try its link afterwards.
      const earlier = (await rig.api('POST', `/api/verification-sessions/${session}/image-links`)).body;
      assert.equal((await fetch(earlier.images[0].url)).status, 200, 'the link works before');

      await page.click('#redact');
      await page.waitForFunction(() => document.querySelector('#redact-dialog').open);
      assert.equal(await visibleText(page, '#redact-title'), 'Redact this verification?');
      assert.equal(await visibleText(page, '#redact-session'), session, 'the dialog names the session');
      await markSummaryStale(page);
      await page.click('#redact-confirm');

      assert.match(await waitForText(page, '#page-message', /Redaction requested/), /^Redaction requested: (processing|redacted)\. Images can no longer be shown\.$/);
      await waitForSummary(page);
      await waitForPaneBlank(page, 'document');
      await waitForPaneBlank(page, 'selfie');
      assert.equal(await page.$eval('#viewer', (viewer) => viewer.hidden), true, 'the images are gone');
      assert.equal(await visibleText(page, '#summary [data-field="redaction"]'), 'redacted');
      assert.equal(await page.$eval('#show-images', (button) => button.disabled), true, 'Show images is off');
      assert.equal(await page.$eval('#redact', (button) => button.disabled), true, 'Redact is off');
      await page.waitForFunction((id) => document.querySelector(`#session-list button[data-session-id="${id}"] .badge.redacted`), session);
      assert.equal(await visibleText(page, '#page-error'), null);

      assert.deepEqual((await auditLines({ action: 'redact', session })).map((line) => line.outcome), ['ok']);
      const later = await rig.api('POST', `/api/verification-sessions/${session}/image-links`);
      assert.equal(later.status, 410);
      assert.equal(later.body.error.code, 'session_redacted');
      assert.equal((await fetch(earlier.images[0].url)).status, 410, 'a link issued before stops working');

      // Coming back to it later, the page says why there is nothing to show.
      await pickSession(page, 'vs_1EmuIdCardWithSelfie');
      await pickSession(page, session);
      assert.equal(await waitForText(page, '#page-message', /redacted/), 'This verification was redacted: its images and personal data are gone for good.');
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('works with the keyboard alone: Tab reaches every control in order, with a visible focus', async () => {
    const demo = await rig.openDemo({ signIn: false });
    const { page } = demo;
    const key = (name) => page.keyboard.press(name);
    try {
      await key('Tab');
      assert.equal(await focused(page), 'token', 'Tab starts at the token field');
      await page.keyboard.type(rig.token);
      await key('Enter');
      await page.waitForSelector('#session-list button[data-session-id]');
      await page.waitForFunction(() => document.activeElement === document.querySelector('#session-list button'),
        null, { timeout: 5000 }).catch(() => assert.fail('after sign-in the focus is on the first verification'));

      await tabTo(page, 'vs_1EmuIdCardWithSelfie');
      await pickSession(page, 'vs_1EmuIdCardWithSelfie', { press: 'Enter' });
      assert.equal(await focused(page), 'vs_1EmuIdCardWithSelfie', 'the picked session keeps the focus');
      await tabTo(page, 'show-images');
      await key('Enter');
      await waitForPanesDrawn(page);
      assert.equal(await focused(page), 'pane-document', 'the document pane takes the focus');

      // One full round of Tab from the document pane back to it.
      const stops = [];
      for (let i = 0; i < 80; i += 1) {
        await key('Tab');
        const stop = await page.evaluate(() => {
          const element = document.activeElement;
          const style = getComputedStyle(element);
          return { visible: element.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
        });
        const name = await focused(page);
        if (name === 'pane-document') break;
        stops.push({ name, ...stop });
      }
      const reached = stops.map((stop) => stop.name).filter((name) => name !== 'BODY'); // BODY: the browser's own stop
      const controls = await page.evaluate(() => [...document.querySelectorAll('button, input, [tabindex="0"]')]
        .filter((element) => !element.disabled && !element.closest('[hidden], dialog:not([open])'))
        .map((element) => element.id || element.dataset.sessionId || element.dataset.action || element.dataset.reveal || element.dataset.role || element.textContent.trim()));
      const expectedOrder = [...controls.slice(controls.indexOf('pane-document') + 1), ...controls.slice(0, controls.indexOf('pane-document'))];
      assert.deepEqual(reached, expectedOrder, 'Tab visits every control once, in reading order');
      for (const name of ['sign-out', 'show-images', 'redact', 'dob', 'zoom-in', 'rotate-right', 'clear', 'lock-zoom', 'document_back', 'pane-selfie', 'selfie_document']) {
        assert.ok(reached.includes(name), `Tab reaches ${name}`);
      }
      assert.deepEqual(stops.filter((stop) => stop.name !== 'BODY' && !stop.visible).map((stop) => stop.name), [], 'every stop shows its focus');

      // The document's "Back" tab with Enter.
      const front = await canvasReport(page, 'document');
      await tabTo(page, 'document_back');
      await key('Enter');
      await page.waitForFunction(() => document.querySelector('[data-role="document_back"]').getAttribute('aria-selected') === 'true');
      await waitForPaneImage(page, 'document');
      assert.ok(gridDistance((await canvasReport(page, 'document')).grid, front.grid) > 8, 'Enter on "Back" shows the back');
      const back = await canvasReport(page, 'document');
      const selfie = await canvasReport(page, 'selfie');

      // Redact… opens its dialog on Cancel; while it is open the viewer's keys are off, and
      // Esc closes the dialog (and only the dialog).
      await tabTo(page, 'redact');
      await key('Enter');
      await page.waitForFunction(() => document.querySelector('#redact-dialog').open);
      assert.equal(await focused(page), 'Cancel', 'the dialog opens on Cancel');
      await key(']');
      // (Tab passed the selfie pane on the way, so the selfie is the selected pane now.)
      assert.deepEqual((await canvasReport(page, 'selfie')).box, selfie.box, '] in the dialog does not turn the selfie behind it');
      assert.deepEqual((await canvasReport(page, 'document')).box, back.box, '] in the dialog does not turn the document behind it');
      await key('Escape');
      await page.waitForFunction(() => !document.querySelector('#redact-dialog').open);
      assert.equal(await page.$eval('#viewer', (viewer) => viewer.hidden), false, 'Esc in the dialog does not clear the images');
      assert.ok((await canvasReport(page, 'document')).box, 'the image is still drawn');
      assert.equal(await focused(page), 'redact', 'the focus returns to Redact…');
      assert.deepEqual(await auditLines({ action: 'redact', session: 'vs_1EmuIdCardWithSelfie' }), [], 'nothing was redacted');

      // Reveal with Enter.
      await tabTo(page, 'dob');
      await key('Enter');
      await page.waitForFunction(() => document.querySelector('#summary [data-field="dob"]').textContent !== '••••••');
      assert.equal(await page.evaluate(() => document.activeElement.matches('#summary .sensitive-value[data-field="dob"]')), true,
        'the focus lands on the revealed value');

      // Esc clears; the focus lands on "Show again"; Enter shows the images again.
      await key('Escape');
      await waitForPaneBlank(page, 'document');
      assert.equal(await focused(page), 'show-again');
      assert.equal(await page.evaluate(() => document.activeElement.matches(':focus-visible')), true);
      await key('Enter');
      await waitForPanesDrawn(page);
      assert.ok((await canvasReport(page, 'selfie')).box, 'the selfie is back');
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });
});
