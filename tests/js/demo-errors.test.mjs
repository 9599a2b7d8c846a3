// The reviewer demo when something is wrong, end to end (real emulator, real server
// stub, headless Chromium): each case ends in the page's plain-words message, never in a
// broken page. An expired link is fetched again exactly once. The only console errors
// allowed are Chromium's "Failed to load resource" lines for the answers each test
// provokes on purpose; no test may break a CSP rule.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import {
  canvasReport, gridDistance, pickSession, showImages, startDemoRig, unexpectedErrors, visibleText,
  waitForPaneImage, waitForText,
} from './support/demo-rig.mjs';

// The page's words (demo/js/messages.js), which these tests hold it to.
const MESSAGES = {
  forbidden: 'That reviewer token is not valid. Check it and try again.',
  session_redacted: 'This verification was redacted: its images and personal data are gone for good.',
  sensitive_window_expired: 'This verification was processed more than 48 hours ago. Its images and sensitive results can only be read with an IP-restricted key — ask your administrator.',
  report_not_ready: 'This verification has no result yet: the user has not finished it, so there are no images to show.',
  secret_key_refused: 'The server is set up with a secret key. Stripe only shows these images and fields to a restricted key with the Identity and Files permissions — ask your administrator.',
  stripe_unavailable: 'Stripe (here: the built-in emulator) cannot be reached right now. Try again in a moment.',
  refreshed: 'An image link expired before it was used, so fresh links were fetched once.',
};

function assertOnlyExpectedErrors(demo, expected) {
  assert.deepEqual(unexpectedErrors(demo.consoleLog, expected), [], 'no console error besides the provoked answers');
  assert.deepEqual(demo.pageErrors, [], 'no uncaught exception');
  assert.deepEqual(demo.cspViolations, [], 'no Content-Security-Policy violation');
}

const disabled = (page, selector) => page.$eval(selector, (button) => button.disabled);
const sessionPath = (id, suffix = '') => new RegExp(`^/api/verification-sessions/${id}${suffix}$`);

