import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../server/security';
import { originalIdOf, serveOriginal } from '../server/original-file';
import { readStatic } from '../server/static-files';

export const SCHEME = 'app';

/** Must run before app 'ready'. */
export function registerScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from app://marginalia/, with the same CSP as browser mode; file:// is never used. */
export function handleAppProtocol(rendererDir: string, originalPdfPath: (id: string) => string | null): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'marginalia') return new Response('not found', { status: 404 });
    // The page view's PDF: the archive's own copy, read-only, like the files of the app.
    const originalId = originalIdOf(url.pathname);
    if (originalId !== null) {
      const reply = await serveOriginal(originalPdfPath, originalId, { method: request.method, range: request.headers.get('range') ?? undefined, ifRange: request.headers.get('if-range') ?? undefined });
      return new Response(reply.body ? (Readable.toWeb(reply.body()) as ReadableStream<Uint8Array>) : null, { status: reply.status, headers: reply.headers });
    }
    const file = await readStatic(rendererDir, url.pathname);
    if (!file) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}
