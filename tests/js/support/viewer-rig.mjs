// Everything a viewer browser test needs: the files host, the page server (a second
// origin), and a browser. One rig per test file (or per engine); close() stops all three.
//
//   startViewerRig()                      headless Chromium through playwright-core; handles
//                                         as browser.mjs's openPage gives them
//   startViewerRig({ engine: 'firefox' }) any engine of engines.mjs; handles hold an
//                                         EnginePage and diagnostics()
import { launchBrowser, openPage } from '../../../scripts/harness/browser.mjs';
import { startFilesServer } from '../../../scripts/harness/files-server.mjs';
import { startPageServer } from '../../../scripts/harness/page-server.mjs';
import { launchEngine, recordPageDiagnostics } from './engines.mjs';

export async function startViewerRig({ engine: engineName } = {}) {
  const files = await startFilesServer();
  const pages = await startPageServer({ filesOrigin: files.origin });
  if (engineName) return engineRig(engineName, files, pages);
  const browser = await launchBrowser();
  return {
    files,
    browser,
    /** Opens the test page once its module has loaded the package. */
    async openViewerPage({ initScripts, deviceScaleFactor } = {}) {
      const handle = await openPage(browser, { url: pages.pageUrl, initScripts, deviceScaleFactor });
      await handle.page.waitForSelector('html[data-harness="ready"]', { state: 'attached' });
      return handle;
    },
    async close() {
      await browser.close();
      await pages.close();
      await files.close();
    },
  };
}

async function engineRig(engineName, files, pages) {
  let engine;
  try {
    engine = await launchEngine(engineName);
  } catch (error) {
    await pages.close();
    await files.close();
    throw error;
  }
  return {
    files,
    engine,
    /**
     * Opens the test page once its module has loaded the package. Init scripts come from
     * the page server, ahead of the page's own scripts, the same way in every engine.
     * @returns {Promise<{page: import('./engines.mjs').EnginePage, diagnostics: () => Promise<object>, close: () => Promise<void>}>}
     */
    async openViewerPage({ initScripts = [], deviceScaleFactor = 1 } = {}) {
      const page = await engine.newPage({ deviceScaleFactor });
      try {
        await page.goto(pages.pageUrlWith([recordPageDiagnostics, ...initScripts]));
        await page.waitForSelector('html[data-harness="ready"]');
      } catch (error) {
        await page.close();
        throw error;
      }
      return { page, diagnostics: () => page.diagnostics(), close: () => page.close() };
    },
    async close() {
      await engine.close();
      await pages.close();
      await files.close();
    },
  };
}
