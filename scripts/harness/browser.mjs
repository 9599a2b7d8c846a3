// Headless Chromium for the browser tests, demo tests and benchmarks: one launcher with
// the flags this machine needs, and a page helper that records console errors, page
// errors and Content-Security-Policy violations.
import { chromium } from 'playwright-core';
import { decodePng } from './png-codec.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // Loopback only: any other host name fails to resolve, so nothing can leave the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  // Chromium 156 still asks update.googleapis.com for components, accounts.google.com for
  // signed-in accounts and content-autofill.googleapis.com about forms despite the flags
  // above (seen by engines.mjs's trap): those services are pointed at a closed loopback port.
  '--component-updater=url-source=http://127.0.0.1:9/',
  '--gaia-url=http://127.0.0.1:9/',
  '--autofill-server-url=http://127.0.0.1:9/',
]);

/** @returns {Promise<import('playwright-core').Browser>} close it with browser.close() */
export function launchBrowser({ args = [] } = {}) {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...args] });
}

/**
 * Opens a page in its own browser context.
 * @param {import('playwright-core').Browser} browser
 * @param {{url?: string, initScripts?: (string|Function)[], viewport?: {width: number, height: number},
 *   deviceScaleFactor?: number, hasTouch?: boolean}} [options]  hasTouch: a phone's touch screen (pointer: coarse)
 * @returns {Promise<{page: import('playwright-core').Page, consoleErrors: string[], pageErrors: string[],
 *   cspViolations: {directive: string, blockedURI: string, sourceFile: string}[], close: () => Promise<void>}>}
 */
export async function openPage(browser, { url, initScripts = [], viewport = { width: 1000, height: 800 }, deviceScaleFactor = 1, hasTouch = false } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, hasTouch, isMobile: hasTouch });
  const page = await context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  const cspViolations = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.exposeBinding('__reportCspViolation', (_source, violation) => {
    cspViolations.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCspViolation({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        sourceFile: event.sourceFile,
      });
    });
  });
  for (const script of initScripts) await page.addInitScript(script);
  if (url) await page.goto(url);
  return { page, consoleErrors, pageErrors, cspViolations, close: () => context.close() };
}

/** Console errors other than those matching one of `expected` (RegExps). */
export function unexpectedConsoleErrors(consoleErrors, expected = []) {
  return consoleErrors.filter((text) => !expected.some((pattern) => pattern.test(text)));
}

/**
 * The element's pixels as the user sees them (a screenshot, decoded): the only way to
 * check a tainted canvas, whose pixels scripts may not read.
 */
export async function screenshotPixels(page, selector) {
  return decodePng(await page.locator(selector).screenshot());
}
