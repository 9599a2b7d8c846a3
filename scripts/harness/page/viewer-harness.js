// Runs in the test page: builds a viewer on #view and turns its promises and events
// into plain data the Node side can read through page.evaluate.
import * as viewerPackage from '/web/src/index.js';

const EVENT_TYPES = ['progress', 'loaded', 'expired', 'cleared', 'error'];
const events = [];
const queuedBundles = [];
let viewer = null;
let refreshCalls = 0;
let waiters = [];

function plain(detail) {
  if (detail instanceof Error) return { name: detail.name, code: detail.code, message: detail.message };
  return { ...detail };
}

async function outcome(promise) {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, name: error.name, code: error.code, message: error.message, isViewerError: error instanceof viewerPackage.ViewerError };
  }
}

window.harness = {
  package: viewerPackage,
  get viewer() {
    return viewer;
  },
  events,

  /**
   * @param {object} options viewer options that survive structured cloning
   * @param {{watermarkText?: string, refreshBundles?: object[], refresh?: boolean}} extras
   */
  async create(options = {}, { watermarkText, refreshBundles, refresh = false } = {}) {
    viewer?.destroy();
    events.length = 0;
    refreshCalls = 0;
    queuedBundles.splice(0, queuedBundles.length, ...(refreshBundles ?? []));
    const settings = { ...options };
    if (watermarkText !== undefined) settings.watermark = () => watermarkText;
    if (refresh || refreshBundles) {
      settings.refreshBundle = async () => {
        refreshCalls += 1;
        if (queuedBundles.length === 0) throw new Error('the test queued no more bundles');
        return queuedBundles.shift();
      };
    }
    viewer = await viewerPackage.createViewer(document.querySelector('#view'), settings);
    for (const type of EVENT_TYPES) {
      viewer.on(type, (detail) => {
        const entry = { type, detail: plain(detail) };
        events.push(entry);
        waiters = waiters.filter((waiter) => !(waiter.type === type && (waiter.resolve(entry), true)));
      });
    }
  },

  show: (bundle, options) => outcome(viewer.show(bundle, options)),
  select: (role) => outcome(viewer.select(role)),
  refreshCalls: () => refreshCalls,

  /** Resolves with the next event of `type` (one arriving after this call). */
  nextEvent(type) {
    return new Promise((resolve) => waiters.push({ type, resolve }));
  },

  /** RGBA at backing-store pixel positions of #view. */
  readPixels(points) {
    const canvas = document.querySelector('#view');
    const context = canvas.getContext('2d');
    return points.map(([x, y]) => [...context.getImageData(Math.floor(x), Math.floor(y), 1, 1).data]);
  },

  canvasState() {
    const canvas = document.querySelector('#view');
    return { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth, cssHeight: canvas.clientHeight };
  },
};
document.documentElement.dataset.harness = 'ready';
