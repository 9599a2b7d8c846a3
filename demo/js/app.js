// The reviewer demo: sign in, pick a sample verification, read its summary, reveal a
// sensitive field on purpose, look at the document and the selfie side by side, clear.
import * as api from './api.js';
import { describeError } from './messages.js';
import { renderSessionList } from './session-list.js';
import { renderSummary } from './summary-panel.js';
import { ImagePanes } from './image-panes.js';
import { LinkCountdown } from './countdown.js';
import { bindShortcuts } from './keyboard.js';

const $ = (selector) => document.querySelector(selector);
const params = new URLSearchParams(location.search);
// Inactivity before images clear themselves; a query parameter lets tests shorten it.
const INACTIVITY_MS = Number(params.get('inactivitySeconds') ?? 120) * 1000;

const state = {
  me: null,
  sessions: [],
  sessionId: null,
  bundle: null,
  refreshed: null, // the in-flight or settled refresh of the current bundle: one per show
  panes: null,
  clearing: false,
  countdown: new LinkCountdown($('#link-countdown')),
};

function showMessage(text) {
  $('#page-message').textContent = text ?? '';
  $('#page-message').hidden = !text;
}

function showError(error) {
  const text = error ? describeError(error) : null;
  $('#page-error').textContent = text ?? '';
  $('#page-error').hidden = !text;
  if (error && text) $('#page-error').dataset.code = error.code;
  else delete $('#page-error').dataset.code;
}

function watermarkText() {
  const time = new Date().toISOString().replace('T', ' ').slice(0, 19);
  return `${state.me.reviewer_id} · ${time} UTC · CONFIDENTIAL`;
}

// Asked by a viewer when a link expired before use. Both viewers share one refresh, and a
// show gets at most one: the viewer itself never asks twice.
function refreshBundle() {
  if (!state.refreshed) {
    state.refreshed = api.getImageLinks(state.sessionId).then((bundle) => {
      state.bundle = bundle;
      state.countdown.start(bundle);
      showMessage('An image link expired before it was used, so fresh links were fetched once.');
      return bundle;
    });
  }
  return state.refreshed;
}

async function signIn(token) {
  api.signIn(token);
  try {
    state.me = await api.whoAmI();
  } catch (error) {
    api.signOut();
    $('#sign-in-error').textContent = describeError(error);
    $('#sign-in-error').hidden = false;
    return;
  }
  $('#sign-in-error').hidden = true;
  $('#sign-in').hidden = true;
  $('#workspace').hidden = false;
  $('#whoami').hidden = false;
  $('#reviewer-id').textContent = state.me.reviewer_id;
  state.panes = new ImagePanes($('#viewer'), {
    allowedHosts: state.me.viewer.allowed_hosts,
    watermark: watermarkText,
    refreshBundle,
    inactivityMs: INACTIVITY_MS,
    currentBundle: () => state.bundle,
    onEvent: onViewerEvent,
  });
  await state.panes.init();
  await loadSessions();
  // The sign-in form is gone: continue from the first verification, not the page body.
  $('#session-list button')?.focus();
}

function signOut() {
  clearImages('signed_out');
  state.panes?.destroy();
  state.panes = null;
  api.signOut();
  location.reload();
}

async function loadSessions() {
  try {
    const list = await api.listSessions();
    state.sessions = list.sessions;
    renderSessionList($('#session-list'), state.sessions, state.sessionId, pickSession);
    $('#sessions-error').hidden = true;
  } catch (error) {
    $('#sessions-error').textContent = describeError(error);
    $('#sessions-error').hidden = false;
  }
}

async function pickSession(id) {
  clearImages('session_changed');
  $('#viewer').hidden = true;
  $('#cleared-notice').hidden = true;
  showMessage(null);
  showError(null);
  state.sessionId = id;
  renderSessionList($('#session-list'), state.sessions, id, pickSession);
  $('#summary-title').textContent = id;
  await loadSummary([]);
}

// `revealed`: the field a Reveal just asked for; it gets the focus, so a keyboard user
// lands on the value instead of the page body.
async function loadSummary(include, { revealed } = {}) {
  const id = state.sessionId;
  try {
    const summary = await api.getSummary(id, include);
    if (id !== state.sessionId) return;
    renderSummary($('#summary'), summary, {
      canReveal: state.me.roles.includes('reveal'),
      revealed: include,
      onReveal: (field) => loadSummary([...new Set([...include, field])], { revealed: field }),
    });
    if (revealed) $(`#summary .sensitive-value[data-field="${revealed}"]`)?.focus();
    const redacted = summary.redaction === 'redacted' || summary.redaction === 'processing';
    // Say why "Show images" is off (unless the page already says more, e.g. after Redact).
    if (redacted && $('#page-message').hidden) showMessage(describeError({ code: 'session_redacted' }));
    $('#show-images').disabled = redacted;
    $('#redact').disabled = redacted || !state.me.roles.includes('redact');
  } catch (error) {
    showError(error);
    // A refused reveal leaves the summary and its buttons as they were.
    if (include.length === 0) {
      $('#show-images').disabled = true;
      $('#redact').disabled = true;
    }
  }
}

