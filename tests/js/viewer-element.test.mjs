// <identity-image-viewer>: the custom element shows an image on its own canvas, passes
// the viewer's events on as DOM events, styles itself without inline styles (strict
// CSP), and wipes the image when removed from the document.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { encodePattern } from '../../scripts/harness/image-generators.mjs';
import { assertColorsNear, expectedSamples } from './support/expected-view.mjs';
import { startViewerRig } from './support/viewer-rig.mjs';

describe('<identity-image-viewer>', () => {
  let rig;
  let url;

  before(async () => {
    rig = await startViewerRig();
    const { page, close } = await rig.openViewerPage();
    url = rig.files.serve('/links/pattern', { body: await encodePattern(page, { type: 'image/png' }), type: 'image/png' });
    await close();
  });
  after(() => rig?.close());

  it('shows an image, dispatches the events, and wipes when removed', async () => {
    const { page, cspViolations, pageErrors, close } = await rig.openViewerPage();
    try {
      const bundle = makeBundle([{ role: 'document_front', url }]);
      const shown = await page.evaluate(async ({ bundle, allowedHosts }) => {
        await import('/web/src/element.js');
        const element = document.createElement('identity-image-viewer');
        element.options = { allowedHosts };
        window.domEvents = [];
        for (const type of ['progress', 'loaded', 'cleared', 'error']) {
          element.addEventListener(type, (event) => window.domEvents.push({ type, detail: { ...event.detail } }));
        }
        document.body.append(element);
        window.viewerElement = element;
        return element.show(bundle);
      }, { bundle, allowedHosts: [rig.files.host] });
      assert.deepEqual(shown, { role: 'document_front', width: 400, height: 300, format: 'png', path: 'bytes' });

      const canvasSize = await page.evaluate(() => {
        const canvas = viewerElement.shadowRoot.querySelector('canvas');
        return { width: canvas.width, height: canvas.height };
      });
      assert.deepEqual(canvasSize, { width: 500, height: 400 }, 'the canvas fills the element (500×400 in the page CSS)');
      const samples = expectedSamples({ canvas: { width: 500, height: 400 } });
      const pixels = await page.evaluate((points) => {
        const context = viewerElement.shadowRoot.querySelector('canvas').getContext('2d');
        return points.map(([x, y]) => [...context.getImageData(Math.floor(x), Math.floor(y), 1, 1).data]);
      }, samples.map((sample) => sample.at));
      assertColorsNear(pixels, samples, 3, 'custom element');

      await page.evaluate(() => viewerElement.remove());
      const afterRemoval = await page.evaluate(() => {
        const canvas = viewerElement.shadowRoot.querySelector('canvas');
        return { width: canvas.width, height: canvas.height, events: domEvents.map((event) => event.type) };
      });
      assert.deepEqual([afterRemoval.width, afterRemoval.height], [0, 0]);
      assert.ok(afterRemoval.events.includes('progress'));
      assert.deepEqual(afterRemoval.events.filter((type) => type !== 'progress'), ['loaded', 'cleared']);
      assert.deepEqual(await page.evaluate(() => domEvents.at(-1).detail), { reason: 'destroyed' });
      assert.deepEqual(cspViolations, []);
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  });
  it('out of the document: ready, show and select reject as a destroyed viewer does, clear resolves', async () => {
    const { page, pageErrors, close } = await rig.openViewerPage();
    try {
      const outcome = await page.evaluate(async ({ bundle, allowedHosts }) => {
        const { ViewerError } = await import('/web/src/index.js');
        await import('/web/src/element.js');
        const settle = (promise) => promise.then(() => ({ ok: true }),
          (error) => ({ ok: false, viewerError: error instanceof ViewerError, code: error.code }));
        const element = document.createElement('identity-image-viewer');
        element.options = { allowedHosts };
        const never = {
          ready: await settle(element.ready),
          show: await settle(element.show(bundle)),
          select: await settle(element.select('document_front')),
          clear: await settle(element.clear()),
        };
        document.body.append(element);
        await element.show(bundle);
        element.remove();
        const removed = {
          ready: await settle(element.ready),
          show: await settle(element.show(bundle)),
          clear: await settle(element.clear()),
        };
        return { never, removed };
      }, { bundle: makeBundle([{ role: 'document_front', url }]), allowedHosts: [rig.files.host] });
      const refused = { ok: false, viewerError: true, code: 'aborted' };
      assert.deepEqual(outcome.never, { ready: refused, show: refused, select: refused, clear: { ok: true } });
      assert.deepEqual(outcome.removed, { ready: refused, show: refused, clear: { ok: true } });
      assert.deepEqual(pageErrors, []);
    } finally {
      await close();
    }
  });

  it('viewer.on() refuses an event name it does not send with a TypeError', async () => {
    const { page, close } = await rig.openViewerPage();
    try {
      const outcome = await page.evaluate(async () => {
        await import('/web/src/element.js');
        const element = document.createElement('identity-image-viewer');
        document.body.append(element);
        const viewer = await element.ready;
        const attempt = (type) => {
          try {
            viewer.on(type, () => {});
            return 'accepted';
          } catch (error) {
            return `${error.name}: ${error.message}`;
          }
        };
        return { known: ['progress', 'loaded', 'expired', 'cleared', 'error', 'zoom'].map(attempt), unknown: ['nope', 'load', 'Loaded'].map(attempt) };
      });
      assert.deepEqual(outcome.known, Array(6).fill('accepted'));
      for (const result of outcome.unknown) assert.match(result, /^TypeError: Unknown event "\w+"/);
    } finally {
      await close();
    }
  });
});
