import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { byteRange } from './byte-range';

/** Where the page view asks for a PDF's own bytes: GET <origin>/original/<docId>, in browser mode and under app:// alike. */
export const ORIGINAL_ROUTE = '/original/';

/** The id in an /original/<id> path; null for any other path or an id that is not one of ours. */
export function originalIdOf(pathname: string): string | null {
  if (!pathname.startsWith(ORIGINAL_ROUTE)) return null;
  const id = pathname.slice(ORIGINAL_ROUTE.length);
  return /^[\w-]{1,64}$/.test(id) ? id : null;
}

export interface OriginalRequest {
  method: string;
  /** the request's Range and If-Range headers */
  range?: string | undefined;
  ifRange?: string | undefined;
}

/** What both shells send for GET /original/<id>: status, headers and, for a GET that has one, the body's bytes as a stream. */
export interface OriginalReply {
  status: 200 | 206 | 404 | 416;
  headers: Record<string, string>;
  /** opens the bytes to send (only the range for a 206); absent for HEAD, 404 and 416 */
  body?: () => Readable;
}

const READ_PIECE = 2 * 1024 * 1024;

const notFound: OriginalReply = { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };

/**
 * A document's original PDF for the page view (the archive's own copy, read-only), with byte
 * ranges: pdf.js reads the parts the first page needs instead of the whole file first. The body
 * streams from disk, so a request pdf.js drops after the headers (it does, once it knows ranges
 * work) reads next to nothing. Shared by the browser-mode server and Electron's app:// handler.
 */
export async function serveOriginal(pathOf: (id: string) => string | null, id: string, request: OriginalRequest): Promise<OriginalReply> {
  const path = pathOf(id);
  if (!path) return notFound;
  let size: number;
  let etag: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) return notFound;
    size = info.size;
    etag = `"${size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  } catch {
    return notFound;
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/pdf',
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  // Ranges apply to GET only; an If-Range that names another version asks for the whole file.
  const ranged = request.method === 'GET' && (request.ifRange === undefined || request.ifRange === etag);
  const answer = ranged ? byteRange(request.range, size) : ({ kind: 'full' } as const);
  if (answer.kind === 'unsatisfiable') return { status: 416, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Range': `bytes */${size}` } };
  const [start, end] = answer.kind === 'partial' ? [answer.start, answer.end] : [0, size - 1];
  const reply: OriginalReply = { status: answer.kind === 'partial' ? 206 : 200, headers: { ...headers, 'Content-Length': String(end - start + 1) } };
  if (answer.kind === 'partial') reply.headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  // Read in large pieces: each piece waits its turn on the server's one thread (busy with the
  // document's text at the same moment), and the page view's first request is up to 2 MB.
  if (request.method === 'GET' && size > 0) reply.body = () => createReadStream(path, { start, end, highWaterMark: READ_PIECE });
  return reply;
}
