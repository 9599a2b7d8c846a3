// The three browser engines reviewers use, headless on this machine, behind one small page
// API, so a test can run the same steps in each:
//
//   chromium  Debian's /usr/bin/chromium, driven by playwright-core (Chrome, Edge)
//   firefox   Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (Firefox)
//   webkit    WebKitGTK's MiniBrowser, driven by selenium-webdriver through WebKitWebDriver
//             inside a private Xvfb display (Safari's engine)
//
//   for (const name of enginesUnderTest()) {
//     describe(`… (${name})`, () => {
//       let engine;
//       before(async () => { engine = await launchEngine(name); });
//       after(() => engine?.close());
//       it('…', async () => {
//         const page = await engine.newPage({ viewport: { width: 1440, height: 900 } });
//         await page.goto(url);
//         const value = await page.evaluate((arg) => …, arg);
//         await page.close();
//       });
//     });
//   }
//
// IIV_ENGINES=chromium,firefox (a comma list) limits the engines while iterating; npm test
// runs all three.
//
// Nothing leaves the machine: each engine sends every request for a host other than
// loopback to a trap on 127.0.0.1 that answers 403 and records it
// (engine.offLoopbackRequests()), and Firefox's start-up traffic (remote settings, …) is
// switched off by preferences.
//
// What an engine cannot do is in engine.supports, for tests to skip with a reason:
//   initScripts         scripts that run before the page's own (WebKitWebDriver has no way)
//   deviceScaleFactor   a page with devicePixelRatio other than 1
//   touch               a touch-screen page (pointer: coarse)
//   browserConsole      the browser's own console lines (failed loads, CORS refusals);
//                       elsewhere only what scripts see: console.error calls, uncaught
//                       errors, CSP violation events, recorded in the page
//   heapSnapshot        a JS heap snapshot (Chromium's DevTools protocol only)
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { Builder, By, Key } from 'selenium-webdriver';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/harness/browser.mjs';
import { cropPng } from '../../../scripts/harness/png-codec.mjs';

export const ENGINE_NAMES = Object.freeze(['chromium', 'firefox', 'webkit']);

