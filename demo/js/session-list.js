// The list of verifications the reviewer may open, with their status and type.
export function renderSessionList(list, sessions, currentId, onPick) {
  // Re-rendering replaces the buttons: keep the keyboard focus on the same session.
  const focusedId = list.contains(document.activeElement) ? document.activeElement.dataset.sessionId : null;
  list.replaceChildren(...sessions.map((session) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-current', String(session.id === currentId));
    button.dataset.sessionId = session.id;

    const id = document.createElement('strong');
    id.className = 'session-id';
    id.textContent = session.id;
    const created = document.createElement('span');
    created.className = 'session-created';
    created.textContent = session.created
      ? `created ${new Date(session.created * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`
      : '';
    const badges = document.createElement('span');
    badges.className = 'badges';
    const redaction = session.redaction === 'redacted' ? 'redacted' : null;
    for (const text of [redaction ?? session.status, session.type].filter(Boolean)) {
      const badge = document.createElement('span');
      badge.className = `badge ${text}`;
      badge.textContent = text.replace(/_/g, ' ');
      badges.append(badge);
    }
    button.append(id, created, badges);
    button.addEventListener('click', () => onPick(session.id));
    item.append(button);
    return item;
  }));
  if (focusedId) list.querySelector(`button[data-session-id="${CSS.escape(focusedId)}"]`)?.focus();
}
