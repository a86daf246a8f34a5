import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from './auth';
import { migrate, openPool, type Pool } from './db';
import { ROUTES, startTeamServer, type RunningTeamServer } from './http';
import { ROLES, type Role } from './roles';
import { POSTGRES_MISSING, startTestPostgres, type TestPostgres } from './test-postgres';

const pg = startTestPostgres();
if (!pg) console.warn(POSTGRES_MISSING);

describe.skipIf(!pg)('team server on a real PostgreSQL', () => {
  let cluster: TestPostgres;
  let pool: Pool;
  let server: RunningTeamServer;
  const tokens = {} as Record<Role, string>;
  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const login = async (name: string, password: string) => (await (await call('POST', '/api/login', undefined, { name, password })).json()) as { token: string };

  beforeAll(async () => {
    cluster = pg!;
    pool = openPool(cluster.createDatabase(`routes_${process.pid}`));
    expect(await migrate(pool)).toEqual([1, 2, 3]);
    expect(await migrate(pool)).toEqual([]);
    for (const role of ROLES) await addUser(pool, `${role}1`, role, `${role}-password`, role === 'annotator' ? ['p2'] : []);
    server = await startTeamServer({ pool, port: 0 });
    for (const role of ROLES) tokens[role] = (await login(`${role}1`, `${role}-password`)).token;
  });
  afterAll(async () => {
    await server?.close();
    await pool?.end();
    cluster?.stop();
  });

  it('answers every route only to the roles that may call it (and none to a caller without a token)', async () => {
    const sha = 'a'.repeat(64);
    const bodies: Record<string, unknown> = {
      '/api/push': { writes: [] },
      '/api/blobs/missing': { shas: [] },
      '/api/admin/users': { name: 'newcomer', role: 'annotator', password: 'long-enough' },
      '/api/admin/users/:name/projects': { projects: ['p1'] },
      '/api/admin/documents/:id/project': { project: 'p1' },
      '/api/admin/projects/:name/share-layers': { on: false },
    };
    const filled = (path: string) => path.replace(':sha', sha).replace(':name', 'nobody-here').replace(':id', 'doc1');
    let checked = 0;
    for (const route of ROUTES) {
      if (route.roles === 'public') continue;
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : route.path === '/api/blobs/:sha' ? '' : (bodies[route.path] ?? {});
      const anonymous = await call(route.method, filled(route.path), undefined, body);
      expect(anonymous.status, `${route.method} ${route.path} without a token`).toBe(401);
      for (const role of ROLES) {
        if (route.path === '/api/logout') continue; // would revoke the token the other checks use
        const res = await call(route.method, filled(route.path), tokens[role], body);
        const allowed = route.roles.includes(role);
        if (allowed) expect(res.status, `${role} on ${route.method} ${route.path}: ${await res.clone().text()}`).not.toBe(403);
        else expect(res.status, `${role} on ${route.method} ${route.path}`).toBe(403);
        expect(res.status, `${role} on ${route.method} ${route.path}`).not.toBe(401);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('rate-limits failed sign-ins per user name, across the database', async () => {
    for (let i = 0; i < 10; i++) expect((await call('POST', '/api/login', undefined, { name: 'reviewer1', password: 'wrong' })).status).toBe(401);
    // Even the right password is refused now: the limit is checked first.
    expect((await call('POST', '/api/login', undefined, { name: 'reviewer1', password: 'reviewer-password' })).status).toBe(429);
  });

  it('revokes a token: signing out closes it', async () => {
    const { token } = await login('admin1', 'admin-password');
    expect((await call('GET', '/api/me', token)).status).toBe(200);
    expect((await call('POST', '/api/logout', token, {})).status).toBe(200);
    expect((await call('GET', '/api/me', token)).status).toBe(401);
  });

  it('stores passwords as argon2id and records writes in the audit table', async () => {
    const { rows } = await pool.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE name = 'admin1'");
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    const res = await call('POST', '/api/push', tokens.reviewer, { writes: [{ kind: 'collection', id: 'c1', base: 0, content: { id: 'c1', name: 'Speeches' } }] });
    expect(((await res.json()) as { applied: unknown[] }).applied).toHaveLength(1);
    const audit = await pool.query("SELECT user_name, action, target FROM audit WHERE target = 'collection/c1'");
    expect(audit.rows).toEqual([{ user_name: 'reviewer1', action: 'create', target: 'collection/c1' }]);
  });

  it("sends an annotator a teammate's annotations only where the project shares layers, and refuses changes to them", async () => {
    await addUser(pool, 'annotator2', 'annotator', 'annotator2-password', ['p2']);
    const mate = (await login('annotator2', 'annotator2-password')).token;
    expect((await call('PUT', '/api/admin/documents/d-shared/project', tokens.admin, { project: 'p2' })).status).toBe(200);
    const annotation = (id: string) => ({ kind: 'annotation', id, base: 0, content: { id, docId: 'd-shared', label: 'PER' } });
    for (const [token, id] of [[tokens.annotator, 'a-own'], [mate, 'a-mate']] as const) {
      expect(((await (await call('POST', '/api/push', token, { writes: [annotation(id)] })).json()) as { applied: unknown[] }).applied).toHaveLength(1);
    }
    type Pull = { changes: { kind: string; id: string; version: number }[]; cursor: number };
    const pull = async (since: number) => (await (await call('GET', `/api/changes?since=${since}`, tokens.annotator)).json()) as Pull;
    const annotations = (p: Pull) => p.changes.filter((c) => c.kind === 'annotation').map((c) => c.id);
    const before = await pull(0);
    expect(annotations(before)).toEqual(['a-own']);

    expect((await call('PUT', '/api/admin/projects/p2/share-layers', tokens.annotator, { on: true })).status).toBe(403);
    expect((await call('PUT', '/api/admin/projects/p2/share-layers', tokens.admin, { on: true })).status).toBe(200);
    // The incremental pull from the old cursor brings the teammate's annotation.
    const after = await pull(before.cursor);
    expect(annotations(after).sort()).toEqual(['a-mate', 'a-own']);
    const theirs = after.changes.find((c) => c.id === 'a-mate')!;
    const res = (await (await call('POST', '/api/push', tokens.annotator, { writes: [{ ...annotation('a-mate'), base: theirs.version, content: { id: 'a-mate', docId: 'd-shared', label: 'ORG' } }] })).json()) as { applied: unknown[]; refused: { id: string; reason: string }[] };
    expect(res.applied).toEqual([]);
    expect(res.refused).toEqual([{ kind: 'annotation', id: 'a-mate', reason: "an annotator changes only their own annotations; this one is annotator2's" }]);
    const audit = await pool.query("SELECT user_name, target FROM audit WHERE action = 'project.share_layers' AND target LIKE 'p2%'");
    expect(audit.rows).toEqual([{ user_name: 'admin1', target: 'p2: on' }]);

    expect((await call('PUT', '/api/admin/projects/p2/share-layers', tokens.admin, { on: false })).status).toBe(200);
    expect(annotations(await pull(0))).toEqual(['a-own']);
  });
});
