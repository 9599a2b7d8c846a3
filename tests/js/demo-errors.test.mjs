// The reviewer demo when something is wrong, end to end (real emulator, real server
// stub, headless Chromium): each case ends in the page's plain-words message, never in a
// broken page, and an action that can only fail is not offered (it is off, with the
// reason beside it). An expired link is fetched again once per attempt. The only console
// errors allowed are Chromium's "Failed to load resource" lines for the answers each test
// provokes on purpose; no test may break a CSP rule.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from '../../scripts/harness/browser.mjs';
import { seedSessions } from '../../server-stub/launch/emulator-builtins.mjs';
import {
  canvasReport, gridDistance, pickSession, showImages, startDemoRig, unexpectedErrors, visibleText,
  waitForPaneImage, waitForText,
} from './support/demo-rig.mjs';

// The page's words (demo/js/messages.js), which these tests hold it to.
const MESSAGES = {
  forbidden: 'That reviewer token is not valid. Check it and try again.',
  imagesOffRedacted: 'Show images is off: this verification was redacted; its images and personal data are gone for good.',
  revealOffRedacted: 'Reveal is off: this verification was redacted; its images and personal data are gone for good.',
  imagesOffWindow: 'Show images is off: this verification was processed more than 48 hours ago, and Stripe shows its images and sensitive results only to an IP-restricted key (ask your administrator).',
  revealOffWindow: 'Reveal is off: this verification was processed more than 48 hours ago, and Stripe shows its images and sensitive results only to an IP-restricted key (ask your administrator).',
  imagesOffNotProcessed: 'Show images is off: this verification has no result yet (the user has not finished it), so there are no images.',
  secret_key_refused: 'The server is set up with a secret key. Stripe only shows these images and fields to a restricted key with the Identity and Files permissions — ask your administrator.',
  stripe_unavailable: 'Stripe (here: the built-in emulator) cannot be reached right now. Try again in a moment.',
  refreshed: 'An image link had expired before it was used, so fresh links were fetched.',
};

function assertOnlyExpectedErrors(demo, expected) {
  assert.deepEqual(unexpectedErrors(demo.consoleLog, expected), [], 'no console error besides the provoked answers');
  assert.deepEqual(demo.pageErrors, [], 'no uncaught exception');
  assert.deepEqual(demo.cspViolations, [], 'no Content-Security-Policy violation');
}

