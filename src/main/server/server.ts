import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { failure, HTTP_EVENTS_ROUTE, type ErrorCode, type Handlers } from '../../shared/api';
import { dispatchJson, type JsonPieces } from '../core/dispatch';
import type { EventHub } from '../core/events';
import { API_TOKEN_META, cookieName, headerToken, hostAllowed, originAllowed, pageCredential, setSecurityHeaders, tokensMatch } from './security';
import { jsonShapeProblem } from './json-prescan';
import { jsonBytes } from './json-pieces';
import { originalIdOf, serveOriginal } from './original-file';
import { readStatic } from './static-files';

export interface ServerOptions {
  handlers: Handlers;
  /** answers written piece by piece as the socket takes them (library.list); the others as one string */
  jsonPieces?: JsonPieces;
  events: EventHub;
  /** the built renderer (out/renderer) */
  rendererDir: string;
  /** the file a PDF was imported from, for the page view (GET /original/<id>); absent: no such route */
  originalPdfPath?: (id: string) => string | null;
  port?: number;
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** 64 MiB of file bytes as base64 in JSON, with room for the envelope. */
const MAX_BODY = 96 * 1024 * 1024;
const API_PREFIX = '/api/';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  locked: 409,
  unsupported: 501,
  io: 500,
  internal: 500,
  read_only: 403,
};

/**
 * Browser mode: the renderer and the contract over HTTP, on 127.0.0.1 only, behind a
 * random token per run. Routes come from the contract (POST /api/<method>), as IPC channels do.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // The cookie holds another secret than the token: it opens the page's files, never the API.
  const session = randomBytes(24).toString('base64url');
  const sse = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sse) res.write(frame);
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[marginalia] request failed:', error);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: 'request failed' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    setSecurityHeaders(res);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('400: malformed address.\n');
      return;
    }
    const isApi = url.pathname.startsWith(API_PREFIX);
    const credential = pageCredential(req, url, port);
    const allowed = isApi
      ? tokensMatch(token, headerToken(req))
      : credential !== null && tokensMatch(credential.kind === 'token' ? token : session, credential.value);
    if (!allowed) {
      const why = isApi && credential?.kind === 'cookie' ? ' The API wants it in the Authorization header; a cookie alone is not enough.' : '';
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`401: this Marginalia server needs the token printed when it started.${why}\n`);
      return;
    }
    if (!hostAllowed(req, port)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('403: unexpected Host header.\n');
      return;
    }
    if (url.searchParams.has('token') && req.method === 'GET' && !isApi) {
      // First visit: the page gets the API token in a meta tag (kept in sessionStorage, then
      // taken out of the address bar), and a per-port session cookie that only opens its files.
      res.setHeader('Set-Cookie', `${cookieName(port)}=${session}; HttpOnly; SameSite=Strict; Path=/`);
      url.searchParams.delete('token');
      const page = await readStatic(options.rendererDir, '/');
      if (!page || (url.pathname !== '/' && url.pathname !== '/index.html')) {
        res.writeHead(303, { Location: url.pathname + url.search }).end();
        return;
      }
      const meta = `<meta name="${API_TOKEN_META}" content="${token}">`;
      const source = page.body.toString('utf8');
      const html = /<head[^>]*>/i.test(source) ? source.replace(/<head[^>]*>/i, (head) => head + meta) : source.replace(/^(<!doctype html>)?/i, (doctype) => doctype + meta);
      res.writeHead(200, { 'Content-Type': page.type, 'Cache-Control': 'no-store' }).end(html);
      return;
    }
    if (url.pathname === HTTP_EVENTS_ROUTE && req.method === 'GET') return openEventStream(res);
    if (isApi) return callApi(req, res, url.pathname.slice(API_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const originalId = originalIdOf(url.pathname);
    if (originalId !== null && options.originalPdfPath) {
      const reply = await serveOriginal(options.originalPdfPath, originalId, { method: req.method ?? 'GET', range: req.headers.range, ifRange: [req.headers['if-range']].flat()[0] });
      res.writeHead(reply.status, reply.headers);
      if (!reply.body) res.end(reply.status === 404 ? '404: no such PDF\n' : reply.status === 416 ? '416: no such range in this PDF\n' : undefined);
      else pipeline(reply.body(), res).catch(() => undefined); // a reader that stops early (pdf.js does) closes the stream
      return;
    }
    const file = await readStatic(options.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache' }).end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function callApi(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') return send(res, 405, failure('invalid_input', 'use POST'));
    if (!originAllowed(req, port)) return send(res, 403, failure('invalid_input', 'cross-origin request refused'));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, failure('invalid_input', 'send application/json'));
    let name: string;
    try {
      name = decodeURIComponent(method);
    } catch {
      return send(res, 400, failure('invalid_input', 'malformed percent-encoding in the address'));
    }
    let body: unknown;
    try {
      const text = (await readBody(req)) || '{}';
      const problem = jsonShapeProblem(text);
      if (problem) return send(res, 400, failure('invalid_input', `request body refused: ${problem}`));
      body = JSON.parse(text);
    } catch (error) {
      return send(res, 400, failure('invalid_input', (error as Error).message));
    }
    const result = await dispatchJson(options.handlers, options.jsonPieces ?? {}, name, body);
    if ('json' in result) return sendPieces(res, result.json);
    send(res, result.ok ? 200 : STATUS[result.error.code], result);
  }

  function openEventStream(res: ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    sse.add(res);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      sse.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const res of sse) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The answer's JSON as UTF-8 pieces (json-pieces.ts): a large answer is never one string as well as its bytes. */
function send(res: ServerResponse, status: number, body: unknown) {
  const bytes = jsonBytes(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': bytes.reduce((n, b) => n + b.length, 0) });
  for (const piece of bytes) res.write(piece);
  res.end();
}

/**
 * A successful answer whose value comes as pieces of JSON text: each piece is made when the
 * socket has room for it (the stream's back-pressure), so the whole text is never held at
 * once. A failure while writing (the client gone) ends the response unfinished.
 */
async function sendPieces(res: ServerResponse, json: Iterable<string>) {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  function* body() {
    yield '{"ok":true,"value":';
    yield* json;
    yield '}';
  }
  await pipeline(Readable.from(body(), { objectMode: false, highWaterMark: 64 * 1024 }), res).catch(() => undefined);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error(`request body larger than ${MAX_BODY / 1048576} MiB`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
