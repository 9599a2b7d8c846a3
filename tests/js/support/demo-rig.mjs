// The reviewer demo as `npm start` runs it, for the end-to-end demo tests: the real
// emulator and the real server stub started with demo/start.mjs's flags (the stub on a
// free port instead of 8787), headless Chromium, and helpers that drive the page the way
// a reviewer does and read what it shows (text, canvas pixels, the audit log).
//
//   const rig = await startDemoRig();
//   const demo = await rig.openDemo();            // signed in, session list shown
//   await pickSession(demo.page, 'vs_1EmuIdCardWithSelfie');
//   await showImages(demo.page);                  // resolves once both panes are drawn
//   const report = await canvasReport(demo.page, 'document');
//   await demo.close(); await rig.close();
//
// With an engine from engines.mjs (startDemoRig({ engine })), openDemo() gives an
// EnginePage instead, and the helpers below work on either: they use only evaluate,
// waitForFunction, click, fill and keyboard.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  DEMO_ALLOW_SENSITIVE, DEMO_KEY, DEMO_REVIEWER_ID, DEMO_ROLES, DEMO_STATICS,
} from '../../../demo/demo-setup.mjs';
import { launchBrowser, openPage } from '../../../scripts/harness/browser.mjs';
import { startEmulator } from '../../../scripts/harness/emulator-process.mjs';
import { startStub } from '../../../scripts/harness/stub-process.mjs';

// What demo/start.mjs configures.
export { DEMO_ALLOW_SENSITIVE, DEMO_KEY, DEMO_REVIEWER_ID, DEMO_ROLES, DEMO_STATICS };

/**
 * Emulator + stub with the demo's flags, and a browser. `browser` and `emulator` (from
 * startEmulator) may be shared: close() then leaves them running. With `engine` (from
 * engines.mjs's launchEngine, left running by close()) pages open in that engine.
 * `stubArgs` are more flags for the stub (e.g. --key-ip-restricted).
 * @param {{key?: string, browser?: import('playwright-core').Browser, emulator?: object,
 *   engine?: import('./engines.mjs').Engine, stubArgs?: string[]}} [options]
 */
