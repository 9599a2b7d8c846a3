// Runs one load attempt under a signal that aborts when the show is cancelled (clear,
// destroy, a newer show) or when the attempt runs past its time limit. The signal's
// reason is the ViewerError the attempt ends with: 'aborted' or 'timeout'.
import { ViewerError } from './errors.js';

export async function withDeadline(parentSignal, timeoutMs, task) {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(parentSignal.reason);
  if (parentSignal.aborted) forwardAbort();
  else parentSignal.addEventListener('abort', forwardAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(new ViewerError('timeout', `The image did not arrive within ${timeoutMs} ms`));
  }, timeoutMs);
  try {
    return await task(controller.signal);
  } finally {
    clearTimeout(timer);
    parentSignal.removeEventListener('abort', forwardAbort);
  }
}

/** Resolves or rejects like `promise`, but rejects with the signal's reason once it aborts. */
export function untilAborted(promise, signal) {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