export const FIREFOX_PATH = '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The engines this run tests: $IIV_ENGINES (comma-separated) or all three. */
export function enginesUnderTest() {
  const wanted = (process.env.IIV_ENGINES ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (wanted.length === 0) return [...ENGINE_NAMES];
  const unknown = wanted.filter((name) => !ENGINE_NAMES.includes(name));
  if (unknown.length) throw new Error(`IIV_ENGINES names unknown engines: ${unknown.join(', ')} (known: ${ENGINE_NAMES.join(', ')})`);
  return wanted;
}

/**
 * An init script (also run after load where an engine has no init scripts): records in
 * the page what scripts can see go wrong — console.error calls, uncaught errors and
 * rejections, Content-Security-Policy violations — in window.__iivDiagnostics.
 */
export function recordPageDiagnostics() {
  if (window.__iivDiagnostics) return;
  const log = { consoleErrors: [], pageErrors: [], cspViolations: [] };
  window.__iivDiagnostics = log;
  const nativeError = console.error;
  console.error = function error(...args) {
    log.consoleErrors.push(args.map((value) => (value instanceof Error ? value.message : String(value))).join(' '));
    return nativeError.apply(this, args);
  };
  window.addEventListener('error', (event) => log.pageErrors.push(event.error?.message ?? event.message));
  window.addEventListener('unhandledrejection', (event) => log.pageErrors.push(event.reason?.message ?? String(event.reason)));
  document.addEventListener('securitypolicyviolation', (event) => {
    log.cspViolations.push({ directive: event.effectiveDirective, blockedURI: event.blockedURI, sourceFile: event.sourceFile });
  });
}

// A function made from its source text, to hand to evaluate() (which stringifies it again).
const fromSource = (source) => new Function(`return (${source});`)();

const elementFunction = (fn) => fromSource(`({ selector, arg }) => {
  const element = document.querySelector(selector);
  if (!element) throw new Error('no element matches ' + selector);
  return (${fn})(element, arg);
}`);
const elementsFunction = (fn) => fromSource(`({ selector, arg }) => (${fn})([...document.querySelectorAll(selector)], arg)`);

// A loopback listener standing in for every host that is not loopback: it records the
// request line (a proxy sees "GET http://host/…" or "CONNECT host:443") and answers 403.
async function startOffLoopbackTrap() {
  const requests = [];
  const server = net.createServer((socket) => {
    socket.once('data', (chunk) => {
      requests.push(String(chunk).split('\r\n')[0]);
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Splits "Shift+Tab" into modifiers and key; "+" alone is the plus key.
function parseKeyCombo(combo) {
  if (combo.length === 1 || !combo.includes('+')) return { modifiers: [], key: combo };
  const parts = combo.split('+');
  const key = parts.pop() || '+';
  return { modifiers: parts, key };
}

/**
 * Starts an engine.
 * @param {'chromium'|'firefox'|'webkit'} name
 * @returns {Promise<Engine>}
 */
export async function launchEngine(name) {
  const trap = await startOffLoopbackTrap();
  try {
    switch (name) {
      case 'chromium': return await launchChromium(trap);
      case 'firefox': return await launchFirefox(trap);
      case 'webkit': return await launchWebKit(trap);
      default: throw new Error(`unknown engine ${name}`);
    }
  } catch (error) {
    await trap.close();
    throw error;
  }
}

/**
 * @typedef {object} EnginePage
 * @property {(url: string) => Promise<void>} goto
 * @property {() => Promise<string>} url
 * @property {(fn: Function, arg?: any) => Promise<any>} evaluate   fn runs in the page; its result comes back as JSON
 * @property {(source: string) => Promise<void>} addScript   runs a classic script's text in the page, as the
 *   automation (the page's Content-Security-Policy does not apply), e.g. axe-core
 * @property {(fn: Function, arg?: any, options?: {timeout?: number}) => Promise<void>} waitForFunction
 * @property {(selector: string, options?: {timeout?: number}) => Promise<void>} waitForSelector  attached to the DOM
 * @property {(selector: string, fn: Function, arg?: any) => Promise<any>} $eval
 * @property {(selector: string, fn: Function, arg?: any) => Promise<any>} $$eval
 * @property {(selector: string) => Promise<void>} click      a real pointer click
 * @property {(selector: string, text: string) => Promise<void>} fill  typed into the field
 * @property {{press: (key: string) => Promise<void>, type: (text: string) => Promise<void>}} keyboard
 * @property {(options?: {fullPage?: boolean, selector?: string}) => Promise<Buffer>} screenshot  PNG
 * @property {(viewport: {width: number, height: number}) => Promise<void>} setViewport
 * @property {() => Promise<{consoleErrors: string[], pageErrors: string[], cspViolations: object[]}>} diagnostics
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} Engine
 * @property {string} name
 * @property {string} version       e.g. "Chromium 156.0…", "Firefox 153.8.0", "WebKitGTK 2.50.6"
 * @property {{initScripts: boolean, deviceScaleFactor: boolean, touch: boolean, browserConsole: boolean, heapSnapshot: boolean}} supports
 * @property {(options?: {viewport?: {width: number, height: number}, deviceScaleFactor?: number, touch?: boolean,
 *   initScripts?: Function[]}) => Promise<EnginePage>} newPage
 * @property {() => string[]} offLoopbackRequests  request lines the engine tried to send off the machine
 * @property {() => Promise<void>} close
 */

// ---------------------------------------------------------------- Chromium (playwright-core)

async function launchChromium(trap) {
  // Besides browser.mjs's flags: any host but loopback goes to the trap (Chromium never
  // proxies loopback), so an IP address cannot bypass the host-resolver rule either.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, `--proxy-server=http://127.0.0.1:${trap.port}`],
  });
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    supports: { initScripts: true, deviceScaleFactor: true, touch: true, browserConsole: true, heapSnapshot: true },
    async newPage({ viewport = { width: 1000, height: 800 }, deviceScaleFactor = 1, touch = false, initScripts = [] } = {}) {
      const context = await browser.newContext({ viewport, deviceScaleFactor, hasTouch: touch, isMobile: touch });
      const page = await context.newPage();
      const log = { consoleErrors: [], pageErrors: [], cspViolations: [] };
      page.on('console', (message) => {
        if (message.type() === 'error') log.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => log.pageErrors.push(error.message));
      await page.exposeBinding('__iivReportCspViolation', (_source, violation) => log.cspViolations.push(violation));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => window.__iivReportCspViolation({
          directive: event.effectiveDirective, blockedURI: event.blockedURI, sourceFile: event.sourceFile,
        }));
      });
      for (const script of initScripts) await page.addInitScript(script);
      return {
        engine: 'chromium',
        raw: page,
        goto: async (url) => { await page.goto(url); },
        url: async () => page.url(),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        addScript: async (source) => { await page.evaluate(source); },
        waitForFunction: async (fn, arg, { timeout = 30_000 } = {}) => { await page.waitForFunction(fn, arg, { timeout }); },
        waitForSelector: async (selector, { timeout = 30_000 } = {}) => { await page.waitForSelector(selector, { state: 'attached', timeout }); },
        $eval: (selector, fn, arg) => page.evaluate(elementFunction(fn), { selector, arg }),
        $$eval: (selector, fn, arg) => page.evaluate(elementsFunction(fn), { selector, arg }),
        click: (selector) => page.click(selector),
        fill: (selector, text) => page.fill(selector, text),
        keyboard: { press: (key) => page.keyboard.press(key), type: (text) => page.keyboard.type(text) },
        screenshot: async ({ fullPage = false, selector } = {}) => (selector
          ? page.locator(selector).screenshot()
          : page.screenshot({ fullPage })),
        setViewport: (size) => page.setViewportSize(size),
        diagnostics: async () => structuredClone(log),
        close: () => context.close(),
      };
    },
    offLoopbackRequests: () => [...trap.requests],
    async close() {
      await browser.close().catch(() => {});
      await trap.close();
    },
  };
}

// ---------------------------------------------------------------- Firefox (puppeteer-core, BiDi)

async function launchFirefox(trap) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocol: 'webDriverBiDi',
    // Release builds ignore services.settings.server unless this is set; without it
    // Firefox fetches remote settings from Mozilla at start-up.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': trap.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': trap.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': false, // loopback never goes to the proxy
      'network.dns.disablePrefetch': true,
      'network.trr.mode': 5,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.provider.mozilla.updateURL': '',
      'toolkit.telemetry.enabled': false,
    },
  });
  const version = (await browser.version()).replace(/^firefox\//i, 'Firefox ');
  return {
    name: 'firefox',
    version,
    supports: { initScripts: true, deviceScaleFactor: true, touch: false, browserConsole: true, heapSnapshot: false },
    async newPage({ viewport = { width: 1000, height: 800 }, deviceScaleFactor = 1, touch = false, initScripts = [] } = {}) {
      if (touch) throw new Error('firefox: touch emulation is not available over WebDriver BiDi here (supports.touch)');
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ ...viewport, deviceScaleFactor });
      const log = { consoleErrors: [], pageErrors: [], cspViolations: [] };
      page.on('console', (message) => {
        if (message.type() === 'error') log.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => log.pageErrors.push(error.message));
      await page.exposeFunction('__iivReportCspViolation', (violation) => { log.cspViolations.push(violation); });
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('securitypolicyviolation', (event) => window.__iivReportCspViolation({
          directive: event.effectiveDirective, blockedURI: event.blockedURI, sourceFile: event.sourceFile,
        }));
      });
      for (const script of initScripts) await page.evaluateOnNewDocument(script);
      const withArg = (arg) => (arg === undefined ? [] : [arg]);
      const keyboard = {
        async press(combo) {
          const { modifiers, key } = parseKeyCombo(combo);
          for (const modifier of modifiers) await page.keyboard.down(modifier);
          await page.keyboard.press(key);
          for (const modifier of modifiers.reverse()) await page.keyboard.up(modifier);
        },
        type: (text) => page.keyboard.type(text),
      };
      return {
        engine: 'firefox',
        raw: page,
        goto: async (url) => { await page.goto(url); },
        url: async () => page.url(),
        evaluate: (fn, arg) => page.evaluate(fn, ...withArg(arg)),
        addScript: async (source) => { await page.evaluate(source); },
        waitForFunction: async (fn, arg, { timeout = 30_000 } = {}) => {
          await page.waitForFunction(fn, { timeout, polling: 50 }, ...withArg(arg));
        },
        waitForSelector: async (selector, { timeout = 30_000 } = {}) => { await page.waitForSelector(selector, { timeout }); },
        $eval: (selector, fn, arg) => page.evaluate(elementFunction(fn), { selector, arg }),
        $$eval: (selector, fn, arg) => page.evaluate(elementsFunction(fn), { selector, arg }),
        click: (selector) => page.click(selector),
        fill: async (selector, text) => {
          await page.$eval(selector, (element) => { element.value = ''; });
          await page.type(selector, text);
        },
        keyboard,
        screenshot: async ({ fullPage = false, selector } = {}) => {
          if (selector) {
            const element = await page.$(selector);
            if (!element) throw new Error(`no element matches ${selector}`);
            return Buffer.from(await element.screenshot());
          }
          return Buffer.from(await page.screenshot({ fullPage }));
        },
        setViewport: (size) => page.setViewport({ ...size, deviceScaleFactor }),
        diagnostics: async () => structuredClone(log),
        close: () => context.close(),
      };
    },
    offLoopbackRequests: () => [...trap.requests],
    async close() {
      await browser.close().catch(() => {});
      await trap.close();
    },
  };
}

