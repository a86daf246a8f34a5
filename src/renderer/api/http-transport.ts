import type { Transport } from '../../shared/api/client';
import type { EventName } from '../../shared/api/names';
import { failure, type Result } from '../../shared/api/result';
import { HTTP_EVENTS_ROUTE } from '../../shared/api/transport';
import { takeEarly } from './early-call';
import { openEventStream } from './event-stream';
import { pageToken } from './page-token';
import { authHeader, postMethod } from './post-method';

export const SESSION_EXPIRED = 'session expired: open the URL printed by marginalia serve again';

/**
 * Browser mode: the contract over HTTP to the loopback server. Every answer is a Result,
 * also on 4xx/5xx; only the token check (401) and transport failures answer otherwise.
 */
export function createHttpTransport(): Transport {
  const token = pageToken();
  const auth = authHeader(token);
  let streaming = false;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  function startEvents(): void {
    if (streaming) return;
    streaming = true;
    openEventStream(HTTP_EVENTS_ROUTE, auth, (event, data) => {
      const set = listeners.get(event as EventName);
      if (!set) return;
      const payload: unknown = JSON.parse(data);
      for (const fn of set) fn(payload);
    });
  }

  return {
    async call(method, input) {
      let response: Response;
      try {
        // The library's table may have been asked for already, before the app's code ran (early-call.ts).
        response = await (takeEarly(method, input) ?? postMethod(method, input, auth));
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
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      startEvents();
      return () => void set.delete(listener);
    },
  };
}
