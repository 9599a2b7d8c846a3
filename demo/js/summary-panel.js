// A verification's summary. Sensitive fields stay hidden until the reviewer asks for one;
// each reveal is a separate request, which the server audits. When a reveal cannot succeed
// (redacted, or past the 48-hour window without an IP-restricted key), its buttons are
// off and the reason is said once, below the fields.
import { processedText, windowText } from './access.js';

const SENSITIVE_FIELDS = [
  ['dob', 'Date of birth'],
  ['id_number', 'ID number'],
  ['document_number', 'Document number'],
  ['expiration_date', 'Document expires'],
];
const CHECK_LABELS = { document: 'Document check', id_number: 'ID number check', selfie: 'Selfie check' };
const DOCUMENT_TYPES = { passport: 'Passport', id_card: 'ID card', driving_license: 'Driving licence' };

const formatDate = (date) => (date && date.year
  ? `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
  : null);
const formatValue = (value) => (value && typeof value === 'object' ? formatDate(value) : value);
const words = (text) => (text ? String(text).replace(/_/g, ' ') : '—');
const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function row(list, label, value, extra) {
  const term = document.createElement('dt');
  term.textContent = label;
  const detail = document.createElement('dd');
  if (value instanceof Node) detail.append(value);
  else detail.textContent = value ?? '—';
  if (extra) detail.append(extra);
  list.append(term, detail);
  return detail;
}

/**
 * @param {HTMLElement} container
 * @param {object} summary the stub's summary
 * @param {{canReveal: boolean, revealOff: string|null, revealOffText: string, access: object, now: number,
 *   revealed: string[], onReveal: (field: string) => void}} options
 *   canReveal: the reviewer has the reveal role; revealOff: why Reveal cannot succeed (null: it can)
 */
export function renderSummary(container, summary, { canReveal, revealOff, revealOffText, access, now, revealed, onReveal }) {
  const list = document.createElement('dl');
  const name = [summary.names?.first_name, summary.names?.last_name].filter(Boolean).join(' ');
  row(list, 'Status', words(summary.status)).dataset.field = 'status';
  row(list, 'Type', words(summary.type));
  if (summary.redaction) row(list, 'Redaction', words(summary.redaction)).dataset.field = 'redaction';
  if (summary.last_error) row(list, 'Last error', `${words(summary.last_error.code)}${summary.last_error.reason ? ` — ${summary.last_error.reason}` : ''}`);
  row(list, 'Processed', processedText(access.window, now)).dataset.field = 'processed';
  row(list, 'Sensitive results', windowText(summary, access.window, now)).dataset.field = 'window';
  for (const [check, result] of Object.entries(summary.checks ?? {})) {
    const text = `${words(result.status)}${result.error ? ` (${words(result.error.code)})` : ''}`;
    row(list, CHECK_LABELS[check] ?? sentence(`${words(check)} check`), text);
  }
  const documentType = summary.document?.type;
  row(list, 'Document', summary.document
    ? `${DOCUMENT_TYPES[documentType] ?? sentence(words(documentType))}, ${summary.document.issuing_country ?? '—'}`
    : '—');
  row(list, 'Name', name || '—');

  const noteId = 'reveal-note';
  for (const [field, label] of SENSITIVE_FIELDS) {
    const shown = revealed.includes(field);
    const value = shown ? formatValue(summary.sensitive?.[field]) : null;
    const text = document.createElement('span');
    text.className = 'sensitive-value';
    text.dataset.field = field;
    text.textContent = shown ? (value ?? 'not available') : '••••••';
    if (shown) text.tabIndex = -1; // focusable by script only: where a reveal leaves the focus
    let button = null;
    if (!shown && canReveal) {
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'reveal';
      button.dataset.reveal = field;
      button.textContent = 'Reveal';
      button.setAttribute('aria-label', `Reveal ${label.toLowerCase()} (the reveal is audited)`);
      if (revealOff) {
        button.disabled = true;
        button.setAttribute('aria-describedby', noteId);
      } else {
        button.addEventListener('click', () => onReveal(field));
      }
    }
    row(list, label, text, button);
  }
  const parts = [list];
  if (canReveal && revealOff) {
    const note = document.createElement('p');
    note.id = noteId;
    note.className = 'reveal-note';
    note.textContent = revealOffText;
    parts.push(note);
  }
  container.replaceChildren(...parts);
}

/** Keeps the "Sensitive results" line current (how much of the window is left). */
export function refreshWindowLine(container, summary, access, now) {
  const line = container.querySelector('[data-field="window"]');
  if (line) line.textContent = windowText(summary, access.window, now);
  const processed = container.querySelector('[data-field="processed"]');
  if (processed) processed.textContent = processedText(access.window, now);
}
