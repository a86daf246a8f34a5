import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Archive } from '../core/archive';
import { signIn } from '../core/sync/engine';
import { useTempDirs } from '../core/test-support/temp-dir';
import { LOGIN_LIMIT } from './auth';
import { runServer } from './run-server';
import { POSTGRES_MISSING, startTestPostgres } from './test-postgres';
import { useTeamDatabase } from './test-team-db';

const pg = startTestPostgres();
if (!pg) console.warn(POSTGRES_MISSING);

const syncChild = fileURLToPath(new URL('../core/sync/sync-child.ts', import.meta.url));

/** A desktop's sync in a child process, whose environment can trust a certificate (NODE_EXTRA_CA_CERTS is read at start-up only). */
function syncInChild(dir: string, url: string, env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', syncChild, dir, url, 'rita', 'rita-password'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe.skipIf(!pg)('team server: TLS from its own certificate, and --trust-proxy', () => {
  const team = useTeamDatabase(pg, 'tls');
  const tempDir = useTempDirs();

  it('serves HTTPS from --cert/--key: a desktop that trusts the certificate syncs, one that does not is refused', async () => {
    const keys = await tempDir('marginalia-tls-');
    const cert = join(keys, 'cert.pem');
    const key = join(keys, 'key.pem');
    // A self-signed certificate for 127.0.0.1 (its own CA), as an institution's would be for its host name.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
    const server = await runServer({ db: team.db, listen: '127.0.0.1:0', cert, key });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const dir = join(await tempDir(), 'archive');
      const archive = await Archive.open(dir, { writable: true, owner: 'test' });
      const imported = await archive.importFile({ name: 'memo.txt', bytes: Buffer.from('Budget memo\n\nThe board agreed on the budget.\n') });
      expect(imported.status).toBe('imported');
      // This process does not trust the certificate: signing in fails, and says why.
      await expect(signIn(dir, server.url, 'rita', 'rita-password')).rejects.toThrow(/cannot be reached \(.*(SELF_SIGNED|self.signed)/i);
      await archive.close();

      const trusted = await syncInChild(dir, server.url, { NODE_EXTRA_CA_CERTS: cert });
      expect(trusted.code, trusted.err).toBe(0);
      expect(JSON.parse(trusted.out)).toMatchObject({ pushed: 1, uploaded: 3 });
      const { rows } = await team.pool.query<{ title: string }>("SELECT content->'meta'->>'title' AS title FROM records WHERE kind = 'document'");
      expect(rows.map((r) => r.title)).toEqual(['Budget memo']);
      // Plain HTTP to the HTTPS port gets nothing through.
      await expect(fetch(server.url.replace('https:', 'http:') + '/api/health')).rejects.toThrow();
    } finally {
      await server.close();
    }
  });

  it('keys the sign-in limit by X-Forwarded-For only with --trust-proxy', async () => {
    const proxied = await runServer({ db: team.db, listen: '127.0.0.1:0', trustProxy: true });
    const direct = await runServer({ db: team.db, listen: '127.0.0.1:0' });
    try {
      // One address has failed LOGIN_LIMIT × 10 sign-ins (spread over names, so no name is limited).
      const blocked = '203.0.113.9';
      await team.pool.query("INSERT INTO login_attempts (user_name, address, ok) SELECT 'guess' || n, $1, false FROM generate_series(1, $2) n", [blocked, LOGIN_LIMIT * 10]);
      const login = (url: string, forwardedFor: string) =>
        fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ name: 'rita', password: 'rita-password' }) });
      // Behind the proxy, the client is the first address the proxy names: that one is refused, another is not.
      expect((await login(proxied.url, `${blocked}, 10.0.0.1`)).status).toBe(429);
      expect((await login(proxied.url, '198.51.100.7')).status).toBe(200);
      // Without --trust-proxy the header is anyone's to write: it is ignored, the socket's address counts.
      expect((await login(direct.url, blocked)).status).toBe(200);
      const { rows } = await team.pool.query<{ address: string }>("SELECT address FROM login_attempts WHERE user_name = 'rita' ORDER BY at DESC LIMIT 2");
      expect(rows.map((r) => r.address)).toEqual(['127.0.0.1', '198.51.100.7']);
    } finally {
      await Promise.all([proxied.close(), direct.close()]);
    }
  });
});
