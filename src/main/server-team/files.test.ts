import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Archive } from '../core/archive';
import { TeamClient } from '../core/sync/client';
import { signIn, syncArchive } from '../core/sync/engine';
import { useTempDirs } from '../core/test-support/temp-dir';
import { blobPath } from './blob-files';
import { POSTGRES_MISSING, startTestPostgres } from './test-postgres';
import { useTeamDatabase } from './test-team-db';

const pg = startTestPostgres();
if (!pg) console.warn(POSTGRES_MISSING);

const serverScript = fileURLToPath(new URL('./server-process.ts', import.meta.url));

function startServerProcess(db: string, files: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript, db, '0', files], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (url) => resolve({ url, child }));
    child.once('exit', (code) => reject(new Error(`the server process ended (${code}) before it listened`)));
  });
}

describe.skipIf(!pg)('team server: document files in a folder (--files) shared by two server processes', () => {
  const team = useTeamDatabase(pg, 'files');
  const tempDir = useTempDirs();

  it('stores files by SHA-256 in the folder, not in PostgreSQL; a document pushed through one server arrives through the other', async () => {
    const files = await tempDir('marginalia-files-');
    const [one, two] = await Promise.all([startServerProcess(team.db, files), startServerProcess(team.db, files)]);
    const a = await Archive.open(join(await tempDir(), 'a'), { writable: true, owner: 'test' });
    const b = await Archive.open(join(await tempDir(), 'b'), { writable: true, owner: 'test' });
    try {
      const imported = await a.importFile({ name: 'memo.txt', bytes: Buffer.from('Budget memo\n\nThe board agreed on the budget in Geneva.\n') });
      const id = imported.status === 'imported' ? imported.doc.id : '';
      await signIn(a.layout.root, one.url, 'rita', 'rita-password');
      expect(await syncArchive(a)).toMatchObject({ pushed: 1, uploaded: 3 });
      await signIn(b.layout.root, two.url, 'rita', 'rita-password');
      await syncArchive(b);
      expect((await b.get(id)).text).toBe((await a.get(id)).text);

      // The rows name the files; the bytes are in the folder, whole, and nothing half-written is left.
      const { rows } = await team.pool.query<{ sha256: string; size: string; bytes: Buffer | null }>('SELECT sha256, size, bytes FROM blobs');
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row.bytes).toBeNull();
        const bytes = await readFile(blobPath(files, row.sha256));
        expect(bytes.length).toBe(Number(row.size));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
      }

      // The same new file sent to both servers at once: one row, one whole file.
      const bytes = Buffer.from('the same attachment, uploaded twice at once\n'.repeat(1000));
      const sha = createHash('sha256').update(bytes).digest('hex');
      const clients = await Promise.all(
        [one, two].map(async (server) => {
          const client = new TeamClient(server.url);
          await client.signIn('rita', 'rita-password');
          return client;
        }),
      );
      await Promise.all(clients.map((client) => client.putBlob(sha, bytes)));
      expect((await team.pool.query('SELECT 1 FROM blobs WHERE sha256 = $1', [sha])).rowCount).toBe(1);
      expect(await readFile(blobPath(files, sha))).toEqual(bytes);
      const left = (await readdir(join(files, sha.slice(0, 2)))).filter((name) => name !== sha);
      expect(left).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
      one.child.kill('SIGTERM');
      two.child.kill('SIGTERM');
    }
  });
});