async function showImages() {
  showError(null);
  showMessage(null);
  $('#cleared-notice').hidden = true;
  $('#render-path').textContent = '';
  let bundle;
  try {
    bundle = await api.getImageLinks(state.sessionId);
  } catch (error) {
    showError(error);
    return;
  }
  state.bundle = bundle;
  state.refreshed = null;
  state.countdown.start(bundle);
  $('#viewer').hidden = false;
  await state.panes.show(bundle);
  $('#pane-document').focus();
}

// Clears both panes. A viewer that cleared itself (tab hidden, inactivity, ...) reports it;
// the page then clears the other pane too and says why.
function clearImages(reason) {
  if (!state.panes || state.clearing) return;
  state.clearing = true;
  try {
    state.panes.clear();
  } finally {
    state.clearing = false;
  }
  state.countdown.stop();
  state.bundle = null;
  if (reason) showCleared(reason);
}

const CLEARED_TEXT = {
  user: 'Images cleared.',
  hidden: 'Images were cleared because the tab was hidden.',
  inactivity: 'Images were cleared after a period without activity.',
  window_ended: 'Images were cleared because the viewing window ended.',
  pagehide: 'Images were cleared.',
};

function showCleared(reason) {
  if (!CLEARED_TEXT[reason] || $('#viewer').hidden) return;
  $('#viewer').hidden = true;
  $('#cleared-text').textContent = CLEARED_TEXT[reason];
  $('#cleared-notice').hidden = false;
  $('#cleared-notice').dataset.reason = reason;
  $('#show-again').focus();
}

// Reasons for which a viewer clears itself; 'user' and 'destroyed' come from this page.
const SELF_CLEAR_REASONS = new Set(['hidden', 'inactivity', 'window_ended', 'pagehide']);

function onViewerEvent(type, detail) {
  switch (type) {
    case 'loaded':
      $('#render-path').textContent = detail.path === 'element'
        ? 'Files host sends no CORS headers: drawn through an image element.'
        : '';
      break;
    case 'cleared':
      if (SELF_CLEAR_REASONS.has(detail.reason)) clearImages(detail.reason);
      break;
    case 'error':
      showError(detail.error);
      break;
    default:
      break;
  }
}

async function redact() {
  const dialog = $('#redact-dialog');
  $('#redact-session').textContent = state.sessionId;
  dialog.showModal();
  const choice = await new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue), { once: true }));
  if (choice !== 'confirm') return;
  clearImages(null);
  $('#viewer').hidden = true;
  try {
    const result = await api.redactSession(state.sessionId);
    showMessage(`Redaction requested: ${result.redaction?.status ?? 'processing'}. Images can no longer be shown.`);
  } catch (error) {
    showError(error);
  }
  await loadSessions();
  await loadSummary([]);
}

function wire() {
  $('#sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn($('#token').value.trim());
    $('#token').value = '';
  });
  $('#sign-out').addEventListener('click', signOut);
  $('#show-images').addEventListener('click', showImages);
  $('#show-again').addEventListener('click', showImages);
  $('#redact').addEventListener('click', redact);
  $('#lock-zoom').addEventListener('change', (event) => { state.panes.lockZoom = event.target.checked; });
  const runAction = (action) => {
    if (action === 'clear') {
      clearImages('user');
    } else if (action === 'lock') {
      $('#lock-zoom').click();
    } else {
      state.panes.run(action);
    }
  };
  $('#adjust-brightness').addEventListener('input', (event) => state.panes.adjust({ brightness: Number(event.target.value) }));
  $('#adjust-contrast').addEventListener('input', (event) => state.panes.adjust({ contrast: Number(event.target.value) }));
  $('#adjust-invert').addEventListener('change', (event) => state.panes.adjust({ invert: event.target.checked }));
  for (const button of document.querySelectorAll('.toolbar [data-action]')) {
    button.addEventListener('click', () => runAction(button.dataset.action));
  }
  // Not while the Redact dialog is open: its keys are its own (Esc cancels it).
  bindShortcuts(() => state.panes !== null && !$('#viewer').hidden && !$('#redact-dialog').open, runAction);
}

wire();
