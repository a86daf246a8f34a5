import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { addUser, authenticate, listUsers, NAME_PATTERN, removeUser, revokeTokens, signIn, signOut, type User } from './auth';
import type { Pool } from './db';
import { assignProject, auditLog, blobsMissing, changesSince, getBlob, push, putBlob, setShareLayers, setUserProjects } from './records';
import { RECORD_KINDS, ROLES, TeamError, writableKinds, type Role } from './roles';

const MAX_JSON = 64 * 1024 * 1024;
const MAX_BLOB = 512 * 1024 * 1024;
const MAX_PULL = 5_000;

interface Context {
  user: User;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Buffer;
  token: string;
  /** the folder document files are kept in (--files), else PostgreSQL */
  files?: string;
}

type Answer = unknown | { bytes: Buffer };

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** who may call it; 'public' needs no token */
  roles: readonly Role[] | 'public';
  run: (ctx: Context, pool: Pool, address: string) => Promise<Answer>;
}

const ALL = ROLES;
const ADMIN: readonly Role[] = ['admin'];

const json = <T>(ctx: Context, schema: z.ZodType<T>): T => {
  let value: unknown;
  try {
    value = JSON.parse(ctx.body.toString('utf8'));
  } catch {
    throw new TeamError(400, 'The request body is not JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new TeamError(400, `Invalid request: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  return parsed.data;
};

const name = z.string().regex(NAME_PATTERN);
const project = z.string().min(1).max(100);
const writeSchema = z.object({
  kind: z.enum(RECORD_KINDS),
  id: z.string().min(1).max(200),
  base: z.number().int().nonnegative(),
  deleted: z.boolean().optional(),
  content: z.unknown().optional(),
});

/** Every route of the team server, with the roles that may call it: the server and its tests read this one table. */
export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/api/health', roles: 'public', run: async () => ({ ok: true }) },
  {
    method: 'POST',
    path: '/api/login',
    roles: 'public',
    run: async (ctx, pool, address) => {
      const input = json(ctx, z.object({ name: z.string().max(64), password: z.string().max(1000) }));
      const { token, user } = await signIn(pool, input.name, input.password, address);
      return { token, user: { ...user, writable: writableKinds(user.role) } };
    },
  },
  { method: 'POST', path: '/api/logout', roles: ALL, run: async (ctx, pool) => (await signOut(pool, ctx.token), { ok: true }) },
  { method: 'GET', path: '/api/me', roles: ALL, run: async (ctx) => ({ ...ctx.user, writable: writableKinds(ctx.user.role) }) },
  {
    method: 'GET',
    path: '/api/changes',
    roles: ALL,
    run: async (ctx, pool) => {
      const since = Number(ctx.query.get('since') ?? '0');
      const limit = Math.min(Number(ctx.query.get('limit') ?? '1000'), MAX_PULL);
      if (!Number.isSafeInteger(since) || since < 0 || !Number.isSafeInteger(limit) || limit < 1) throw new TeamError(400, 'since is a version (0 or more) and limit a count (1 or more).');
      return changesSince(pool, ctx.user, since, limit);
    },
  },
  {
    method: 'POST',
    path: '/api/push',
    roles: ALL,
    run: async (ctx, pool) => push(pool, ctx.user, json(ctx, z.object({ writes: z.array(writeSchema).max(5_000) })).writes),
  },
  {
    method: 'POST',
    path: '/api/blobs/missing',
    roles: ALL,
    run: async (ctx, pool) => ({ missing: await blobsMissing(pool, json(ctx, z.object({ shas: z.array(z.string()).max(20_000) })).shas) }),
  },
  { method: 'PUT', path: '/api/blobs/:sha', roles: ['admin', 'reviewer'], run: async (ctx, pool) => (await putBlob(pool, ctx.user, ctx.params.sha!, ctx.body, ctx.files), { ok: true }) },
  { method: 'GET', path: '/api/blobs/:sha', roles: ALL, run: async (ctx, pool) => ({ bytes: await getBlob(pool, ctx.user, ctx.params.sha!, ctx.files) }) },
  { method: 'GET', path: '/api/admin/users', roles: ADMIN, run: async (_ctx, pool) => listUsers(pool) },
  {
    method: 'POST',
    path: '/api/admin/users',
    roles: ADMIN,
    run: async (ctx, pool) => {
      const input = json(ctx, z.object({ name, role: z.enum(ROLES), password: z.string().min(8).max(1000), projects: z.array(project).max(100).optional() }));
      await addUser(pool, input.name, input.role, input.password, input.projects ?? [], ctx.user.name);
      return { ok: true };
    },
  },
  { method: 'DELETE', path: '/api/admin/users/:name', roles: ADMIN, run: async (ctx, pool) => (await removeUser(pool, ctx.params.name!, ctx.user.name), { ok: true }) },
  { method: 'POST', path: '/api/admin/users/:name/revoke', roles: ADMIN, run: async (ctx, pool) => ({ revoked: await revokeTokens(pool, ctx.params.name!, ctx.user.name) }) },
  {
    method: 'PUT',
    path: '/api/admin/users/:name/projects',
    roles: ADMIN,
    run: async (ctx, pool) => (await setUserProjects(pool, ctx.user.name, ctx.params.name!, json(ctx, z.object({ projects: z.array(project).max(100) })).projects), { ok: true }),
  },
  {
    method: 'PUT',
    path: '/api/admin/documents/:id/project',
    roles: ADMIN,
    run: async (ctx, pool) => (await assignProject(pool, ctx.user.name, ctx.params.id!, json(ctx, z.object({ project: project.nullable() })).project), { ok: true }),
  },
  {
    method: 'PUT',
    path: '/api/admin/projects/:name/share-layers',
    roles: ADMIN,
    run: async (ctx, pool) => {
      const name = ctx.params.name!;
      if (!project.safeParse(name).success) throw new TeamError(400, 'A project name is 1 to 100 characters.');
      await setShareLayers(pool, ctx.user.name, name, json(ctx, z.object({ on: z.boolean() })).on);
      return { ok: true };
    },
  },
  {
    method: 'GET',
    path: '/api/admin/audit',
    roles: ADMIN,
    run: async (ctx, pool) => auditLog(pool, Math.min(Math.max(Number(ctx.query.get('limit') ?? '100') || 100, 1), 10_000)),
  },
];

function match(route: Route, method: string, path: string): Record<string, string> | null {
  if (route.method !== method) return null;
  const want = route.path.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i]!.startsWith(':')) params[want[i]!.slice(1)] = decodeURIComponent(got[i]!);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new TeamError(413, `The request is larger than ${limit} bytes.`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, answer: Answer): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (answer && typeof answer === 'object' && 'bytes' in answer && Buffer.isBuffer(answer.bytes)) {
    res.writeHead(status, { 'Content-Type': 'application/octet-stream', 'Content-Length': answer.bytes.length });
    res.end(answer.bytes);
    return;
  }
  const body = JSON.stringify(answer ?? null);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

