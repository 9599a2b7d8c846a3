// The list of verifications the reviewer may open, with their status and type.
export function renderSessionList(list, sessions, currentId, onPick) {
  list.replaceChildren(...sessions.map((session) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-current', String(session.id === currentId));
    button.dataset.sessionId = session.id;

    const title = document.createElement('strong');
    title.textContent = session.label || session.id;
    const id = document.createElement('span');
    id.className = 'session-id';
    id.textContent = session.id;
    const badges = document.createElement('span');
    badges.className = 'badges';
    const redaction = session.redaction === 'redacted' ? 'redacted' : null;
    for (const text of [redaction ?? session.status, session.type].filter(Boolean)) {
      const badge = document.createElement('span');
      badge.className = `badge ${text}`;
      badge.textContent = text.replace(/_/g, ' ');
      badges.append(badge);
    }
    button.append(title, id, badges);
    button.addEventListener('click', () => onPick(session.id));
    item.append(button);
    return item;
  }));
}
