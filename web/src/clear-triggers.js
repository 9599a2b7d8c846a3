// Feeds the page's signals (pagehide, visibilitychange, user activity, time) into the
// core's ViewerLifecycle and calls back when it decides the canvas must be cleared.
// One timer at a time, always set to the lifecycle's next deadline; activity only moves
// the deadline later, so an early wake-up just finds nothing due and re-arms.
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'];
// setTimeout fires at once for delays past 2^31-1 ms; a longer wait just re-arms.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * @param {object} lifecycle the core's ViewerLifecycle
 * @param {(reason: string) => void} onClear called once the lifecycle has decided to clear
 * @returns {{reschedule(): void, dispose(): void}}
 */
export function watchClearTriggers(lifecycle, onClear) {
  let timer = null;
  const now = () => Math.floor(performance.now());

  function reschedule() {
    clearTimeout(timer);
    timer = null;
    const delay = lifecycle.nextDeadlineMs(now());
    if (delay >= 0) timer = setTimeout(checkDeadlines, Math.min(delay, LONGEST_TIMER_MS));
  }

  function checkDeadlines() {
    timer = null;
    const reason = lifecycle.tick(now());
    if (reason) onClear(reason);
    else reschedule();
  }

  const onActivity = () => lifecycle.activity(now());
  const onPageHide = () => {
    if (lifecycle.pageHide()) onClear('pagehide');
  };
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') {
      if (lifecycle.visibilityHidden(now())) onClear('hidden');
    } else {
      checkDeadlines(); // timers are throttled in background tabs: catch up at once
    }
  };

  const listen = { capture: true, passive: true };
  for (const type of ACTIVITY_EVENTS) addEventListener(type, onActivity, listen);
  addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onVisibilityChange);

  return {
    reschedule,
    dispose() {
      clearTimeout(timer);
      timer = null;
      for (const type of ACTIVITY_EVENTS) removeEventListener(type, onActivity, listen);
      removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    },
  };
}
