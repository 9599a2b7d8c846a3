// Expired links: a link the core refuses as expired, or a 403/404/410 from the files
// host, emits 'expired' and asks refreshBundle() once for a fresh bundle; a second
// expiry in the same show ends with 'link_expired'. Never a loop.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { encodePattern } from '../../scripts/harness/image-generators.mjs';
import { startViewerRig } from './support/viewer-rig.mjs';

const LONG_AGO = () => Math.floor(Date.now() / 1000) - 300;

describe('viewer expired links', () => {
  let rig;

  before(async () => {
    rig = await startViewerRig();
    const { page, close } = await rig.openViewerPage();
    const jpeg = await encodePattern(page, { type: 'image/jpeg' });
    const png = await encodePattern(page, { type: 'image/png' });
    await close();
    rig.files.serve('/links/fresh-front', { body: jpeg, type: 'image/jpeg' });
    rig.files.serve('/links/fresh-back', { body: png, type: 'image/png' });
    for (const status of [403, 404, 410]) {
      rig.files.serve(`/links/answers-${status}`, { status, body: 'expired link', type: 'text/plain' });
    }
  });
  after(() => rig?.close());

  const link = (path) => `${rig.files.origin}${path}`;

  async function showWithRefresh(first, refreshBundles) {
    const handle = await rig.openViewerPage();
    await handle.page.evaluate(([o, extras]) => harness.create(o, extras), [{ allowedHosts: [rig.files.host] }, { refreshBundles }]);
    const shown = await handle.page.evaluate((b) => harness.show(b), first);
    const events = await handle.page.evaluate(() => harness.events.map((event) => event.type).filter((type) => type !== 'progress'));
    const refreshCalls = await handle.page.evaluate(() => harness.refreshCalls());
    return { ...handle, shown, events, refreshCalls };
  }

  it('expires_at in the past: one refreshBundle call, then the fresh link is shown', async () => {
    const expired = makeBundle([{ role: 'document_front', url: link('/links/fresh-front'), expiresAt: LONG_AGO() }]);
    const fresh = makeBundle([{ role: 'document_front', url: link('/links/fresh-front') }]);
    const before = rig.files.requestsFor('/links/fresh-front').length;
    const { shown, events, refreshCalls, close } = await showWithRefresh(expired, [fresh]);
    try {
      assert.ok(shown.ok, `${shown.code} ${shown.message}`);
      assert.equal(refreshCalls, 1);
      assert.deepEqual(events, ['expired', 'loaded']);
      assert.equal(rig.files.requestsFor('/links/fresh-front').length - before, 1, 'the expired link was never fetched');
    } finally {
      await close();
    }
  });

  for (const status of [403, 404, 410]) {
    it(`HTTP ${status} from the files host: one refreshBundle call, then the fresh link is shown`, async () => {
      const path = `/links/answers-${status}`;
      const stale = makeBundle([{ role: 'document_front', url: link(path) }]);
      const fresh = makeBundle([{ role: 'document_front', url: link('/links/fresh-front') }]);
      const { shown, events, refreshCalls, close } = await showWithRefresh(stale, [fresh]);
      try {
        assert.ok(shown.ok, `${shown.code} ${shown.message}`);
        assert.equal(refreshCalls, 1);
        assert.deepEqual(events, ['expired', 'loaded']);
      } finally {
        await close();
      }
    });
  }

  it('a second expiry fails with link_expired after exactly one refresh (410, then an expired bundle)', async () => {
    const stale = makeBundle([{ role: 'document_front', url: link('/links/answers-410') }]);
    const alsoStale = makeBundle([{ role: 'document_front', url: link('/links/fresh-front'), expiresAt: LONG_AGO() }]);
    const neverUsed = makeBundle([{ role: 'document_front', url: link('/links/fresh-front') }]);
    const { page, shown, events, refreshCalls, close } = await showWithRefresh(stale, [alsoStale, neverUsed]);
    try {
      assert.equal(shown.code, 'link_expired');
      assert.equal(refreshCalls, 1);
      assert.deepEqual(events, ['expired', 'expired', 'error']);
      assert.equal(await page.evaluate(() => harness.viewer.state), 'failed');
    } finally {
      await close();
    }
  });

  it('a files host answering 410 to every link is asked twice in all, never more', async () => {
    const path = '/links/answers-410';
    const before = rig.files.requestsFor(path).length;
    const stale = makeBundle([{ role: 'document_front', url: link(path) }]);
    const { shown, refreshCalls, close } = await showWithRefresh(stale, [stale, stale, stale]);
    try {
      assert.equal(shown.code, 'link_expired');
      assert.equal(refreshCalls, 1);
      assert.equal(rig.files.requestsFor(path).length - before, 2);
    } finally {
      await close();
    }
  });

  it('each new show() grants its own single refresh', async () => {
    const expired = makeBundle([{ role: 'document_front', url: link('/links/fresh-front'), expiresAt: LONG_AGO() }]);
    const fresh = makeBundle([{ role: 'document_front', url: link('/links/fresh-front') }]);
    const { page, shown, close } = await showWithRefresh(expired, [fresh, fresh]);
    try {
      assert.ok(shown.ok);
      const again = await page.evaluate((b) => harness.show(b), expired);
      assert.ok(again.ok, `${again.code} ${again.message}`);
      assert.equal(await page.evaluate(() => harness.refreshCalls()), 2);
    } finally {
      await close();
    }
  });

  it('select() fetches another role only when asked, from the bundle already shown', async () => {
    const bundle = makeBundle([
      { role: 'document_front', url: link('/links/fresh-front') },
      { role: 'document_back', url: link('/links/fresh-back') },
    ]);
    const backBefore = rig.files.requestsFor('/links/fresh-back').length;
    const { page, shown, close } = await showWithRefresh(bundle, []);
    try {
      assert.equal(shown.value.role, 'document_front');
      assert.deepEqual(await page.evaluate(() => harness.viewer.roles), ['document_front', 'document_back']);
      assert.equal(rig.files.requestsFor('/links/fresh-back').length, backBefore, 'not prefetched');
      const selected = await page.evaluate(() => harness.select('document_back'));
      assert.deepEqual(selected.value, { role: 'document_back', width: 400, height: 300, format: 'png', path: 'bytes' });
      assert.equal(await page.evaluate(() => harness.viewer.role), 'document_back');
      assert.equal(rig.files.requestsFor('/links/fresh-back').length, backBefore + 1);
      const unknown = await page.evaluate(() => harness.select('selfie_face'));
      assert.equal(unknown.code, 'unknown_role');
    } finally {
      await close();
    }
  });

  it('select() after clear() asks refreshBundle for a fresh bundle (the cleared viewer keeps no links)', async () => {
    const bundle = makeBundle([
      { role: 'document_front', url: link('/links/fresh-front') },
      { role: 'document_back', url: link('/links/fresh-back') },
    ]);
    const { page, close } = await showWithRefresh(bundle, [bundle]);
    try {
      await page.evaluate(() => harness.viewer.clear());
      assert.deepEqual(await page.evaluate(() => harness.viewer.roles), []);
      const selected = await page.evaluate(() => harness.select('document_back'));
      assert.ok(selected.ok, `${selected.code} ${selected.message}`);
      assert.equal(await page.evaluate(() => harness.refreshCalls()), 1);
    } finally {
      await close();
    }
  });
});
