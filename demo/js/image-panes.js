// The two image panes: the document (front / back) and the selfie (face / the ID photo
// captured with it), side by side for comparison, each drawn by its own viewer from the
// npm package. The selected pane takes the toolbar's and the keyboard's commands and the
// brightness/contrast/invert controls; with "lock zoom" on, zoom commands go to both.
// Wheel, drag, pinch and double-tap come with the package, on each canvas.
//
// Each pane's sides are WAI-ARIA tabs with manual activation (showing a side fetches an
// image): Left/Right (wrapping) and Home/End move the focus among them, Enter or Space
// shows the focused one. The image area is the tab panel; its canvas is an image whose name says what it
// shows and whether it loaded.
import { createViewer } from '/viewer/src/index.js';

const PANES = {
  document: { title: 'Document', roles: ['document_front', 'document_back'], labels: { document_front: 'Front', document_back: 'Back' } },
  selfie: { title: 'Selfie', roles: ['selfie_face', 'selfie_document'], labels: { selfie_face: 'Face', selfie_document: 'ID photo' } },
};
const ZOOM_STEP = 1.25;
const PAN_STEP_CSS_PX = 40;

export class ImagePanes {
  constructor(root, { allowedHosts, watermark, refreshBundle, inactivityMs, currentBundle, onEvent, onSelect }) {
    this.root = root;
    this.options = { allowedHosts, watermark, refreshBundle, inactivityMs };
    this.currentBundle = currentBundle;
    this.onEvent = onEvent;
    this.onSelect = onSelect ?? (() => {});
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
        name, spec, element, canvas, viewer,
        area: element.querySelector('[role="tabpanel"]'),
        progress: element.querySelector('progress'),
        tabs: element.querySelector('[role="tablist"]'),
        zoomLevel: element.querySelector('.zoom-level'),
        role: null,
      };
      this.wire(pane);
      this.panes.set(name, pane);
      this.describe(pane, 'none');
    }
    this.select(this.selected);
  }

  wire(pane) {
    pane.element.addEventListener('focusin', () => this.select(pane.name));
    pane.element.addEventListener('pointerdown', () => this.select(pane.name));
    pane.tabs.addEventListener('keydown', (event) => this.onTabKey(pane, event));
    pane.viewer.on('progress', ({ received, total }) => {
      pane.progress.hidden = false;
      if (total > 0) pane.progress.value = received / total;
      else pane.progress.removeAttribute('value');
    });
    pane.viewer.on('loaded', (info) => {
      pane.progress.hidden = true;
      this.describe(pane, 'shown');
      this.onEvent('loaded', { pane: pane.name, ...info });
    });
    pane.viewer.on('expired', (info) => this.onEvent('expired', { pane: pane.name, ...info }));
    pane.viewer.on('cleared', (info) => {
      pane.progress.hidden = true;
      pane.zoomLevel.textContent = '';
      this.describe(pane, 'cleared');
      this.onEvent('cleared', { pane: pane.name, ...info });
    });
    pane.viewer.on('zoom', ({ percent }) => {
      pane.zoomLevel.textContent = `${percent}%`;
    });
    pane.viewer.on('error', (error) => {
      pane.progress.hidden = true;
      if (error.code !== 'aborted') this.describe(pane, 'failed');
      this.onEvent('error', { pane: pane.name, error });
    });
  }

  // The canvas's accessible name: which image, and what became of it.
  describe(pane, state) {
    const side = pane.role ? `, ${pane.spec.labels[pane.role].toLowerCase()}` : '';
    const words = {
      none: 'no image',
      loading: 'loading',
      shown: 'shown, with the reviewer watermark',
      failed: 'could not be shown (the page says why)',
      cleared: 'cleared',
    };
    pane.canvas.setAttribute('aria-label', `${pane.spec.title}${state === 'none' || state === 'cleared' ? '' : side}: ${words[state]}`);
    pane.canvas.dataset.state = state;
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
    if (this.panes.get(this.selected)?.element.hidden) this.select('document');
    await Promise.allSettled(jobs);
  }

  async showRole(pane, bundle, role) {
    pane.role = role;
    for (const tab of pane.tabs.querySelectorAll('[role="tab"]')) {
      const selected = tab.dataset.role === role;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected) pane.area.setAttribute('aria-labelledby', `pane-title-${pane.name} ${tab.id}`);
    }
    pane.progress.value = 0;
    this.describe(pane, 'loading');
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
      tab.id = `tab-${role}`;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', pane.area.id);
      tab.setAttribute('aria-selected', 'false');
      tab.tabIndex = -1;
      tab.dataset.role = role;
      tab.textContent = pane.spec.labels[role];
      tab.addEventListener('click', () => {
        this.select(pane.name);
        if (pane.role !== role || pane.viewer.state !== 'shown') this.showRole(pane, this.currentBundle(), role);
      });
      return tab;
    }));
  }

  // Left/Right (wrapping around), Home and End move the focus among a pane's tabs.
  onTabKey(pane, event) {
    const tabs = [...pane.tabs.querySelectorAll('[role="tab"]')];
    const index = tabs.indexOf(document.activeElement);
    if (index < 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    const next = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation(); // not a pan
    tabs[next].focus();
  }

  select(name) {
    if (!this.panes.has(name)) return;
    const changed = this.selected !== name;
    this.selected = name;
    for (const pane of this.panes.values()) pane.element.classList.toggle('selected', pane.name === name);
    this.showAdjustments();
    if (changed || !this.announcedSelection) {
      this.announcedSelection = true;
      this.onSelect(name, this.panes.get(name).spec.title);
    }
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