const disabled = (page, selector) => page.$eval(selector, (button) => button.disabled);
const allDisabled = (page, selector) => page.$$eval(selector, (buttons) => buttons.length > 0 && buttons.every((button) => button.disabled));
// The ids of the elements that describe `selector` (aria-describedby).
const describedBy = (page, selector) => page.$eval(selector, (element) => element.getAttribute('aria-describedby'));
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

  it('the redacted sample: Show images, Redact… and Reveal are off, each with the reason beside it', async () => {
    const session = seedSessions.redacted;
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      assert.equal(await visibleText(page, '#summary [data-field="redaction"]'), 'redacted');
      assert.equal(await visibleText(page, '#actions-note'), MESSAGES.imagesOffRedacted);
      assert.equal(await disabled(page, '#show-images'), true, 'Show images is off');
      assert.equal(await disabled(page, '#redact'), true, 'Redact is off');
      assert.equal(await describedBy(page, '#show-images'), 'actions-note');
      assert.equal(await allDisabled(page, '#summary [data-reveal]'), true, 'every Reveal is off');
      assert.equal(await visibleText(page, '#reveal-note'), MESSAGES.revealOffRedacted);
      assert.equal(await describedBy(page, '#summary [data-reveal="dob"]'), 'reveal-note');
      assert.equal(await visibleText(page, '#summary [data-field="window"]'), 'Deleted (redacted)');
      assert.equal(await visibleText(page, '#page-error'), null, 'nothing went wrong: nothing was tried');
      assert.equal((await auditLines({ action: 'image_links', session })).length, 0, 'no image links were asked for');
      assertOnlyExpectedErrors(demo, []);
    } finally {
      await demo.close();
    }
  });

  it('the sample processed 72 h ago: the summary says so, Show images and Reveal are off with the 48-hour reason', async () => {
    const session = seedSessions.processedLongAgo;
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      assert.equal(await visibleText(page, '#page-error'), null, 'the summary itself is fine');
      assert.equal(await visibleText(page, '#summary [data-field="status"]'), 'verified');
      assert.match(await visibleText(page, '#summary [data-field="processed"]'), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC \(3 d ago\)$/);
      assert.equal(await visibleText(page, '#summary [data-field="window"]'), '48-hour window ended 1 d ago: only an IP-restricted key can read them');
      assert.equal(await disabled(page, '#show-images'), true, 'Show images is off');
      assert.equal(await visibleText(page, '#actions-note'), MESSAGES.imagesOffWindow);
      assert.equal(await allDisabled(page, '#summary [data-reveal]'), true, 'every Reveal is off');
      assert.equal(await visibleText(page, '#reveal-note'), MESSAGES.revealOffWindow);
      assert.equal(await disabled(page, '#redact'), false, 'it can still be redacted');
      assert.deepEqual(await auditLines({ action: 'image_links', session }), [], 'nothing was tried that had to fail');
      assertOnlyExpectedErrors(demo, []);
    } finally {
      await demo.close();
    }
  });

  it('with an IP-restricted key (--key-ip-restricted) the same sample shows its images and sensitive fields', async () => {
    const session = seedSessions.processedLongAgo;
    const ipRig = await startDemoRig({ key: rig.emulator.keys.ipRestricted, browser, emulator: rig.emulator, stubArgs: ['--key-ip-restricted'] });
    try {
      const demo = await ipRig.openDemo();
      const { page } = demo;
      await pickSession(page, session);
      assert.equal(await visibleText(page, '#summary [data-field="window"]'), 'No 48-hour limit: the server\'s key is IP-restricted');
      assert.equal(await visibleText(page, '#actions-note'), '', 'nothing is off');
      assert.equal(await disabled(page, '#show-images'), false);
      await showImages(page);
      assert.ok((await canvasReport(page, 'document')).box, 'the passport is drawn');
      await page.click('#summary [data-reveal="dob"]');
      await page.waitForFunction(() => document.querySelector('#summary [data-field="dob"]').textContent !== '••••••');
      assert.match(await visibleText(page, '#summary [data-field="dob"]'), /^\d{4}-\d\d-\d\d$/);
      assertOnlyExpectedErrors(demo, []);
    } finally {
      await ipRig.close();
    }
  });

  it('a sample that was never finished: Show images is off, and says there is no result yet', async () => {
    const session = seedSessions.awaitingInput;
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      assert.equal(await visibleText(page, '#summary [data-field="processed"]'), 'Not yet');
      assert.equal(await disabled(page, '#show-images'), true);
      assert.equal(await visibleText(page, '#actions-note'), MESSAGES.imagesOffNotProcessed);
      assert.equal(await allDisabled(page, '#summary [data-reveal]'), false, 'Reveal stays on (it answers "not available")');
      assert.deepEqual(await auditLines({ action: 'image_links', session }), []);
      assertOnlyExpectedErrors(demo, []);
    } finally {
      await demo.close();
    }
  });

  it('a successful Reveal clears an earlier error message', async () => {
    const session = seedSessions.passportVerified;
    const demo = await rig.openDemo();
    const { page } = demo;
    try {
      await pickSession(page, session);
      await rig.emulator.admin.config({ fault_rate: 1, faults: '500' });
      try {
        await page.click('#show-images');
        assert.match(await waitForText(page, '#page-error', /./), /./);
      } finally {
        await rig.emulator.admin.config({ fault_rate: 0 });
      }
      await page.click('#summary [data-reveal="dob"]');
      await page.waitForFunction(() => document.querySelector('#summary [data-field="dob"]').textContent !== '••••••');
      assert.equal(await visibleText(page, '#page-error'), null, 'the error is gone once something worked');
      assertOnlyExpectedErrors(demo, [sessionPath(session, '/image-links')]);
    } finally {
      await demo.close();
    }
  });

  it('a server configured with a secret key shows the secret-key message', async () => {
    const secretRig = await startDemoRig({ key: rig.emulator.keys.secret, browser, emulator: rig.emulator });
    const session = seedSessions.passportVerified;
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
    const session = seedSessions.idCardWithSelfie;
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

  it('links that expire twice: each expiry fetches fresh links, once per attempt (not once per Show images)', async () => {
    const session = seedSessions.idCardWithSelfie;
    // The page's clock is the test's to move: it starts at Stripe's (the emulator's, which
    // earlier tests moved on), and "wait 40 s" moves both, past the links' 30 s and the
    // viewer's 5 s of clock skew. So the page itself sees the links expire, as in real life.
    const { now: stripeNow } = await rig.emulator.admin.clock();
    const demo = await rig.openDemo({ beforeGoto: (page) => page.clock.install({ time: stripeNow * 1000 }) });
    const { page } = demo;
    const wait40s = async () => {
      await rig.emulator.admin.advanceClock(40);
      await page.clock.fastForward(40_000);
      await waitForText(page, '#link-countdown', /have expired/);
    };
    const linkRequests = async () => (await auditLines({ action: 'image_links', session })).map((line) => line.outcome);
    try {
      await pickSession(page, session);
      const before = (await linkRequests()).length;
      await showImages(page);
      const front = await canvasReport(page, 'document');
      const face = await canvasReport(page, 'selfie');

      // 1. After the links expired, "Back" fetches fresh links and draws the back.
      await wait40s();
      assert.match(await visibleText(page, '#link-countdown'), /Switching images fetches fresh links/);
      await page.click('#tab-document_back');
      assert.equal(await waitForText(page, '#page-message', /expired/), MESSAGES.refreshed);
      await waitForPaneImage(page, 'document');
      const back = await canvasReport(page, 'document');
      assert.ok(gridDistance(back.grid, front.grid) > 8, 'the back is drawn');
      assert.deepEqual((await linkRequests()).slice(before), ['ok', 'ok'], 'one refresh');

      // 2. Those expire too: the selfie's "ID photo" again fetches fresh links, and draws.
      await wait40s();
      await page.click('#tab-selfie_document');
      await page.waitForFunction(() => document.querySelector('#tab-selfie_document').getAttribute('aria-selected') === 'true');
      await waitForPaneImage(page, 'selfie');
      const idPhoto = await canvasReport(page, 'selfie');
      assert.ok(gridDistance(idPhoto.grid, face.grid) > 8, 'the ID photo is drawn, not the face');
      assert.deepEqual((await linkRequests()).slice(before), ['ok', 'ok', 'ok'], 'a second refresh, for the second expiry');

      // 3. "Front" with links still fresh needs no request.
      await page.click('#tab-document_front');
      await page.waitForFunction(() => document.querySelector('#tab-document_front').getAttribute('aria-selected') === 'true');
      await waitForPaneImage(page, 'document');
      assert.ok(gridDistance((await canvasReport(page, 'document')).grid, front.grid) < 8, 'the front is back');
      assert.equal((await linkRequests()).length - before, 3);
      assert.equal(await visibleText(page, '#page-error'), null, 'never "a fresh one expired too"');
      assert.match(await visibleText(page, '#link-countdown'), /^Image links expire in \d+ s$/, 'the countdown follows the fresh links');
      assertOnlyExpectedErrors(demo, []);
    } finally {
      await demo.close();
    }
  });

  // Last: it stops this file's emulator.
  it('the emulator being down shows the unreachable message', async () => {
    const session = seedSessions.drivingLicenceVerified;
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