async function handle(pool: Pool, req: IncomingMessage, res: ServerResponse, trustProxy: boolean, files: string | undefined): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://server');
  const method = req.method ?? 'GET';
  let route: Route | undefined;
  let params: Record<string, string> = {};
  for (const candidate of ROUTES) {
    const found = match(candidate, method, url.pathname);
    if (found) {
      route = candidate;
      params = found;
      break;
    }
  }
  if (!route) throw new TeamError(404, `No route ${method} ${url.pathname}.`);
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  // Who is asking is settled before the body is read: nobody uploads 512 MB without a token.
  let user: User = { name: '', role: 'annotator', projects: [] };
  if (route.roles !== 'public') {
    user = await authenticate(pool, token);
    if (!route.roles.includes(user.role)) throw new TeamError(403, `A ${user.role} may not call ${route.method} ${route.path}.`);
  }
  const body = method === 'GET' || method === 'DELETE' ? Buffer.alloc(0) : await readBody(req, route.path.startsWith('/api/blobs/:') ? MAX_BLOB : MAX_JSON);
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() : '';
  const address = forwarded || req.socket.remoteAddress || 'unknown';
  send(res, 200, await route.run({ user, params, query: url.searchParams, body, token, ...(files ? { files } : {}) }, pool, address));
}

export interface TeamServerOptions {
  pool: Pool;
  host?: string;
  port?: number;
  /** PEM certificate and key: the server speaks HTTPS itself (else put a TLS reverse proxy in front) */
  tls?: { cert: Buffer; key: Buffer };
  /** take the client address for the sign-in limit from X-Forwarded-For (behind a reverse proxy) */
  trustProxy?: boolean;
  /** keep document files in this folder (by SHA-256) instead of PostgreSQL; every server on the database names the same one */
  files?: string;
}

export interface RunningTeamServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startTeamServer(options: TeamServerOptions): Promise<RunningTeamServer> {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(options.pool, req, res, options.trustProxy === true, options.files).catch((error: unknown) => {
      const status = error instanceof TeamError ? error.status : 500;
      const message = error instanceof TeamError ? error.message : `Server error: ${(error as Error).message}`;
      if (status === 500) console.error(`marginalia server: ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) send(res, status, { error: message });
      else res.destroy();
    });
  };
  const server = options.tls ? createHttps({ cert: options.tls.cert, key: options.tls.key }, listener) : createHttp(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8470, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