describe('demo: what goes wrong, in plain words', () => {
  let browser;
  let rig;

  before(async () => {
    browser = await launchBrowser();
    rig = await startDemoRig({ browser });
  });
  after(async () => {
    await rig?.close();
    await browser?.close();
  });

  async function auditLines(filter) {
    return (await rig.audit()).filter((line) => Object.entries(filter).every(([key, value]) => line[key] === value));
  }

  it('a wrong reviewer token is refused with its message, and the workspace stays closed', async () => {
    const demo = await rig.openDemo({ signIn: false });
    const { page } = demo;
    try {
      await page.fill('#token', `${rig.token}x`);
      await page.click('#sign-in-form button[type=submit]');
      assert.equal(await waitForText(page, '#sign-in-error', /./), MESSAGES.forbidden);
      assert.equal(await page.$eval('#workspace', (workspace) => workspace.hidden), true);
      assert.equal(await page.$eval('#token', (input) => input.value), '', 'the token field is emptied');
      assertOnlyExpectedErrors(demo, [/^\/api\/me$/]);
      assert.equal(demo.consoleLog.length, 1, 'one refused request');
    } finally {
      await demo.close();
    }
  });

  it('the redacted sample says it was redacted; no images, no redaction, no reveal', async () => {
    const session = 'vs_1EmuRedacted';
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      assert.equal(await waitForText(page, '#page-message', /redacted/), MESSAGES.session_redacted);
      assert.equal(await visibleText(page, '#summary [data-field="redaction"]'), 'redacted');
      assert.equal(await disabled(page, '#show-images'), true, 'Show images is off');
      assert.equal(await disabled(page, '#redact'), true, 'Redact is off');

      await page.click('#summary [data-reveal="dob"]');
      assert.equal(await waitForText(page, '#page-error', /./), MESSAGES.session_redacted);
      assert.equal(await visibleText(page, '#summary [data-field="dob"]'), '••••••');
      assert.equal((await auditLines({ action: 'summary', session, outcome: 'session_redacted' })).length, 1);
      assert.equal((await auditLines({ action: 'image_links', session })).length, 0, 'no image links were asked for');
      assertOnlyExpectedErrors(demo, [sessionPath(session)]);
    } finally {
      await demo.close();
    }
  });

  it('the sample processed 72 h ago: images and sensitive fields are refused with the 48-hour message', async () => {
    const session = 'vs_1EmuProcessedLongAgo';
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      assert.equal(await visibleText(page, '#page-error'), null, 'the summary itself is fine');
      assert.equal(await visibleText(page, '#summary [data-field="status"]'), 'verified');

      await page.click('#show-images');
      assert.equal(await waitForText(page, '#page-error', /48 hours/), MESSAGES.sensitive_window_expired);
      assert.equal(await page.$eval('#viewer', (viewer) => viewer.hidden), true, 'no viewer');
      assert.equal((await canvasReport(page, 'document')).width, 0, 'nothing drawn');
      assert.deepEqual((await auditLines({ action: 'image_links', session })).map((line) => line.outcome), ['sensitive_window_expired']);

      await pickSession(page, session); // starts clean
      assert.equal(await visibleText(page, '#page-error'), null);
      await page.click('#summary [data-reveal="dob"]');
      assert.equal(await waitForText(page, '#page-error', /48 hours/), MESSAGES.sensitive_window_expired);
      assert.equal(await visibleText(page, '#summary [data-field="dob"]'), '••••••', 'the value stays hidden');
      const reveal = await auditLines({ action: 'summary', session, outcome: 'sensitive_window_expired' });
      assert.deepEqual(reveal.map((line) => line.shown.sensitive_fields), [['dob']]);
      assertOnlyExpectedErrors(demo, [sessionPath(session, '/image-links'), sessionPath(session)]);
    } finally {
      await demo.close();
    }
  });

  it('a sample that was never finished has no images yet, and says so', async () => {
    const session = 'vs_1EmuAwaitingInput';
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      await page.click('#show-images');
      assert.equal(await waitForText(page, '#page-error', /./), MESSAGES.report_not_ready);
      assert.equal(await page.$eval('#viewer', (viewer) => viewer.hidden), true);
      assertOnlyExpectedErrors(demo, [sessionPath(session, '/image-links')]);
    } finally {
      await demo.close();
    }
  });

  it('a server configured with a secret key shows the secret-key message', async () => {
    const secretRig = await startDemoRig({ key: rig.emulator.keys.secret, browser, emulator: rig.emulator });
    const session = 'vs_1EmuPassportVerified';
    try {
      const demo = await secretRig.openDemo();
      const { page } = demo;
      await pickSession(page, session);
      await page.click('#show-images');
      assert.equal(await waitForText(page, '#page-error', /secret key/), MESSAGES.secret_key_refused);
      assert.equal(await page.$eval('#viewer', (viewer) => viewer.hidden), true);
      await pickSession(page, session); // starts clean
      assert.equal(await visibleText(page, '#page-error'), null);
      await page.click('#summary [data-reveal="document_number"]');
      assert.equal(await waitForText(page, '#page-error', /secret key/), MESSAGES.secret_key_refused);
      assert.equal(await visibleText(page, '#summary [data-field="document_number"]'), '••••••');
      const refused = (await secretRig.audit()).filter((line) => line.session === session && line.outcome === 'secret_key_refused');
      assert.deepEqual(refused.map((line) => line.action), ['image_links', 'summary']);
      assertOnlyExpectedErrors(demo, [sessionPath(session, '/image-links'), sessionPath(session)]);
    } finally {
      await secretRig.close();
    }
  });

  it('a link that expired before use is refreshed exactly once, and the page says so', async () => {
    const session = 'vs_1EmuIdCardWithSelfie';
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      await showImages(page);
      const front = await canvasReport(page, 'document');
      assert.equal((await auditLines({ action: 'image_links', session })).length, 1);

      // The links live 30 s; the stub sets expires_at by its own clock, the files host
      // checks it by the emulator's. Once the page's countdown is down to 25 s (at least
      // 4.5 s gone), moving the emulator's clock 26 s on expires these links at the files
      // host, while links the stub issues from now on still live 3–4 s there.
      await page.waitForFunction(() => {
        const match = /expire in (\d+) s/.exec(document.querySelector('#link-countdown').textContent);
        return match && Number(match[1]) <= 25;
      });
      await rig.emulator.admin.advanceClock(26);

      // "Back" uses the bundle already held: its link answers 410, the viewer asks the page
      // for fresh links once, and draws the back.
      await page.click('#pane-document .role-tabs button[data-role="document_back"]');
      assert.equal(await waitForText(page, '#page-message', /expired/), MESSAGES.refreshed);
      await waitForPaneImage(page, 'document');
      const back = await canvasReport(page, 'document');
      assert.ok(back.box && back.lumaSpread > 15, 'the back is drawn');
      assert.ok(gridDistance(back.grid, front.grid) > 8, 'it is the back, not the front again');
      assert.equal(await visibleText(page, '#page-error'), null, 'no error');

      const lines = await auditLines({ action: 'image_links', session });
      assert.deepEqual(lines.map((line) => line.outcome), ['ok', 'ok'], 'exactly one extra image-links request');
      assert.match(await visibleText(page, '#link-countdown'), /^Image links expire in \d+ s$/, 'the countdown follows the fresh links');
      // The one expired link, and nothing else.
      assertOnlyExpectedErrors(demo, [/^\/links\//]);
      assert.equal(demo.consoleLog.length, 1, 'one refused file download');
    } finally {
      await demo.close();
    }
  });

  // Last: it stops this file's emulator.
  it('the emulator being down shows the unreachable message', async () => {
    const session = 'vs_1EmuDrivingLicenceVerified';
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      assert.equal(await disabled(page, '#show-images'), false);
      await rig.emulator.stop();

      await page.click('#show-images');
      assert.equal(await waitForText(page, '#page-error', /cannot be reached/), MESSAGES.stripe_unavailable);
      assert.equal(await page.$eval('#page-error', (element) => element.dataset.code), 'stripe_unavailable');
      assert.equal(await page.$eval('#viewer', (viewer) => viewer.hidden), true);
      assert.deepEqual((await auditLines({ action: 'image_links', session })).map((line) => line.outcome), ['stripe_unavailable']);
      assertOnlyExpectedErrors(demo, [sessionPath(session, '/image-links')]);
    } finally {
      await demo.close();
    }
  });
});