export async function startDemoRig({ key = DEMO_KEY, browser: sharedBrowser, emulator: sharedEmulator, engine, stubArgs = [] } = {}) {
  const emulator = sharedEmulator ?? await startEmulator();
  const token = randomBytes(18).toString('base64url');
  let stub;
  try {
    stub = await startStub({
      stripeBaseUrl: emulator.apiBase,
      key,
      reviewers: [{ id: DEMO_REVIEWER_ID, token, roles: [...DEMO_ROLES] }],
      allowSensitive: [...DEMO_ALLOW_SENSITIVE],
      statics: [...DEMO_STATICS],
      extraArgs: ['--files-host', emulator.filesBase, ...stubArgs],
    });
  } catch (error) {
    if (!sharedEmulator) await emulator.stop();
    throw error;
  }
  let browser = sharedBrowser;
  try {
    if (!engine) browser ??= await launchBrowser();
  } catch (error) {
    await stub.stop();
    if (!sharedEmulator) await emulator.stop();
    throw error;
  }
  const pages = new Set();

  /**
   * The audit log's outcome lines, parsed. The stub also writes a "started" line before it
   * calls Stripe (no audit line, no image); `{ started: true }` keeps those too.
   */
  async function audit({ started = false } = {}) {
    const text = await readFile(stub.auditLogPath, 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((line) => started || line.outcome !== 'started');
  }

  /** Calls the stub's API from Node as the demo reviewer (or with `as` as the token). */
  async function api(method, path, { body, as = token } = {}) {
    const headers = { Accept: 'application/json' };
    if (as) headers.Authorization = `Bearer ${as}`;
    if (method === 'POST') headers['Content-Type'] = 'application/json';
    const response = await fetch(`${stub.url}${path}`, { method, headers, body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  /**
   * Opens the demo in a fresh browser context; signs in with the reviewer token unless
   * signIn is false. Besides openPage's consoleErrors, pageErrors and cspViolations,
   * `consoleLog` holds each console error with the URL it is about, and `response` is the
   * page's own answer (its headers).
   */
  async function openDemo({ query = '', initScripts = [], signIn = true, viewport = { width: 1280, height: 900 }, touch = false, beforeGoto } = {}) {
    if (engine) {
      const page = await engine.newPage({ viewport, initScripts, touch });
      const demo = {
        page,
        diagnostics: () => page.diagnostics(),
        close: async () => {
          pages.delete(demo);
          await page.close();
        },
      };
      pages.add(demo);
      await beforeGoto?.(page);
      await page.goto(`${stub.url}/${query}`);
      if (signIn) await signInWith(page, token);
      return demo;
    }
    const handle = await openPage(browser, { initScripts, viewport, hasTouch: touch });
    await beforeGoto?.(handle.page);
    const consoleLog = [];
    handle.page.on('console', (message) => {
      if (message.type() === 'error') consoleLog.push({ text: message.text(), url: message.location()?.url ?? '' });
    });
    const response = await handle.page.goto(`${stub.url}/${query}`);
    const demo = {
      ...handle,
      response,
      consoleLog,
      close: async () => {
        pages.delete(demo);
        await handle.close();
      },
    };
    pages.add(demo);
    if (signIn) await signInWith(handle.page, token);
    return demo;
  }

  return {
    emulator,
    stub,
    url: stub.url,
    token,
    browser,
    audit,
    api,
    openDemo,
    async close() {
      for (const demo of [...pages]) await demo.close().catch(() => {});
      if (!sharedBrowser && browser) await browser.close().catch(() => {});
      await stub.stop();
      if (!sharedEmulator) await emulator.stop();
    },
  };
}

/** Types the token into the sign-in form and waits for the session list. */
export async function signInWith(page, token) {
  await page.waitForFunction(() => !document.querySelector('#sign-in-button').disabled); // the script is ready
  await page.fill('#token', token);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#session-list button[data-session-id]');
}

/**
 * Picks a session in the list (a click, or `press` a key on its focused button) and waits
 * until its summary is drawn or the page shows an error.
 */
export async function pickSession(page, id, { press } = {}) {
  await markSummaryStale(page);
  if (press) {
    const focusedId = await page.evaluate(() => document.activeElement?.dataset.sessionId ?? null);
    if (focusedId !== id) throw new Error(`pickSession: the focus is on ${focusedId}, not on ${id}`);
    await page.keyboard.press(press);
  } else {
    await page.click(`#session-list button[data-session-id="${id}"]`);
  }
  await waitForSummary(page);
}

// The summary panel keeps the previous session's list until the next one arrives: a
// marker on the old one tells them apart.
export function markSummaryStale(page) {
  return page.evaluate(() => {
    const list = document.querySelector('#summary dl');
    if (list) list.dataset.testStale = 'true';
  });
}

/** Waits for a fresh summary (after markSummaryStale), or for the page's error. */
export function waitForSummary(page) {
  return page.waitForFunction(() => {
    const list = document.querySelector('#summary dl');
    return (list && !list.dataset.testStale) || !document.querySelector('#page-error').hidden;
  });
}

/** Text of an element, or null when it (or an ancestor) is hidden. */
export function visibleText(page, selector) {
  return page.evaluate((s) => {
    const element = document.querySelector(s);
    if (!element || element.closest('[hidden]')) return null;
    return element.textContent.trim();
  }, selector);
}

/** Waits until `selector` is shown with text matching `pattern` (a RegExp or a string). */
export async function waitForText(page, selector, pattern) {
  const source = pattern instanceof RegExp ? pattern.source : pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const flags = pattern instanceof RegExp ? pattern.flags : '';
  await page.waitForFunction(({ s, source: src, flags: f }) => {
    const element = document.querySelector(s);
    return element && !element.closest('[hidden]') && new RegExp(src, f).test(element.textContent);
  }, { s: selector, source, flags });
  return visibleText(page, selector);
}

const paneCanvas = (pane) => `#pane-${pane} canvas`;

// In the page: whether a pane's canvas holds a finished drawing (a backing store, opaque
// image pixels in it, the progress bar gone).
function paneDrawn(pane) {
  const figure = document.querySelector(`#pane-${pane}`);
  const canvas = figure.querySelector('canvas');
  if (figure.hidden || canvas.width === 0 || canvas.height === 0 || !figure.querySelector('progress').hidden) return false;
  const { data } = canvas.getContext('2d').getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1);
  return data[3] === 255;
}

/** Waits until the pane's canvas shows an image. */
export function waitForPaneImage(page, pane) {
  return page.waitForFunction(paneDrawn, pane);
}

/** Waits until the pane's canvas holds no pixels (0×0, or nothing painted). */
export function waitForPaneBlank(page, pane) {
  return page.waitForFunction((p) => {
    const canvas = document.querySelector(`#pane-${p} canvas`);
    if (canvas.width === 0 || canvas.height === 0) return true;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return false;
    return true;
  }, pane);
}

/** Clicks "Show images" and waits for every pane the sample has to be drawn. */
export async function showImages(page, { button = '#show-images' } = {}) {
  await page.click(button);
  await waitForPanesDrawn(page);
}

/** Waits until the viewer is shown and each visible pane is drawn. */
export async function waitForPanesDrawn(page) {
  await page.waitForFunction(() => !document.querySelector('#viewer').hidden);
  for (const pane of ['document', 'selfie']) {
    if (!(await page.evaluate((p) => document.querySelector(`#pane-${p}`).hidden, pane))) await waitForPaneImage(page, pane);
  }
}

/**
 * What a pane's canvas holds, read with getImageData in the page: backing size, how many
 * pixels are painted at all, the box of fully opaque pixels (the image: the watermark
 * alone is translucent), the spread of luminance inside it, and the mean colour of each
 * cell of a cols×rows grid laid over that box.
 */
export function canvasReport(page, pane, { cols = 8, rows = 8 } = {}) {
  return page.evaluate(({ selector, cols: c, rows: r }) => {
    const canvas = document.querySelector(selector);
    const { width, height } = canvas;
    const report = { width, height, painted: 0, opaque: 0, box: null, lumaSpread: 0, grid: null };
    if (width === 0 || height === 0) return report;
    const { data } = canvas.getContext('2d').getImageData(0, 0, width, height);
    let minX = width; let minY = height; let maxX = -1; let maxY = -1;
    let sum = 0; let sumSq = 0;
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const i = (y * width + x) * 4;
        if (data[i + 3] !== 0) report.painted += 1;
        if (data[i + 3] !== 255) continue;
        report.opaque += 1;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
        const luma = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        sum += luma;
        sumSq += luma * luma;
      }
    }
    if (report.opaque === 0) return report;
    const mean = sum / report.opaque;
    report.lumaSpread = Math.sqrt(Math.max(0, sumSq / report.opaque - mean * mean));
    report.box = { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
    report.grid = [];
    for (let row = 0; row < r; row += 1) {
      const line = [];
      for (let col = 0; col < c; col += 1) {
        const x0 = Math.floor(minX + (col * report.box.width) / c);
        const x1 = Math.floor(minX + ((col + 1) * report.box.width) / c);
        const y0 = Math.floor(minY + (row * report.box.height) / r);
        const y1 = Math.floor(minY + ((row + 1) * report.box.height) / r);
        const total = [0, 0, 0];
        let n = 0;
        for (let y = y0; y < y1; y += 1) {
          for (let x = x0; x < x1; x += 1) {
            const i = (y * width + x) * 4;
            total[0] += data[i]; total[1] += data[i + 1]; total[2] += data[i + 2];
            n += 1;
          }
        }
        line.push(total.map((v) => v / Math.max(1, n)));
      }
      report.grid.push(line);
    }
    return report;
  }, { selector: paneCanvas(pane), cols, rows });
}

/** The same cols×rows grid of mean colours for a decoded image (png-codec's decodePng). */
export function imageGrid(image, { cols = 8, rows = 8 } = {}) {
  const grid = [];
  for (let row = 0; row < rows; row += 1) {
    const line = [];
    for (let col = 0; col < cols; col += 1) {
      const x0 = Math.floor((col * image.width) / cols);
      const x1 = Math.floor(((col + 1) * image.width) / cols);
      const y0 = Math.floor((row * image.height) / rows);
      const y1 = Math.floor(((row + 1) * image.height) / rows);
      const total = [0, 0, 0];
      let n = 0;
      for (let y = y0; y < y1; y += 1) {
        for (let x = x0; x < x1; x += 1) {
          const [r, g, b] = image.pixel(x, y);
          total[0] += r; total[1] += g; total[2] += b;
          n += 1;
        }
      }
      line.push(total.map((v) => v / Math.max(1, n)));
    }
    grid.push(line);
  }
  return grid;
}

/** Mean absolute difference per channel between two grids of the same shape. */
export function gridDistance(a, b) {
  if (a.length !== b.length || a[0].length !== b[0].length) {
    throw new Error(`grids differ in shape: ${a[0].length}×${a.length} vs ${b[0].length}×${b.length}`);
  }
  let total = 0;
  let n = 0;
  for (let row = 0; row < a.length; row += 1) {
    for (let col = 0; col < a[row].length; col += 1) {
      for (let channel = 0; channel < 3; channel += 1) {
        total += Math.abs(a[row][col][channel] - b[row][col][channel]);
        n += 1;
      }
    }
  }
  return total / n;
}

/** A grid turned a quarter clockwise (what the picture looks like after "Rotate right"). */
export const rotateGridClockwise = (grid) => grid[0].map((_, col) => grid.map((line) => line[col]).reverse());
/** A grid turned a quarter counter-clockwise. */
export const rotateGridCounterClockwise = (grid) => grid[0].map((_, col) => grid.map((line) => line[line.length - 1 - col]));
/** A grid upside down. */
export const flipGridVertically = (grid) => [...grid].reverse();
/** A grid mirrored left-right. */
export const mirrorGrid = (grid) => grid.map((line) => [...line].reverse());

/**
 * An init script: headless Chromium never hides a page, so the test plays the browser's
 * part. window.__setPageHidden(true) makes document.visibilityState 'hidden' (and
 * document.hidden true) and dispatches visibilitychange, as when the tab goes to the
 * background; false brings it back.
 */
export function emulateVisibility() {
  let hidden = false;
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  window.__setPageHidden = (value) => {
    hidden = Boolean(value);
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

/**
 * Console errors other than the browser's own "Failed to load resource" lines for
 * requests whose URL path matches one of `expected` (RegExps): the answers a test
 * provoked on purpose (a 403 for a wrong token, a 410 for an expired link …).
 */
export function unexpectedErrors(consoleLog, expected = []) {
  return consoleLog.filter(({ text, url }) => {
    if (!/^Failed to load resource: the server responded with a status of \d+/.test(text)) return true;
    const { pathname } = new URL(url, 'http://x');
    return !expected.some((pattern) => pattern.test(pathname));
  }).map(({ text, url }) => `${text} (${url})`);
}
