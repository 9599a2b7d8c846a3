// The reviewer's deliberate acts in the demo, end to end (real emulator, real server
// stub, headless Chromium): sensitive fields reach the page only after "Reveal", each
// reveal audited with the field's name; "Redact…" asks first, names the session, leaves
// it redacted for good, and the page says one true thing about it; the token never
// reaches a URL. (The keyboard walk-through is in demo-a11y.test.mjs.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedSessions } from '../../server-stub/launch/emulator-builtins.mjs';
import {
  pickSession, showImages, startDemoRig, visibleText, waitForPaneBlank, waitForSummary, markSummaryStale,
} from './support/demo-rig.mjs';

const MASK = '••••••';
const REDACTED_NOTE = 'Show images is off: this verification was redacted; its images and personal data are gone for good.';
const FIELDS = ['dob', 'id_number', 'document_number', 'expiration_date'];
const formatDate = ({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function assertCleanPage(demo) {
  assert.deepEqual(demo.consoleErrors, [], 'no console error');
  assert.deepEqual(demo.pageErrors, [], 'no uncaught exception');
  assert.deepEqual(demo.cspViolations, [], 'no Content-Security-Policy violation');
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
    const session = seedSessions.drivingLicenceVerified;
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
    const session = seedSessions.passportVerified;
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
    const session = seedSessions.readyToRedact;
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

      await waitForSummary(page);
      // One true thing: the Redaction line and the note beside the buttons agree, and no
      // other message contradicts them.
      assert.equal(await visibleText(page, '#summary [data-field="redaction"]'), 'redacted');
      assert.equal(await visibleText(page, '#actions-note'), REDACTED_NOTE);
      assert.equal(await visibleText(page, '#page-message'), null);
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
      await pickSession(page, seedSessions.idCardWithSelfie);
      await pickSession(page, session);
      assert.equal(await visibleText(page, '#actions-note'), REDACTED_NOTE);
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });

  it('a redaction Stripe is still processing: the page says "processing" everywhere, then "redacted" everywhere', async () => {
    const session = seedSessions.documentExpired;
    await rig.emulator.admin.config({ redaction_delay_ms: 4000 });
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      await page.click('#redact');
      await page.waitForFunction(() => document.querySelector('#redact-dialog').open);
      await markSummaryStale(page);
      await page.click('#redact-confirm');
      await waitForSummary(page);
      assert.equal(await visibleText(page, '#summary [data-field="redaction"]'), 'processing');
      assert.equal(await visibleText(page, '#actions-note'),
        'Show images is off: Stripe is redacting this verification; its images and personal data are being deleted for good.');
      assert.equal(await visibleText(page, '#page-message'), null);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'summary-title', 'the focus lands on the summary, not on the now disabled Redact…');
      // The page reads the summary again until Stripe is done.
      await page.waitForFunction(() => document.querySelector('#summary [data-field="redaction"]')?.textContent === 'redacted', null, { timeout: 15_000 });
      assert.equal(await visibleText(page, '#actions-note'), REDACTED_NOTE);
      assertCleanPage(demo);
    } finally {
      await rig.emulator.admin.config({ redaction_delay_ms: 0 });
      await demo.close();
    }
  });

  it('the token never reaches a URL: with the page script not loaded, Enter in the token field does nothing', async () => {
    const demo = await rig.openDemo({
      signIn: false,
      // The script never arrives (a slow or failed load).
      beforeGoto: (page) => page.route('**/js/app.js', (route) => route.abort()),
    });
    const { page } = demo;
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    try {
      const start = page.url();
      assert.equal(await page.$eval('#sign-in-button', (button) => button.disabled), true, 'Sign in is off until the script runs');
      assert.equal(await visibleText(page, '#sign-in-loading'), 'Loading the page… If this stays, reload the page.');
      assert.equal(await page.$eval('#token', (input) => input.name), '', 'the field has no name to submit under');
      await page.fill('#token', rig.token);
      await page.press('#token', 'Enter');
      await page.evaluate(() => document.querySelector('#sign-in-form').requestSubmit()); // even a submit does not navigate
      await page.waitForTimeout(300); // a navigation would have started by now
      assert.equal(page.url(), start, 'no navigation');
      assert.deepEqual(requests.filter((url) => url.includes(rig.token) || url.includes('token=')), [], 'no request carries the token');
    } finally {
      await demo.close();
    }
  });

  it('the token never reaches a URL: signing in with Enter stays on the page', async () => {
    const demo = await rig.openDemo({ signIn: false });
    const { page } = demo;
    try {
      const start = page.url();
      await page.waitForFunction(() => !document.querySelector('#sign-in-button').disabled);
      await page.fill('#token', rig.token);
      await page.press('#token', 'Enter');
      await page.waitForSelector('#session-list button[data-session-id]');
      assert.equal(page.url(), start);
      assertCleanPage(demo);
    } finally {
      await demo.close();
    }
  });
});
