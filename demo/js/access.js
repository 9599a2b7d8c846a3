// What a verification lets the reviewer do, from its summary alone, so the page never
// offers an action that can only fail: images and sensitive fields are gone once redacted,
// out of reach of a plain restricted key 48 hours after processing, and there are no
// images before the user has finished the verification.

/**
 * @param {object} summary the stub's summary (processed_at, sensitive_access, redaction, …)
 * @param {number} now Unix seconds
 * @returns {{images: string|null, reveal: string|null, window: object}} the reason each
 *   action is off (a code for reasonText), or null when it may succeed
 */
export function sessionAccess(summary, now) {
  const access = summary.sensitive_access ?? {};
  const windowEndsAt = Number.isFinite(access.window_ends_at) ? access.window_ends_at : null;
  const window = {
    processedAt: Number.isFinite(summary.processed_at) ? summary.processed_at : null,
    ipRestrictedKey: access.ip_restricted_key === true,
    endsAt: windowEndsAt,
    over: windowEndsAt !== null && now >= windowEndsAt,
  };
  if (summary.redaction === 'redacted') return { images: 'redacted', reveal: 'redacted', window };
  if (summary.redaction === 'processing') return { images: 'redacting', reveal: 'redacting', window };
  if (window.over && !window.ipRestrictedKey) return { images: 'window_over', reveal: 'window_over', window };
  if (!summary.verification_report) return { images: 'not_processed', reveal: null, window };
  return { images: null, reveal: null, window };
}

const REASONS = {
  redacted: 'this verification was redacted; its images and personal data are gone for good.',
  redacting: 'Stripe is redacting this verification; its images and personal data are being deleted for good.',
  window_over: 'this verification was processed more than 48 hours ago, and Stripe shows its images and sensitive ' +
    'results only to an IP-restricted key (ask your administrator).',
  not_processed: 'this verification has no result yet (the user has not finished it), so there are no images.',
};

/** Whether Redact… can succeed: not twice, and only for a reviewer with the redact role. */
export const canRedact = ({ images }, mayRedact) => mayRedact && images !== 'redacted' && images !== 'redacting';

/**
 * The sentence shown beside Show images and Redact… when one is off, or '' when both are on.
 * @param {{images: string|null}} access from sessionAccess
 * @param {boolean} mayRedact the reviewer has the redact role
 */
export function actionsNote({ images }, mayRedact) {
  const parts = [];
  if (images) parts.push(`Show images is off: ${REASONS[images]}`);
  if (!mayRedact && images !== 'redacted' && images !== 'redacting') parts.push('Redact… is off: your reviewer account may not redact.');
  return parts.join(' ');
}

/** The sentence below the sensitive fields when their Reveal buttons are off. */
export const revealNote = ({ reveal }) => (reveal ? `Reveal is off: ${REASONS[reveal]}` : '');
const pad = (value) => String(value).padStart(2, '0');

/** "2026-11-30 09:40 UTC" */
export function formatTime(seconds) {
  const date = new Date(seconds * 1000);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** "2 h 5 min", "45 min", "3 d 2 h" */
export function formatDuration(seconds) {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/** When the verification was processed, in words. */
export function processedText(window, now) {
  if (window.processedAt === null) return 'Not yet';
  return `${formatTime(window.processedAt)} (${formatDuration(now - window.processedAt)} ago)`;
}

/** How much of Stripe's 48-hour window for sensitive results is left, in words. */
export function windowText(summary, window, now) {
  if (summary.redaction === 'redacted') return 'Deleted (redacted)';
  if (window.ipRestrictedKey) return 'No 48-hour limit: the server\'s key is IP-restricted';
  if (window.processedAt === null || window.endsAt === null) return '—';
  if (window.over) return `48-hour window ended ${formatDuration(now - window.endsAt)} ago: only an IP-restricted key can read them`;
  return `${formatDuration(window.endsAt - now)} left of the 48-hour window`;
}