// ---------------------------------------------------------------- WebKit (selenium-webdriver)

// MiniBrowser's toolbar will not shrink below ~447 px; this lets its window (and so the
// page) be as narrow as a phone. It styles the browser's own GTK widgets, not pages.
const NARROW_TOOLBAR_GTK_CSS = '* { min-width: 0; padding-left: 0; padding-right: 0; margin-left: 0; margin-right: 0; }\n';

const WEBDRIVER_KEYS = {
  Tab: Key.TAB, Enter: Key.ENTER, Escape: Key.ESCAPE, Space: Key.SPACE, ' ': Key.SPACE, Backspace: Key.BACK_SPACE,
  ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT, ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN,
  Home: Key.HOME, End: Key.END, PageUp: Key.PAGE_UP, PageDown: Key.PAGE_DOWN, Delete: Key.DELETE,
  Shift: Key.SHIFT, Control: Key.CONTROL, Alt: Key.ALT, Meta: Key.META,
};

function waitForExit(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await waitForExit(child);
  clearTimeout(killer);
}

async function startXvfb() {
  // -displayfd: Xvfb picks a free display and writes its number to fd 3.
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  xvfb.stderr.on('data', (chunk) => { stderr += chunk; });
  const display = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${stderr}`)), 15_000);
    xvfb.stdio[3].once('data', (chunk) => { clearTimeout(timer); resolve(`:${String(chunk).trim()}`); });
    xvfb.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited (${code}): ${stderr}`)); });
  });
  return { xvfb, display };
}

