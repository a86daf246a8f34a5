import type { Emit, EventName } from '../../shared/api';

type Listener = (event: EventName, payload: unknown) => void;

/** Core events fan out to whichever shells listen (IPC window, SSE clients, CLI progress). */
export function createEventHub() {
  const listeners = new Set<Listener>();
  const emit: Emit = (event, payload) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error('[marginalia] event listener failed:', error);
      }
    }
  };
  const subscribe = (listener: Listener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { emit, subscribe };
}

export type EventHub = ReturnType<typeof createEventHub>;
