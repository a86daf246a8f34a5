import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_MISSING, startTestPostgres } from '../server-team/test-postgres';
import { useTempDirs } from '../core/test-support/temp-dir';

/** marginalia server, server user …, sync, as users run them: through the built CLI, on a real PostgreSQL. */
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/marginalia.mjs');
const tempDir = useTempDirs();
const pg = startTestPostgres();
if (!pg) console.warn(POSTGRES_MISSING);
afterAll(() => pg?.stop());

function cli(args: string[], env: Record<string, string> = {}, input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: input ?? '', env: { ...process.env, MARGINALIA_ARCHIVE: '', MARGINALIA_PASSWORD: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!pg)('marginalia server and marginalia sync', () => {
  it('adds users (password from MARGINALIA_PASSWORD or standard input), serves, and syncs a document between two archives', async () => {
    const db = pg!.createDatabase(`cli_${process.pid}`);
    expect(cli(['server', 'user', 'add', 'rita', '--role', 'reviewer', '--db', db], { MARGINALIA_PASSWORD: 'rita-password' })).toMatchObject({ code: 0, stdout: 'user rita added (reviewer)\n' });
    expect(cli(['server', 'user', 'add', 'anna', '--role', 'annotator', '--project', 'p1', '--db', db], {}, 'anna-password\n').code).toBe(0);
    expect(cli(['server', 'user', 'add', 'bob', '--role', 'king', '--db', db]).code).not.toBe(0);
    const listed = JSON.parse(cli(['server', 'user', 'list', '--json', '--db', db]).stdout) as { name: string; role: string; projects: string[] }[];
    expect(listed.map((u) => [u.name, u.role, u.projects])).toEqual([
      ['anna', 'annotator', ['p1']],
      ['rita', 'reviewer', []],
    ]);
    expect(cli(['server', 'project', 'p1', '--share-layers', 'on', '--db', db])).toMatchObject({ code: 0, stdout: 'project p1: layers shared (read-only)\n' });
    expect(cli(['server', 'project', 'p1', '--share-layers', 'maybe', '--db', db]).code).not.toBe(0);

    const server = spawn(process.execPath, [BIN, 'server', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((done) => createInterface({ input: server.stdout! }).once('line', done));
      const url = /listening at (\S+)\./.exec(line)![1]!;
      const a = await tempDir();
      const b = await tempDir();
      const file = join(a, 'memo.txt');
      await writeFile(file, 'Budget memo\n\nThe board agreed on the budget.\n');
      expect(cli(['--archive', join(a, 'archive'), 'import', file]).code).toBe(0);
      const first = cli(['--archive', join(a, 'archive'), 'sync', '--server', url, '--user', 'rita', '--json'], { MARGINALIA_PASSWORD: 'rita-password' });
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ pushed: 1, uploaded: 3 });
      const wrong = cli(['--archive', join(b, 'archive'), 'sync', '--server', url, '--user', 'rita'], { MARGINALIA_PASSWORD: 'nope' });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('Wrong user name or password');
      expect(cli(['--archive', join(b, 'archive'), 'sync', '--server', url, '--user', 'rita'], { MARGINALIA_PASSWORD: 'rita-password' }).code).toBe(0);
      expect(cli(['--archive', join(b, 'archive'), 'list']).stdout).toContain('Budget memo');
      // The token is kept with the archive: the next sync needs no password.
      expect(cli(['--archive', join(b, 'archive'), 'sync']).code).toBe(0);
      const status = JSON.parse(cli(['--archive', join(b, 'archive'), 'sync', 'status', '--json']).stdout) as { team: { user: string }; signedIn: boolean };
      expect(status).toMatchObject({ team: { user: 'rita' }, signedIn: true });
      expect(JSON.parse(cli(['--archive', join(b, 'archive'), 'sync', 'conflicts', '--json']).stdout)).toEqual([]);
      // Revoked: the archive's token stops working.
      expect(cli(['server', 'user', 'revoke', 'rita', '--db', db]).stdout).toMatch(/^[1-9]\d* token\(s\) revoked/);
      const revoked = cli(['--archive', join(b, 'archive'), 'sync']);
      expect(revoked.code).toBe(2);
    } finally {
      server.kill('SIGTERM');
    }
  });
});
