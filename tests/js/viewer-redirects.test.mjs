// Redirects: an allowed files host that answers 302 to a host not on the allow-list
// must not get its image drawn, whether the other host sends CORS headers (the fetch
// follows, and the final URL is checked before a byte is read) or not (the <img>
// fallback would follow blindly, so a redirect is refused before any <img> exists),
// and whether the page's Content-Security-Policy happens to be loose or strict. The
// error is host_not_allowed, says "redirect" and names the host, never "CORS".
// Redirects that stay on allowed hosts still work on the bytes path. A host that sends
// no CORS headers at all can redirect an <img> unseen; there the page's CSP is the guard.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage } from '../../scripts/harness/browser.mjs';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { encodePattern } from '../../scripts/harness/image-generators.mjs';
import { startLoopbackServer } from '../../scripts/harness/loopback-server.mjs';
import { startPageServer, strictCsp } from '../../scripts/harness/page-server.mjs';
import { assertColorsNear, expectedSamples } from './support/expected-view.mjs';
import { trackImageResources } from './support/resource-tracker.mjs';

const CANVAS = { width: 500, height: 400 };
const TOKEN = 'fl_redirect_tok_Zx81';
// What a careless site might send: any host for fetch and images.
const LOOSE_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src *; img-src * blob:; style-src 'self'";

/** A loopback host whose routes answer with a redirect or an image, and which logs requests. */
async function startHost(routes) {
  const requests = [];
  const server = await startLoopbackServer((request, response) => {
    const path = new URL(request.url, 'http://host.invalid').pathname;
    requests.push({ method: request.method, path });
    const route = routes(path);
    if (!route) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such file');
      return;
    }
    const headers = { 'Cache-Control': 'no-store' };
    if (route.cors) headers['Access-Control-Allow-Origin'] = '*';
    if (route.location) {
      response.writeHead(302, { ...headers, Location: route.location }).end();
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': 'image/png', 'Content-Length': String(route.body.length) });
    response.end(request.method === 'HEAD' ? undefined : route.body);
  });
  const host = `localhost:${server.port}`;
  return { host, origin: `http://${host}`, requests, close: server.close };
}

