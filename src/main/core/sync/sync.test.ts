import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../server-team/auth';
import { migrate, openPool, type Pool } from '../../server-team/db';
import { assignProject, setShareLayers } from '../../server-team/records';
import { POSTGRES_MISSING, startTestPostgres, type TestPostgres } from '../../server-team/test-postgres';
import { Archive } from '../archive';
import { childBundle } from '../test-support/child-bundle';
import { useTempDirs } from '../test-support/temp-dir';
import { SyncError, TeamClient } from './client';
import { listConflicts, resolveConflict, signIn, syncArchive } from './engine';
import { readFile } from 'node:fs/promises';
import { killChild } from '../crash/kill-child';
import { loadState, recordsFile } from './state';

const pg = startTestPostgres();
if (!pg) console.warn(POSTGRES_MISSING);

const serverScript = fileURLToPath(new URL('../../server-team/server-process.ts', import.meta.url));
const changeCrashChild = fileURLToPath(new URL('./change-crash-child.ts', import.meta.url));

/** The team server in a process of its own, so that a test can SIGKILL it. */
async function startServerProcess(db: string, port = 0): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [await childBundle(serverScript), db, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server process ended (${code}) before it listened`)));
  });
  return { url, child };
}

const text = (n: number) => `Report ${n}\n\n${'The committee met in Geneva and agreed on the budget. '.repeat(20)}\n`;

describe.skipIf(!pg)('sync between desktop archives through a team server on PostgreSQL', () => {
  let cluster: TestPostgres;
  let pool: Pool;
  let db: string;
  let server: { url: string; child: ChildProcess };
  const tempDir = useTempDirs();
  const open = async () => Archive.open(await tempDir('marginalia-sync-'), { writable: true, owner: 'test' });

  beforeAll(async () => {
    cluster = pg!;
    db = cluster.createDatabase(`sync_${process.pid}`);
    pool = openPool(db);
    await migrate(pool);
    await addUser(pool, 'rita', 'reviewer', 'rita-password');
    await addUser(pool, 'anna', 'annotator', 'anna-password', ['p1']);
    await addUser(pool, 'ben', 'annotator', 'ben-password', ['p2']);
    server = await startServerProcess(db);
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await pool?.end();
    cluster?.stop();
  });

  it('carries documents, annotations of two users, tags, collections, notes and a title conflict between archives', async () => {
    const a = await open();
    const b = await open();
    const c = await open();
    try {
      await signIn(a.layout.root, server.url, 'rita', 'rita-password');
      await signIn(b.layout.root, server.url, 'anna', 'anna-password');
      await signIn(c.layout.root, server.url, 'rita', 'rita-password');
      const imported = await a.importFile({ name: 'report.txt', bytes: Buffer.from(text(1)) });
      expect(imported.status).toBe('imported');
      const id = imported.status === 'imported' ? imported.doc.id : '';
      await a.catalog.tag([id], ['budget'], []);
      const collection = await a.catalog.createCollection('Geneva');
      await a.catalog.collect([id], collection.id, true);
      await a.annotations.create(id, { kind: 'highlight', start: 0, end: 6, color: 'yellow' });
      await a.annotations.setNote(id, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First note' }] }] });
      const first = await syncArchive(a);
      expect(first.pushed).toBeGreaterThanOrEqual(4);
      expect(first.uploaded).toBe(3);

      // The document imported on A appears on B, text and file included; B (an annotator) adds their layer.
      await syncArchive(b);
      const onB = await b.get(id);
      expect(onB.meta.title).toBe('Report 1');
      expect(onB.meta.tags).toEqual(['budget']);
      expect(onB.text).toBe((await a.get(id)).text);
      expect(onB.blocks).toEqual((await a.get(id)).blocks);
      // An annotator sees their own layer only: the reviewer's highlight is not sent to anna.
      expect(await b.annotations.list(id)).toHaveLength(0);
      // Signed in, B's layer is anna's: Settings → Team → Your name follows the account.
      expect(b.catalog.settings().team?.user).toBe('anna');
      expect((await b.annotations.create(id, { kind: 'highlight', start: 10, end: 19, color: 'green' })).author).toBe('anna');
      const fromB = await syncArchive(b);
      expect(fromB.pushed).toBe(1);
      // B's local tag change is not theirs to send: it stays, refused, and is reported.
      await b.catalog.tag([id], ['mine'], []);
      expect((await syncArchive(b)).refused.map((r) => r.kind)).toEqual(['document']);

      // C (the reviewer on another machine) gets both layers, the collection and the note.
      await syncArchive(c);
      const layers = await c.annotations.list(id);
      expect(layers.map((x) => x.author).sort()).toEqual(['anna', 'rita']);
      expect(c.catalog.collections().map((x) => x.name)).toEqual(['Geneva']);
      expect((await c.annotations.note(id)).note).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First note' }] }] });

      // The same title changed on A and on C: the later one is kept, the other listed, then picked.
      await a.catalog.updateMeta(id, { title: 'Title from A' });
      await new Promise((r) => setTimeout(r, 5)); // C's edit is the later one by its timestamp
      await c.catalog.updateMeta(id, { title: 'Title from C' });
      await syncArchive(a);
      const onC = await syncArchive(c);
      expect(onC.conflicts).toBe(1);
      const conflicts = await listConflicts(c.layout.root);
      expect(conflicts).toMatchObject([{ kind: 'document', recordId: id, path: 'meta.title', kept: 'Title from C', other: 'Title from A' }]);
      await syncArchive(a);
      expect(a.list()[0]!.title).toBe('Title from C');
      await resolveConflict(c, conflicts[0]!.id, 'other');
      expect(await listConflicts(c.layout.root)).toEqual([]);
      await syncArchive(c);
      await syncArchive(a);
      expect(a.list()[0]!.title).toBe('Title from A');
      expect(c.list()[0]!.title).toBe('Title from A');

      // A note edited on two machines: both versions kept until one is chosen.
      const note = (t: string) => ({ type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });
      await a.annotations.setNote(id, note('Note from A'));
      await new Promise((r) => setTimeout(r, 5));
      await c.annotations.setNote(id, note('Note from C'));
      await syncArchive(a);
      await syncArchive(c);
      const noteConflict = (await listConflicts(c.layout.root)).find((x) => x.kind === 'note');
      expect(noteConflict).toMatchObject({ path: 'note', kept: note('Note from C'), other: note('Note from A') });
      await resolveConflict(c, noteConflict!.id, 'other');
      expect((await c.annotations.note(id)).note).toEqual(note('Note from A'));

      // A document put in project p2 is closed to anna (project p1): not pulled, not writable, its files not readable.
      const second = await a.importFile({ name: 'other.txt', bytes: Buffer.from(text(2)) });
      const secret = second.status === 'imported' ? second.doc.id : '';
      await syncArchive(a);
      await assignProject(pool, 'rita', secret, 'p2');
      await syncArchive(b);
      expect(b.list().map((d) => d.id)).toEqual([id]);
      const answer = await syncArchive(b);
      expect(answer.refused.every((r) => r.id === id)).toBe(true);
      // Nor can anna fetch its file, or push an annotation onto it, by asking the server directly.
      const anna = new TeamClient(server.url);
      await anna.signIn('anna', 'anna-password');
      const sha = second.status === 'imported' ? second.doc.sha256 : '';
      await expect(anna.getBlob(sha)).rejects.toMatchObject({ status: 404 });
      const onSecret = { id: 'annasecret01', docId: secret, kind: 'highlight', target: { start: 0, end: 1, quote: 'R', prefix: '', suffix: '' }, createdAt: '2026-01-01', updatedAt: '2026-01-01' };
      expect((await anna.push([{ kind: 'annotation', id: 'annasecret01', base: 0, content: onSecret }])).refused).toHaveLength(1);
      expect((await anna.changes(0, 1000)).changes.some((c) => c.id === secret)).toBe(false);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('carries a deletion to the other desktop, and a restore from the trash back, annotations included', async () => {
    const a = await open();
    const b = await open();
    try {
      await signIn(a.layout.root, server.url, 'rita', 'rita-password');
      await signIn(b.layout.root, server.url, 'rita', 'rita-password');
      const imported = await a.importFile({ name: 'deleted.txt', bytes: Buffer.from(text(4)) });
      const id = imported.status === 'imported' ? imported.doc.id : '';
      await a.annotations.create(id, { kind: 'highlight', start: 0, end: 6, color: 'yellow' });
      await syncArchive(a);
      await syncArchive(b);
      expect(await b.annotations.list(id)).toHaveLength(1);
      await a.trash.delete([id]);
      await syncArchive(a);
      expect(a.list().some((d) => d.id === id)).toBe(false);
      await syncArchive(b);
      expect(b.list().some((d) => d.id === id)).toBe(false);
      await a.trash.restore([id]);
      await syncArchive(a);
      expect(await a.annotations.list(id)).toHaveLength(1);
      await syncArchive(b);
      expect(b.list().some((d) => d.id === id)).toBe(true);
      expect(await b.annotations.list(id)).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('takes in nothing from the server that the archive could not hold: a hostile record is left out and said, the rest applied', async () => {
    const a = await open();
    try {
      await signIn(a.layout.root, server.url, 'rita', 'rita-password');
      const imported = await a.importFile({ name: 'kept.txt', bytes: Buffer.from(text(5)) });
      const id = imported.status === 'imported' ? imported.doc.id : '';
      await syncArchive(a);
      // Another desktop (any client with a reviewer's token) sends records no archive of ours would write.
      const login = (await (await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'rita', password: 'rita-password' }) })).json()) as { token: string };
      // The document's files are on the server already: only its id is hostile.
      const real = (await a.get(id)).meta;
      const meta = { ...real, id: '../../escape', title: 'Escape' };
      const writes = [
        { kind: 'document', id: '../../escape', base: 0, content: { meta, blobs: { original: real.sha256, text: real.checks!.text, blocks: real.checks!.blocks } } },
        { kind: 'annotation', id: 'bad0001', base: 0, content: { id: 'bad0001', docId: id, kind: 'highlight', target: { start: -5 } } },
        { kind: 'annotation', id: 'good001', base: 0, content: { ...(await a.annotations.create(id, { kind: 'highlight', start: 0, end: 6, color: 'yellow' })), id: 'good001' } },
      ];
      const pushed = await fetch(`${server.url}/api/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body: JSON.stringify({ writes }) });
      expect(((await pushed.json()) as { applied: unknown[] }).applied).toHaveLength(3);
      const summary = await syncArchive(a);
      expect(summary.rejected.map((r) => `${r.kind} ${r.id}`).sort()).toEqual(['annotation bad0001', 'document ../../escape']);
      expect(summary.rejected.find((r) => r.kind === 'document')?.reason).toMatch(/not one this archive uses/);
      expect((await a.annotations.list(id)).map((x) => x.id)).toContain('good001');
      expect(existsSync(join(a.layout.root, '..', 'escape'))).toBe(false);
      expect(a.list().map((d) => d.title)).not.toContain('Escape');
    } finally {
      await a.close();
    }
  });

  it('finds what changed here through the change log (kept across sessions, everything compared after a crash) and appends to the sync state', async () => {
    const dir = await tempDir('marginalia-sync-');
    let a = await Archive.open(dir, { writable: true, owner: 'test' });
    try {
      await signIn(dir, server.url, 'rita', 'rita-password');
      const ids: string[] = [];
      for (let n = 10; n < 13; n++) {
        const imported = await a.importFile({ name: `log-${n}.txt`, bytes: Buffer.from(text(n)) });
        if (imported.status === 'imported') ids.push(imported.doc.id);
      }
      await a.syncStores().library.flush();
      expect((await syncArchive(a)).pushed).toBe(3);
      const { changes } = a.syncStores();
      const lines = async () => (await readFile(recordsFile(dir), 'utf8')).split('\n').filter(Boolean).length;
      const before = await lines();

      // A title changed: the log names that document only, and the sync appends one line to the state.
      await a.catalog.updateMeta(ids[1]!, { title: 'Changed title' });
      expect(await changes.take()).toEqual({ all: false, docs: new Set([ids[1]]) });
      changes.giveBack();
      expect((await syncArchive(a)).pushed).toBe(1);
      expect(await lines()).toBe(before + 1);
      // Nobody else wrote meanwhile: the cursor moved past the write, so the next sync does not pull it back.
      const afterPush = await loadState(dir);
      expect(afterPush.cursor).toBe(afterPush.records[`document/${ids[1]}`]!.v);
      expect((await syncArchive(a)).pulled).toBe(0);
      // A document imported and synced before library.json is next written is not marked again by that write.
      expect((await a.importFile({ name: 'log-late.txt', bytes: Buffer.from(text(13)) })).status).toBe('imported');
      expect((await syncArchive(a)).pushed).toBe(1);
      await a.syncStores().library.flush();
      expect(await changes.take()).toEqual({ all: false, docs: new Set() });
      changes.giveBack();

      // Annotated in one session, synced in the next: the log outlives the session.
      await a.annotations.create(ids[2]!, { kind: 'highlight', start: 0, end: 6, color: 'yellow' });
      await a.close();
      a = await Archive.open(dir, { writable: true, owner: 'test' });
      expect(await a.syncStores().changes.take()).toEqual({ all: false, docs: new Set([ids[2]]) });
      a.syncStores().changes.giveBack();
      expect((await syncArchive(a)).pushed).toBe(1);
      await a.close();

      // A session killed mid-change: what it changed is not known, so the next sync compares everything and sends it.
      const acks = await killChild(changeCrashChild, dir, 7, 20, 2);
      expect(acks.length).toBeGreaterThanOrEqual(2);
      a = await Archive.open(dir, { writable: true, owner: 'test' });
      const renamed = a.list().find((d) => d.title.startsWith('Renamed'));
      expect(await a.syncStores().changes.take()).toEqual({ all: true });
      a.syncStores().changes.giveBack();
      await syncArchive(a);
      const { rows } = await pool.query<{ title: string }>("SELECT content->'meta'->>'title' AS title FROM records WHERE kind = 'document' AND id = $1", [renamed!.id]);
      expect(rows[0]!.title).toBe(renamed!.title);
      const acknowledged = acks.filter((l) => /^\d+ \S+$/.test(l)).map((l) => l.split(' ')[1]!);
      const { rows: onServer } = await pool.query<{ id: string }>("SELECT id FROM records WHERE kind = 'annotation' AND id = ANY($1)", [acknowledged]);
      expect(onServer).toHaveLength(acknowledged.length);
    } finally {
      await a.close();
    }
  });

  it('loses nothing acknowledged when the server is SIGKILLed mid-sync, and resumes without duplicates', async () => {
    const a = await open();
    const b = await open();
    try {
      await signIn(a.layout.root, server.url, 'rita', 'rita-password');
      await signIn(b.layout.root, server.url, 'rita', 'rita-password');
      const imported = await a.importFile({ name: 'long.txt', bytes: Buffer.from(text(3).repeat(10)) });
      const id = imported.status === 'imported' ? imported.doc.id : '';
      await syncArchive(a);
      // 1,200 annotations: three push batches; the server dies once the first is acknowledged.
      await a.annotations.createMany(id, Array.from({ length: 1200 }, (_, i) => ({ kind: 'highlight' as const, start: i, end: i + 3, color: 'yellow' as const })));
      const port = new URL(server.url).port;
      let killed = false;
      const cut = await syncArchive(a, (p) => {
        if (p.phase === 'push' && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }).catch((error: unknown) => error);
      expect(cut).toBeInstanceOf(SyncError);
      expect((cut as SyncError).status).toBe(0);
      // What the desktop holds as acknowledged is on the server, after the kill.
      const state = await loadState(a.layout.root);
      const acknowledged = Object.entries(state.records).filter(([k]) => k.startsWith('annotation/')).map(([k, r]) => [k.slice(11), r.v] as const);
      expect(acknowledged.length).toBeGreaterThanOrEqual(500);
      const { rows } = await pool.query<{ id: string; version: string }>("SELECT id, version FROM records WHERE kind = 'annotation'");
      const onServer = new Map(rows.map((r) => [r.id, Number(r.version)]));
      for (const [annotationId, version] of acknowledged) expect(onServer.get(annotationId)).toBe(version);

      // Offline: the next sync says so and keeps the work.
      await expect(syncArchive(a)).rejects.toThrow(/cannot be reached/);
      server = await startServerProcess(db, Number(port));
      await syncArchive(a);
      await syncArchive(b);
      const { rows: count } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM records WHERE kind = 'annotation' AND doc_id = $1", [id]);
      expect(Number(count[0]!.n)).toBe(1200);
      expect(await b.annotations.list(id)).toHaveLength(1200);
      expect(new Set((await b.annotations.list(id)).map((x) => x.id)).size).toBe(1200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("brings a teammate's layer to an annotator's desktop where the project shares layers, read-only there", async () => {
    await addUser(pool, 'ida', 'annotator', 'ida-password', ['p3']);
    await addUser(pool, 'ivo', 'annotator', 'ivo-password', ['p3']);
    const [a, b, c] = [await open(), await open(), await open()];
    try {
      await signIn(a.layout.root, server.url, 'rita', 'rita-password');
      await signIn(b.layout.root, server.url, 'ida', 'ida-password');
      await signIn(c.layout.root, server.url, 'ivo', 'ivo-password');
      const imported = await a.importFile({ name: 'shared.txt', bytes: Buffer.from(text(3)) });
      const id = imported.status === 'imported' ? imported.doc.id : '';
      await syncArchive(a);
      await assignProject(pool, 'rita', id, 'p3');
      await syncArchive(c);
      const ivos = await c.annotations.create(id, { kind: 'entity', start: 0, end: 6, label: 'MISC' });
      await syncArchive(c);
      await syncArchive(b);
      expect(await b.annotations.list(id)).toEqual([]);

      await setShareLayers(pool, 'rita', 'p3', true);
      await syncArchive(b);
      expect((await b.annotations.list(id)).map((x) => [x.id, x.author])).toEqual([[ivos.id, 'ivo']]);
      await expect(b.annotations.update(id, ivos.id, { label: 'ORG' })).rejects.toMatchObject({ code: 'read_only' });
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
