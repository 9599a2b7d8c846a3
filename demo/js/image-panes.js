// The two image panes: the document (front / back) and the selfie (face / the ID photo
// captured with it), side by side for comparison, each drawn by its own viewer from the
// npm package. The selected pane takes the toolbar's and the keyboard's commands and the
// brightness/contrast/invert controls; with "lock zoom" on, zoom commands go to both.
// Wheel, drag, pinch and double-tap come with the package, on each canvas.
import { createViewer } from '/viewer/src/index.js';

const PANES = {
  document: { roles: ['document_front', 'document_back'], labels: { document_front: 'Front', document_back: 'Back' } },
  selfie: { roles: ['selfie_face', 'selfie_document'], labels: { selfie_face: 'Face', selfie_document: 'ID photo' } },
};
const ZOOM_STEP = 1.25;
const PAN_STEP_CSS_PX = 40;

export class ImagePanes {
  constructor(root, { allowedHosts, watermark, refreshBundle, inactivityMs, currentBundle, onEvent }) {
    this.root = root;
    this.options = { allowedHosts, watermark, refreshBundle, inactivityMs };
    this.currentBundle = currentBundle;
    this.onEvent = onEvent;
    this.panes = new Map();
    this.selected = 'document';
    this.lockZoom = false;
  }

  async init() {
    for (const [name, spec] of Object.entries(PANES)) {
      const element = this.root.querySelector(`[data-pane="${name}"]`);
      const canvas = element.querySelector('canvas');
      const viewer = await createViewer(canvas, {
        allowedHosts: this.options.allowedHosts,
        watermark: this.options.watermark,
        refreshBundle: this.options.refreshBundle,
        clearOnHidden: true,
        inactivityMs: this.options.inactivityMs,
      });
      const pane = {
        name, spec, element, canvas, viewer, role: null,
        progress: element.querySelector('progress'),
        tabs: element.querySelector('.role-tabs'),
        zoomLevel: element.querySelector('.zoom-level'),
      };
      this.wire(pane);
      this.panes.set(name, pane);
    }
    this.select(this.selected);
  }

  wire(pane) {
    pane.element.addEventListener('focus', () => this.select(pane.name));
    pane.element.addEventListener('pointerdown', () => this.select(pane.name));
    pane.viewer.on('progress', ({ received, total }) => {
      pane.progress.hidden = false;
      if (total > 0) pane.progress.value = received / total;
      else pane.progress.removeAttribute('value');
    });
    pane.viewer.on('loaded', (info) => {
      pane.progress.hidden = true;
      this.onEvent('loaded', { pane: pane.name, ...info });
    });
    pane.viewer.on('expired', (info) => this.onEvent('expired', { pane: pane.name, ...info }));
    pane.viewer.on('cleared', (info) => {
      pane.zoomLevel.textContent = '';
      this.onEvent('cleared', { pane: pane.name, ...info });
    });
    pane.viewer.on('zoom', ({ percent }) => {
      pane.zoomLevel.textContent = `${percent}%`;
    });
    pane.viewer.on('error', (error) => {
      pane.progress.hidden = true;
      this.onEvent('error', { pane: pane.name, error });
    });
  }

  // Shows the first available role of each pane. Roles the bundle lacks (a passport has no
  // back) get no tab.
  async show(bundle) {
    const available = new Set(bundle.images.map((image) => image.role));
    const jobs = [];
    for (const pane of this.panes.values()) {
      const roles = pane.spec.roles.filter((role) => available.has(role));
      this.renderTabs(pane, roles);
      pane.role = roles[0] ?? null;
      pane.element.hidden = pane.role === null;
      if (pane.role) jobs.push(this.showRole(pane, bundle, pane.role));
    }
    await Promise.allSettled(jobs);
  }

  async showRole(pane, bundle, role) {
    pane.role = role;
    for (const tab of pane.tabs.querySelectorAll('button')) tab.setAttribute('aria-selected', String(tab.dataset.role === role));
    pane.progress.value = 0;
    try {
      await pane.viewer.show(bundle, { role });
    } catch {
      // Reported through the viewer's 'error' event.
    }
  }

  renderTabs(pane, roles) {
    pane.tabs.replaceChildren(...roles.map((role) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.dataset.role = role;
      tab.textContent = pane.spec.labels[role];
      tab.addEventListener('click', () => {
        this.select(pane.name);
        this.showRole(pane, this.currentBundle(), role);
      });
      return tab;
    }));
  }

  select(name) {
    if (!this.panes.has(name)) return;
    this.selected = name;
    for (const pane of this.panes.values()) pane.element.setAttribute('aria-selected', String(pane.name === name));
    this.showAdjustments();
  }

  // The adjustment controls show the selected pane's values.
  showAdjustments() {
    const { brightness, contrast, invert } = this.selectedPane().viewer.adjustments;
    this.root.querySelector('#adjust-brightness').value = String(brightness);
    this.root.querySelector('#adjust-contrast').value = String(contrast);
    this.root.querySelector('#adjust-invert').checked = invert;
  }

  adjust(changes) {
    this.selectedPane().viewer.adjust(changes);
  }

  selectedPane() { return this.panes.get(this.selected); }

  // The commands of the toolbar and the keyboard.
  run(action) {
    const targets = this.lockZoom && ZOOM_ACTIONS.has(action) ? [...this.panes.values()] : [this.selectedPane()];
    for (const { viewer } of targets) {
      switch (action) {
        case 'zoom-in': viewer.zoom(ZOOM_STEP); break;
        case 'zoom-out': viewer.zoom(1 / ZOOM_STEP); break;
        case 'fit': viewer.zoomTo('fit'); break;
        case 'actual': viewer.zoomTo('actual'); break;
        case 'rotate-left': viewer.rotate(-1); break;
        case 'rotate-right': viewer.rotate(1); break;
        case 'flip': viewer.flip(); break;
        case 'reset': viewer.reset(); break;
        case 'fullscreen': viewer.toggleFullscreen().catch(() => {}); break; // refused: stays as it is
        case 'pan-left': viewer.pan(PAN_STEP_CSS_PX, 0); break;
        case 'pan-right': viewer.pan(-PAN_STEP_CSS_PX, 0); break;
        case 'pan-up': viewer.pan(0, PAN_STEP_CSS_PX); break;
        case 'pan-down': viewer.pan(0, -PAN_STEP_CSS_PX); break;
        default: throw new Error(`unknown action ${action}`);
      }
    }
  }

  clear() {
    for (const pane of this.panes.values()) {
      pane.viewer.clear();
      pane.progress.hidden = true;
    }
  }

  destroy() {
    for (const pane of this.panes.values()) pane.viewer.destroy();
    this.panes.clear();
  }
}

const ZOOM_ACTIONS = new Set(['zoom-in', 'zoom-out', 'fit', 'actual', 'pan-left', 'pan-right', 'pan-up', 'pan-down']);
