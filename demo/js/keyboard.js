// Keyboard shortcuts for the image controls; the same keys are printed on the buttons.
const KEY_ACTIONS = {
  '+': 'zoom-in', '=': 'zoom-in', '-': 'zoom-out', _: 'zoom-out',
  0: 'fit', 1: 'actual', '[': 'rotate-left', ']': 'rotate-right',
  f: 'flip', F: 'flip', r: 'reset', R: 'reset', Escape: 'clear',
  l: 'lock', L: 'lock',
  ArrowLeft: 'pan-left', ArrowRight: 'pan-right', ArrowUp: 'pan-up', ArrowDown: 'pan-down',
};

// Calls onAction(action) for a shortcut, unless the reviewer is typing in a field or a
// modifier key is held (so browser shortcuts keep working).
export function bindShortcuts(isActive, onAction) {
  document.addEventListener('keydown', (event) => {
    if (!isActive() || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    const action = KEY_ACTIONS[event.key];
    if (!action) return;
    event.preventDefault();
    onAction(action);
  });
}
