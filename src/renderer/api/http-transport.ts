import type { Transport } from '../../shared/api/client';
import type { EventName } from '../../shared/api/names';
import { failure, type Result } from '../../shared/api/result';
import { HTTP_EVENTS_ROUTE, httpRoute } from '../../shared/api/transport';

export const SESSION_EXPIRED = 'session expired: open the URL printed by marginalia serve again';

/**
 * Browser mode: the contract over HTTP to the loopback server. Every answer is a Result,
 * also on 4xx/5xx; only the token check (401) and transport failures answer otherwise.
 */
export function createHttpTransport(): Transport {
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  function eventSource(): EventSource {
    source ??= new EventSource(HTTP_EVENTS_ROUTE, { withCredentials: true });
    return source;
  }

  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch(httpRoute(method), {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return failure('io', `cannot reach the Marginalia server: ${(error as Error).message}`);
      }
      if (response.status === 401) return failure('invalid_input', SESSION_EXPIRED);
      const body = await response.text();
      try {
        return JSON.parse(body) as Result<unknown>;
      } catch {
        return failure('internal', `unexpected answer from the server (HTTP ${response.status}): ${body.slice(0, 200)}`);
      }
    },

    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        const created = new Set<(payload: unknown) => void>();
        listeners.set(event, created);
        eventSource().addEventListener(event, (message) => {
          const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
          for (const fn of created) fn(payload);
        });
        set = created;
      }
      set.add(listener);
      return () => void set.delete(listener);
    },
  };
}
