import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The same policy the desktop app sets: nothing but the app itself may load or run. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

/** Per port: a browser sends cookies to every port of 127.0.0.1, so two servers must not share a name. */
export const cookieName = (port: number) => `marginalia_session_${port}`;

/** The page carries the API token here (and in sessionStorage), never in a cookie. */
export const API_TOKEN_META = 'marginalia-api-token';

/**
 * A cookie alone never reaches the API: browsers do not scope cookies by port, so any other
 * local server the user visits receives this one. The API wants the run's token in a header
 * (Authorization: Bearer), which only the page itself (and scripts given the printed URL) holds.
 */
export function headerToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : null;
}

/** The page's files: the token in the query (first visit), the header, or the session cookie set on first visit. */
export function pageCredential(req: IncomingMessage, url: URL, port: number): { kind: 'token' | 'cookie'; value: string } | null {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return { kind: 'token', value: fromQuery };
  const fromHeader = headerToken(req);
  if (fromHeader) return { kind: 'token', value: fromHeader };
  const cookies = req.headers.cookie ?? '';
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookieName(port)) return { kind: 'cookie', value: rest.join('=') };
  }
  return null;
}

export function tokensMatch(expected: string, presented: string | null): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses DNS-rebinding: the page must be asked for by its loopback name. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

/** A cross-site page in the same browser must not drive the API. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}` || origin === `http://[::1]:${port}`;
}
