// The reviewer demo: sign in, pick a sample verification, read its summary, reveal a
// sensitive field on purpose, look at the document and the selfie side by side, clear.
import * as api from './api.js';
import { actionsNote, canRedact, revealNote, sessionAccess } from './access.js';
import { describeError } from './messages.js';
import { renderSessionList } from './session-list.js';
import { refreshWindowLine, renderSummary } from './summary-panel.js';
import { ImagePanes } from './image-panes.js';
import { LinkCountdown } from './countdown.js';
import { bindShortcuts, bindToolbar } from './keyboard.js';

const $ = (selector) => document.querySelector(selector);
const params = new URLSearchParams(location.search);
// Inactivity before images clear themselves; a query parameter lets tests shorten it.
const INACTIVITY_MS = Number(params.get('inactivitySeconds') ?? 120) * 1000;
// The layout is one column (the detail below the list) at this width and below.
const ONE_COLUMN = window.matchMedia('(max-width: 900px)');
const nowSeconds = () => Date.now() / 1000;

const state = {
  me: null,
  sessions: [],
  sessionId: null,
  summary: null, // the summary on screen, with what it allows
  bundle: null,
  refreshing: null, // the refresh in flight, shared by both panes
  panes: null,
  clearing: false,
  windowTimer: null,
  countdown: new LinkCountdown($('#link-countdown'), $('#link-announcer')),
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

// Asked by a viewer when a link expired before use (the viewer asks at most once per
// show, so this never loops). Every such request gets fresh links: a refresh is per
// attempt, not per "Show images". Both panes share a refresh that is still in flight.
function refreshBundle() {
  if (!state.refreshing) {
    const id = state.sessionId;
    state.refreshing = api.getImageLinks(id).then((bundle) => {
      if (id === state.sessionId) {
        state.bundle = bundle;
        state.countdown.start(bundle);
        showMessage('An image link had expired before it was used, so fresh links were fetched.');
      }
      return bundle;
    }).finally(() => {
      state.refreshing = null;
    });
  }
  return state.refreshing;
}

async function signIn(token) {
  api.signIn(token);
  try {
    state.me = await api.whoAmI();
  } catch (error) {
    api.signOut();
    $('#sign-in-error').textContent = describeError(error);
    $('#sign-in-error').hidden = false;
    $('#token').focus();
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
    onSelect: (_name, title) => $('.toolbar').setAttribute('aria-label', `Controls for the ${title.toLowerCase()} image`),
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
  state.summary = null;
  clearTimeout(state.windowTimer);
  renderSessionList($('#session-list'), state.sessions, id, pickSession);
  $('#summary-title').textContent = id;
  // Nothing of the previous verification stays under this one's name.
  $('#summary').replaceChildren();
  $('#actions-note').textContent = '';
  $('#show-images').disabled = true;
  $('#redact').disabled = true;
  // In one column the summary starts below the whole list: bring it into view, and the
  // focus with it (on two columns the list keeps the focus, for picking the next one).
  const oneColumn = ONE_COLUMN.matches;
  if (oneColumn) $('#summary-title').focus({ preventScroll: true });
  await loadSummary([]);
  if (oneColumn && id === state.sessionId) $('#detail').scrollIntoView({ block: 'start' });
}

// Turns the buttons on or off for what the summary allows, and says why one is off.
function applyAccess() {
  const { access } = state.summary;
  const mayRedact = state.me.roles.includes('redact');
  $('#show-images').disabled = access.images !== null;
  $('#redact').disabled = !canRedact(access, mayRedact);
  $('#actions-note').textContent = actionsNote(access, mayRedact);
}

// A redaction in progress turns into "redacted" at Stripe's pace: read it again soon.
// Otherwise the time left of the 48-hour window is brought up to date now and then.
const nextCheckSeconds = (summary) => (summary.redaction === 'processing' ? 2 : 30);

function renderCurrentSummary({ revealed = [] } = {}) {
  const { summary, access } = state.summary;
  renderSummary($('#summary'), summary, {
    canReveal: state.me.roles.includes('reveal'),
    revealOff: access.reveal,
    revealOffText: revealNote(access),
    access,
    now: nowSeconds(),
    revealed,
    onReveal: (field) => loadSummary([...new Set([...revealed, field])], { revealed: field }),
  });
  applyAccess();
}

// Keeps the window line current, and re-reads the access when the window ends on screen.
function scheduleSummaryCheck(seconds) {
  clearTimeout(state.windowTimer);
  state.windowTimer = setTimeout(() => {
    if (!state.summary) return;
    const { summary, revealed } = state.summary;
    const before = state.summary.access;
    state.summary.access = sessionAccess(summary, nowSeconds());
    if (summary.redaction === 'processing') {
      loadSummary(revealed, { quiet: true });
      return;
    }
    if (before.images !== state.summary.access.images || before.reveal !== state.summary.access.reveal) {
      renderCurrentSummary({ revealed });
    } else {
      refreshWindowLine($('#summary'), summary, state.summary.access, nowSeconds());
    }
    scheduleSummaryCheck(nextCheckSeconds(summary));
  }, seconds * 1000);
}

// `revealed`: the field a Reveal just asked for; it gets the focus, so a keyboard user
// lands on the value instead of the page body.
async function loadSummary(include, { revealed, quiet = false } = {}) {
  const id = state.sessionId;
  try {
    const summary = await api.getSummary(id, include);
    if (id !== state.sessionId) return;
    if (!quiet) showError(null); // an earlier failure is no longer the news
    state.summary = { summary, access: sessionAccess(summary, nowSeconds()), revealed: include };
    renderCurrentSummary({ revealed: include });
    if (revealed) $(`#summary .sensitive-value[data-field="${revealed}"]`)?.focus();
    scheduleSummaryCheck(nextCheckSeconds(summary));
  } catch (error) {
    if (id !== state.sessionId) return;
    showError(error);
    // A refused reveal leaves the summary and its buttons as they were.
    if (include.length === 0 && !quiet) {
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
  state.countdown.start(bundle);
  $('#viewer').hidden = false;
  await state.panes.show(bundle);
  $('#image-document').focus();
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
  showMessage(null);
  let failure = null;
  try {
    await api.redactSession(state.sessionId);
  } catch (error) {
    failure = error;
  }
  await loadSessions();
  // What the page says about the redaction comes from the summary read after it (the
  // Redaction line and the note beside the buttons), so the two never disagree.
  await loadSummary([]);
  if (failure) showError(failure);
  $('#summary-title').focus();
}

function wire() {
  $('#sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('#token').value.trim();
    $('#token').value = '';
    if (token) signIn(token);
  });
  $('#sign-in-button').disabled = false;
  $('#sign-in-loading').hidden = true;
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
  bindToolbar($('.toolbar'));
  // Not while the Redact dialog is open: its keys are its own (Esc cancels it).
  bindShortcuts(() => state.panes !== null && !$('#viewer').hidden && !$('#redact-dialog').open, runAction);
}

wire();
