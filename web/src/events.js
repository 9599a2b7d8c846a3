// A tiny event emitter: on() returns its own unsubscribe, and a throwing listener
// neither breaks the viewer nor silences the other listeners.

/** The viewer's events; the custom element re-dispatches each of them as a DOM event. */
export const VIEWER_EVENTS = Object.freeze(['progress', 'loaded', 'expired', 'cleared', 'error', 'zoom']);

/** @param {readonly string[]} types the event names on() accepts; any other is a TypeError */
export function createEmitter(types) {
  const listeners = new Map();
  return {
    on(type, listener) {
      if (!types.includes(type)) throw new TypeError(`Unknown event "${String(type)}": the events are ${types.join(', ')}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      if (!listeners.has(type)) listeners.set(type, new Set());
      const set = listeners.get(type);
      const entry = (payload) => listener(payload); // a listener added twice counts twice
      set.add(entry);
      return () => set.delete(entry);
    },
    emit(type, payload) {
      for (const entry of [...(listeners.get(type) ?? [])]) {
        try {
          entry(payload);
        } catch (error) {
          queueMicrotask(() => {
            throw error; // reported like any uncaught error, without unwinding the viewer
          });
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
