// Keyboard shortcuts for the image controls; the same keys are printed on the buttons.
const KEY_ACTIONS = {
  '+': 'zoom-in', '=': 'zoom-in', '-': 'zoom-out', _: 'zoom-out',
  0: 'fit', 1: 'actual', '[': 'rotate-left', ']': 'rotate-right',
  f: 'flip', F: 'flip', r: 'reset', R: 'reset', Escape: 'clear',
  l: 'lock', L: 'lock',
};
// Arrow keys pan only the image that has the focus: elsewhere they keep their own meaning
// (scrolling the page, moving among tabs or toolbar controls).
const PAN_ACTIONS = { ArrowLeft: 'pan-left', ArrowRight: 'pan-right', ArrowUp: 'pan-up', ArrowDown: 'pan-down' };

// Calls onAction(action) for a shortcut, unless the reviewer is typing in a field or a
// modifier key is held (so browser shortcuts keep working).
export function bindShortcuts(isActive, onAction) {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || !isActive() || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    if (target instanceof HTMLInputElement && target.type !== 'checkbox') return;
    const onImage = target instanceof Element && target.closest('.image-area') !== null;
    const action = KEY_ACTIONS[event.key] ?? (onImage ? PAN_ACTIONS[event.key] : undefined);
    if (!action) return;
    event.preventDefault();
    onAction(action);
  });
}

// A WAI-ARIA toolbar: one Tab stop (the control last used), Left/Right move among the
// controls (wrapping), Home/End go to the first/last.
export function bindToolbar(toolbar) {
  const controls = () => [...toolbar.querySelectorAll('button, input')].filter((control) => !control.disabled);
  const makeCurrent = (current) => {
    for (const control of controls()) control.tabIndex = control === current ? 0 : -1;
  };
  toolbar.addEventListener('focusin', (event) => {
    if (controls().includes(event.target)) makeCurrent(event.target);
  });
  toolbar.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const list = controls();
    const index = list.indexOf(document.activeElement);
    if (index < 0) return;
    const next = {
      ArrowRight: (index + 1) % list.length,
      ArrowLeft: (index - 1 + list.length) % list.length,
      Home: 0,
      End: list.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    list[next].focus();
  });
}