describe('viewer and redirects', () => {
  let browser;
  let png;
  let allowed; // the files host in the bundle, on the allow-list
  let foreign; // where it redirects to
  let strictPages;
  let loosePages;

  before(async () => {
    browser = await launchBrowser();
    const routesOfForeign = (path) => {
      if (path.startsWith('/cors/')) return { body: png, cors: true };
      if (path.startsWith('/plain/')) return { body: png, cors: false };
      return null;
    };
    foreign = await startHost(routesOfForeign);
    allowed = await startHost((path) => {
      if (path === `/links/${TOKEN}/direct`) return { body: png, cors: true };
      if (path === `/links/${TOKEN}/to-itself`) return { location: `/links/${TOKEN}/direct`, cors: true };
      if (path === `/links/${TOKEN}/to-foreign-cors`) return { location: `${foreign.origin}/cors/${TOKEN}`, cors: true };
      if (path === `/links/${TOKEN}/to-foreign-plain`) return { location: `${foreign.origin}/plain/${TOKEN}`, cors: true };
      if (path === `/links/${TOKEN}/plain-to-foreign`) return { location: `${foreign.origin}/plain/${TOKEN}`, cors: false };
      return null;
    });
    strictPages = await startPageServer({ filesOrigin: allowed.origin, csp: strictCsp(allowed.origin) });
    loosePages = await startPageServer({ filesOrigin: allowed.origin, csp: LOOSE_CSP });
    const { page, close } = await openPage(browser, { url: strictPages.pageUrl });
    png = await encodePattern(page, { type: 'image/png' });
    await close();
  });
  after(async () => {
    await browser?.close();
    await strictPages?.close();
    await loosePages?.close();
    await allowed?.close();
    await foreign?.close();
  });

  async function show(pages, linkPath, { allowedHosts = [allowed.host] } = {}) {
    const handle = await openPage(browser, { url: pages.pageUrl, initScripts: [trackImageResources] });
    await handle.page.waitForSelector('html[data-harness="ready"]', { state: 'attached' });
    await handle.page.evaluate((o) => harness.create(o), { allowedHosts });
    const bundle = makeBundle([{ role: 'document_front', url: `${allowed.origin}/links/${TOKEN}/${linkPath}` }]);
    const shown = await handle.page.evaluate((b) => harness.show(b), bundle);
    const resources = await handle.page.evaluate(() => imageResources());
    return { ...handle, shown, resources };
  }

  async function assertRefusedAsRedirect({ page, shown, resources }) {
    assert.equal(shown.ok, false, 'the redirected image was shown');
    assert.equal(shown.code, 'host_not_allowed', `${shown.code}: ${shown.message}`);
    assert.match(shown.message, /redirect/i);
    assert.doesNotMatch(shown.message, /CORS/);
    assert.ok(!shown.message.includes(TOKEN), `the message quotes the link: ${shown.message}`);
    assert.equal(resources.bitmapsCreated, 0, 'nothing was decoded');
    assert.equal(resources.framesDecoded, 0, 'nothing was decoded');
    assert.equal(resources.imagesCreated, 0, 'no <img> was pointed at the redirect');
    assert.deepEqual(await page.evaluate(() => harness.canvasState()), { width: 0, height: 0, cssWidth: 500, cssHeight: 400 });
  }

  it('loose CSP, redirect to a foreign host with CORS: refused before a byte is read, naming that host', async () => {
    const handle = await show(loosePages, 'to-foreign-cors');
    try {
      await assertRefusedAsRedirect(handle);
      assert.ok(handle.shown.message.includes(foreign.host), `the message names ${foreign.host}: ${handle.shown.message}`);
    } finally {
      await handle.close();
    }
  });

  it('loose CSP, redirect to a foreign host without CORS: refused before any <img> follows it', async () => {
    const before = foreign.requests.length;
    const handle = await show(loosePages, 'to-foreign-plain');
    try {
      await assertRefusedAsRedirect(handle);
      const reached = foreign.requests.slice(before).map((request) => request.method);
      assert.ok(reached.length <= 1, `only the CORS fetch may have reached the foreign host: ${reached}`);
    } finally {
      await handle.close();
    }
  });

  it('strict CSP, redirect to a foreign host: the refusal says redirect, not CORS or network', async () => {
    const handle = await show(strictPages, 'to-foreign-plain');
    try {
      await assertRefusedAsRedirect(handle);
    } finally {
      await handle.close();
    }
  });

  // A host that sends no CORS headers at all may redirect unseen: browsers follow every
  // redirect of a no-cors request or an <img>. The page's CSP (connect-src and img-src
  // limited to the files hosts, as the README recommends) is the guard there.
  it('a files host without any CORS headers redirecting elsewhere: a strict CSP keeps it off the page', async () => {
    const handle = await show(strictPages, 'plain-to-foreign');
    try {
      assert.equal(handle.shown.ok, false, 'the redirected image was shown');
      assert.ok(handle.cspViolations.length > 0, 'the CSP refused the redirect target');
      assert.equal(handle.resources.bitmapsCreated, 0);
      assert.deepEqual(await handle.page.evaluate(() => harness.canvasState()), { width: 0, height: 0, cssWidth: 500, cssHeight: 400 });
    } finally {
      await handle.close();
    }
  });

  for (const [label, linkPath, allowedHosts] of [
    ['a redirect within the allowed host', 'to-itself', undefined],
    ['a redirect to a second allowed host', 'to-foreign-cors', 'both'],
  ]) {
    it(`${label} is followed and drawn (control)`, async () => {
      const hosts = allowedHosts === 'both' ? [allowed.host, foreign.host] : [allowed.host];
      const { page, shown, close } = await show(loosePages, linkPath, { allowedHosts: hosts });
      try {
        assert.ok(shown.ok, `${shown.code}: ${shown.message}`);
        assert.equal(shown.value.path, 'bytes');
        const samples = expectedSamples({ canvas: CANVAS });
        assertColorsNear(await page.evaluate((points) => harness.readPixels(points), samples.map((s) => s.at)), samples, 3, label);
      } finally {
        await close();
      }
    });
  }
});
