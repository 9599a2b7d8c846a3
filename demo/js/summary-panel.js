// A verification's summary. Sensitive fields stay hidden until the reviewer asks for one;
// each reveal is a separate request, which the server audits.
const SENSITIVE_FIELDS = [
  ['dob', 'Date of birth'],
  ['id_number', 'ID number'],
  ['document_number', 'Document number'],
  ['expiration_date', 'Document expires'],
];

const formatDate = (date) => (date && date.year
  ? `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
  : null);
const formatValue = (value) => (value && typeof value === 'object' ? formatDate(value) : value);
const words = (text) => (text ? String(text).replace(/_/g, ' ') : '—');

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

export function renderSummary(container, summary, { canReveal, revealed, onReveal }) {
  const list = document.createElement('dl');
  const name = [summary.names?.first_name, summary.names?.last_name].filter(Boolean).join(' ');
  row(list, 'Status', words(summary.status)).dataset.field = 'status';
  row(list, 'Type', words(summary.type));
  if (summary.redaction) row(list, 'Redaction', words(summary.redaction)).dataset.field = 'redaction';
  if (summary.last_error) row(list, 'Last error', `${words(summary.last_error.code)}${summary.last_error.reason ? ` — ${summary.last_error.reason}` : ''}`);
  for (const [check, result] of Object.entries(summary.checks ?? {})) {
    const text = `${words(result.status)}${result.error ? ` (${words(result.error.code)})` : ''}`;
    row(list, `${words(check)} check`, text);
  }
  row(list, 'Document', summary.document ? `${words(summary.document.type)}, ${summary.document.issuing_country ?? '—'}` : '—');
  row(list, 'Name', name || '—');

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
      button.addEventListener('click', () => onReveal(field));
    }
    row(list, label, text, button);
  }
  container.replaceChildren(list);
}
