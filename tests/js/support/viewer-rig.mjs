// Everything a viewer browser test needs: the files host, the page server (a second
// origin), and Chromium. One rig per test file; close() stops all three.
import { launchBrowser, openPage } from './browser.mjs';
import { startFilesServer } from './files-server.mjs';
import { startPageServer } from './page-server.mjs';

export async function startViewerRig() {
  const files = await startFilesServer();
  const pages = await startPageServer({ filesOrigin: files.origin });
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
