import type { Method } from '../../shared/api/names';
import { pageToken } from './page-token';
import { authHeader, postMethod } from './post-method';

/** Requests sent before the app's code has run, by method, each waiting to be taken once by the HTTP transport. */
const early = new Map<Method, Promise<Response>>();

/**
 * Browser mode: asks the server for `method` (with no input) now, as the first thing the page's
 * script does, before the rest of the bundle is evaluated and React renders (issue #19: at
 * 100,000 documents the library's table takes `serve` a few hundred ms to answer; the page's
 * ~0.2–0.3 s of start-up now runs beside that instead of before it).
 */
export function askEarly(method: Method): void {
  early.set(method, postMethod(method, {}, authHeader(pageToken())));
}

/** The early request for `method`, if one was made and not yet taken, and `input` is empty as the early one's was. */
export function takeEarly(method: Method, input: unknown): Promise<Response> | undefined {
  const response = early.get(method);
  if (!response || (input !== undefined && (typeof input !== 'object' || input === null || Object.keys(input).length > 0))) return undefined;
  early.delete(method);
  return response;
}
