// The canvas' pointer and wheel events, forwarded to the core's PointerGestures, which
// decides what each does to the ViewState (wheel zoom about the pointer, drag to pan,
// pinch and two-finger pan, double tap or click to zoom in and back to fit). This file
// only turns events into canvas coordinates and keeps the browser's own handling out:
// pointer capture so a drag continues outside the canvas, touch-action so touch moves
// reach the page instead of scrolling it, and a non-passive wheel listener so a zoom
// does not also scroll.

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{core: object, viewState: object, options: object, isActive: () => boolean,
 *   onChange: () => void}} context isActive: an image is on the canvas; onChange: redraw
 * @returns {{reset(): void, dispose(): void}}
 */
export function attachGestures(canvas, { core, viewState, options, isActive, onChange }) {
  const { wheelZoom, dragPan, pinchZoom, doubleTapZoom } = options;
  const gestures = new core.PointerGestures({ wheelZoom, dragPan, pinchZoom, doubleTapZoom });
  const listeners = [];
  const listen = (type, handler, listenOptions) => {
    canvas.addEventListener(type, handler, listenOptions);
    listeners.push([type, handler, listenOptions]);
  };
  const local = (event) => {
    const box = canvas.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  const changed = (viewChanged) => {
    if (viewChanged) onChange();
  };

  const usesPointers = dragPan || pinchZoom || doubleTapZoom;
  // Moves and pinches are ours; a double tap alone only needs the browser's own
  // double-tap zoom out of the way. Set through the CSSOM, which a strict CSP allows.
  const touchAction = dragPan || pinchZoom ? 'none' : doubleTapZoom ? 'manipulation' : null;
  const previousTouchAction = canvas.style.touchAction;
  if (touchAction) canvas.style.touchAction = touchAction;

  if (usesPointers) {
    listen('pointerdown', (event) => {
      if (!isActive() || (event.pointerType === 'mouse' && event.button !== 0)) return;
      try {
        canvas.setPointerCapture(event.pointerId);
      } catch {
        // a pointer that is already gone cannot be captured; its events still arrive
      }
      const [x, y] = local(event);
      changed(gestures.pointerDown(viewState, event.pointerId, x, y, event.timeStamp, event.pointerType === 'touch'));
    });
    listen('pointermove', (event) => {
      if (!isActive()) return;
      const [x, y] = local(event);
      changed(gestures.pointerMove(viewState, event.pointerId, x, y));
    });
    listen('pointerup', (event) => {
      if (!isActive()) return;
      const [x, y] = local(event);
      changed(gestures.pointerUp(viewState, event.pointerId, x, y, event.timeStamp));
    });
    const cancel = (event) => gestures.pointerCancel(event.pointerId);
    listen('pointercancel', cancel);
    listen('lostpointercapture', cancel);
  }
  if (wheelZoom) {
    listen('wheel', (event) => {
      if (!isActive()) return;
      event.preventDefault();
      const [x, y] = local(event);
      changed(gestures.wheel(viewState, event.deltaY, event.deltaMode, x, y, canvas.clientHeight));
    }, { passive: false });
  }

  return {
    reset() {
      gestures.reset();
    },
    dispose() {
      for (const [type, handler, listenOptions] of listeners) canvas.removeEventListener(type, handler, listenOptions);
      if (touchAction) canvas.style.touchAction = previousTouchAction;
      gestures.delete();
    },
  };
}