async function waitForDriver(port, driverProcess, output) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (driverProcess.exitCode !== null) throw new Error(`WebKitWebDriver exited: ${output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on port ${port}: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function launchWebKit(trap) {
  const home = await mkdtemp(path.join(os.tmpdir(), 'iiv-webkit-'));
  await mkdir(path.join(home, 'config', 'gtk-3.0'), { recursive: true });
  await writeFile(path.join(home, 'config', 'gtk-3.0', 'gtk.css'), NARROW_TOOLBAR_GTK_CSS);
  let xvfb;
  let driverProcess;
  let driver;
  try {
    const started = await startXvfb();
    xvfb = started.xvfb;
    const port = await freePort();
    driverProcess = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DISPLAY: started.display,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        XDG_DATA_HOME: path.join(home, 'data'),
      },
    });
    let driverOutput = '';
    driverProcess.stdout.on('data', (chunk) => { driverOutput += chunk; });
    driverProcess.stderr.on('data', (chunk) => { driverOutput += chunk; });
    await waitForDriver(port, driverProcess, () => driverOutput);
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': {
          binary: MINIBROWSER_PATH,
          args: ['--automation', `--proxy=http://127.0.0.1:${trap.port}`, '--ignore-host=127.0.0.1', '--ignore-host=localhost', '--ignore-host=::1'],
        },
      })
      .build();
    await driver.manage().setTimeouts({ script: 120_000, pageLoad: 60_000 });
  } catch (error) {
    await driver?.quit().catch(() => {});
    await stopChild(driverProcess);
    await stopChild(xvfb);
    await rm(home, { recursive: true, force: true });
    throw error;
  }
  const capabilities = await driver.getCapabilities();
  const idleWindow = await driver.getWindowHandle(); // kept open: closing the last window ends the session
  const spareWindows = [];

  // One WebDriver session drives every page (a window each): commands for different
  // pages must not interleave with switching windows.
  let queue = Promise.resolve();
  let current = idleWindow;
  const exclusive = (handle, task) => {
    const run = queue.then(async () => {
      if (current !== handle) {
        await driver.switchTo().window(handle);
        current = handle;
      }
      return task();
    });
    queue = run.catch(() => {});
    return run;
  };

  async function newPage({ viewport = { width: 1000, height: 800 }, deviceScaleFactor = 1, touch = false, initScripts = [] } = {}) {
    if (deviceScaleFactor !== 1) throw new Error('webkit: MiniBrowser has no per-page device scale factor (supports.deviceScaleFactor)');
    if (touch) throw new Error('webkit: MiniBrowser under WebKitWebDriver cannot emulate a touch screen (supports.touch)');
    if (initScripts.length) throw new Error('webkit: WebKitWebDriver cannot run scripts before the page\'s own (supports.initScripts)');
    // A window a closed page left (on about:blank) is used again: a new MiniBrowser window
    // costs seconds on a busy machine.
    const handle = spareWindows.pop() ?? await exclusive(current, async () => {
      await driver.switchTo().newWindow('window');
      current = await driver.getWindowHandle();
      return current;
    });
    const run = (task) => exclusive(handle, task);

    const evaluateNow = async (fn, arg) => {
      const call = arg === undefined ? `(${fn})()` : `(${fn})(arguments[0])`;
      const result = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => ${call}).then(
          (value) => done({ ok: true, value: value === undefined ? null : value }),
          (error) => done({ ok: false, message: error && error.message ? error.message : String(error), stack: error && error.stack }));`,
      ...(arg === undefined ? [] : [arg]));
      if (!result.ok) {
        const error = new Error(`page function failed: ${result.message}`);
        error.pageStack = result.stack;
        throw error;
      }
      return result.value;
    };
    const evaluate = (fn, arg) => run(() => evaluateNow(fn, arg));

    // The window is the page plus MiniBrowser's toolbar: its size is measured, so the page
    // itself gets exactly the asked size. GTK resizes asynchronously: wait for it.
    const setViewport = ({ width, height }) => run(async () => {
      const sizes = () => driver.executeScript('return [innerWidth, innerHeight, outerWidth, outerHeight]');
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const [innerWidth, innerHeight, outerWidth, outerHeight] = await sizes();
        if (innerWidth === width && innerHeight === height) return;
        const target = { width: width + (outerWidth - innerWidth), height: height + (outerHeight - innerHeight) };
        await driver.manage().window().setRect({ x: 0, y: 0, ...target });
        for (let wait = 0; wait < 40; wait += 1) {
          const [, , w, h] = await sizes();
          if (w === target.width && h === target.height) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
      const [innerWidth, innerHeight] = await sizes();
      if (innerWidth !== width || innerHeight !== height) {
        throw new Error(`webkit: the page is ${innerWidth}×${innerHeight}, not the asked ${width}×${height}`);
      }
    });
    await setViewport(viewport);

    const installDiagnostics = () => driver.executeScript(`(${recordPageDiagnostics})();`);

    async function waitForFunction(fn, arg, { timeout = 30_000 } = {}) {
      const deadline = Date.now() + timeout;
      // Polls in the page for up to a second at a time, then lets other pages' commands run.
      const poll = fromSource(`async (input) => {
        const until = performance.now() + Math.min(1000, input.left);
        for (;;) {
          if (await (${fn})(input.arg)) return true;
          if (performance.now() > until) return false;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }`);
      for (;;) {
        const left = deadline - Date.now();
        if (await evaluate(poll, { arg: arg === undefined ? null : arg, left: Math.max(0, left) })) return;
        if (Date.now() >= deadline) throw new Error(`waitForFunction timed out after ${timeout} ms: ${String(fn).slice(0, 200)}`);
      }
    }

    async function pressKey(combo) {
      const { modifiers, key } = parseKeyCombo(combo);
      await run(async () => {
        let actions = driver.actions({ async: true });
        for (const modifier of modifiers) actions = actions.keyDown(WEBDRIVER_KEYS[modifier]);
        actions = actions.sendKeys(WEBDRIVER_KEYS[key] ?? key);
        for (const modifier of [...modifiers].reverse()) actions = actions.keyUp(WEBDRIVER_KEYS[modifier]);
        await actions.perform();
      });
    }

    let closed = false;
    return {
      engine: 'webkit',
      raw: driver,
      goto: (url) => run(async () => {
        await driver.get(url);
        await installDiagnostics();
      }),
      url: () => run(() => driver.getCurrentUrl()),
      evaluate,
      addScript: (source) => run(async () => { await driver.executeScript(source); }),
      waitForFunction,
      waitForSelector: (selector, options) => waitForFunction((s) => document.querySelector(s) !== null, selector, options),
      $eval: (selector, fn, arg) => evaluate(elementFunction(fn), { selector, arg }),
      $$eval: (selector, fn, arg) => evaluate(elementsFunction(fn), { selector, arg }),
      click: (selector) => run(async () => { await driver.findElement(By.css(selector)).click(); }),
      fill: (selector, text) => run(async () => {
        const element = await driver.findElement(By.css(selector));
        await element.clear();
        await element.sendKeys(text);
      }),
      keyboard: {
        press: pressKey,
        type: (text) => run(async () => { await driver.actions({ async: true }).sendKeys(text).perform(); }),
      },
      screenshot: ({ fullPage = false, selector } = {}) => run(async () => {
        // WebKitWebDriver captures the last frame painted: let the page paint what changed.
        await driver.executeAsyncScript('requestAnimationFrame(() => requestAnimationFrame(arguments[arguments.length - 1]))');
        if (selector) {
          // WebKitWebDriver's element screenshots of a <canvas> come out black: cut the
          // element out of a screenshot of the viewport instead.
          const box = await driver.executeScript(`const element = document.querySelector(arguments[0]);
            element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            const { x, y, width, height } = element.getBoundingClientRect();
            return { x, y, width, height };`, selector);
          return cropPng(Buffer.from(await driver.takeScreenshot(), 'base64'), box);
        }
        if (!fullPage) return Buffer.from(await driver.takeScreenshot(), 'base64');
        // WebDriver screenshots show the viewport: make the window as tall as the page.
        const rect = await driver.manage().window().getRect();
        const [innerHeight, pageHeight] = await driver.executeScript(
          'return [innerHeight, Math.ceil(document.documentElement.scrollHeight)]');
        if (pageHeight <= innerHeight) return Buffer.from(await driver.takeScreenshot(), 'base64');
        const untilInnerHeight = async (wanted) => {
          for (let wait = 0; wait < 40 && (await driver.executeScript('return innerHeight')) !== wanted; wait += 1) {
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        };
        await driver.manage().window().setRect({ ...rect, height: rect.height + (pageHeight - innerHeight) });
        try {
          await untilInnerHeight(pageHeight);
          await driver.executeAsyncScript('requestAnimationFrame(() => requestAnimationFrame(arguments[arguments.length - 1]))');
          return Buffer.from(await driver.takeScreenshot(), 'base64');
        } finally {
          await driver.manage().window().setRect(rect);
          await untilInnerHeight(innerHeight);
        }
      }),
      setViewport,
      diagnostics: () => run(async () => {
        const log = await driver.executeScript('return window.__iivDiagnostics || null');
        return log ?? { consoleErrors: [], pageErrors: [], cspViolations: [] };
      }),
      close: async () => {
        if (closed) return;
        closed = true;
        await run(async () => {
          try {
            await driver.get('about:blank');
            spareWindows.push(handle);
          } catch {
            await driver.close();
            await driver.switchTo().window(idleWindow);
            current = idleWindow;
          }
        });
      },
    };
  }

  return {
    name: 'webkit',
    version: `WebKitGTK ${capabilities.get('browserVersion')}`,
    supports: { initScripts: false, deviceScaleFactor: false, touch: false, browserConsole: false, heapSnapshot: false },
    newPage,
    offLoopbackRequests: () => [...trap.requests],
    async close() {
      await driver.quit().catch(() => {});
      await stopChild(driverProcess);
      await stopChild(xvfb);
      await trap.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
