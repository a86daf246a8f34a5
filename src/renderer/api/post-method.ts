import type { Method } from '../../shared/api/names';
import { httpRoute } from '../../shared/api/transport';

/** The Authorization header browser mode sends with the page's token (page-token.ts), or none. */
export const authHeader = (token: string | null): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

/** One call of the contract over HTTP, as the loopback server takes it: the early request (early-call.ts) and the transport's. */
export function postMethod(method: Method, input: unknown, auth: Record<string, string>): Promise<Response> {
  return fetch(httpRoute(method), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...auth },
    body: JSON.stringify(input ?? {}),
  });
}
