import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const open = (dir: string) => Archive.open(dir, { writable: true, owner: 'test' });
const bytes = (s: string) => new TextEncoder().encode(s);

/** An archive with two documents after a session start (so a backup exists), then edits of every kind in a second session. */
async function editedArchive() {
  const dir = await tempDir();
  const first = await open(dir);
  const a = await first.importFile({ name: 'a.txt', bytes: bytes('Alpha report\n\nText.\n') });
  await first.importFile({ name: 'b.txt', bytes: bytes('Beta report\n\nText.\n') });
  await first.close();
  const archive = await open(dir);
  const id = a.status === 'imported' ? a.doc.id : '';
  await archive.catalog.updateMeta(id, { title: 'Alpha, renamed' });
  await archive.catalog.tag([id], ['policy/national'], []);
  const collection = await archive.catalog.createCollection('Keep');
  await archive.catalog.collect([id], collection.id, true);
  await archive.catalog.saveSearch('Reports', 'report');
  const settings = archive.catalog.settings();
  await archive.catalog.setSettings({ ...settings, importLimits: { maxFileMb: 42, timeoutSeconds: 30 } });
  return { dir, id, archive, collection };
}

describe('library.json journal', () => {
  it('a damaged library.json comes back with every edit made since the backup, and the notice says from when', async () => {
    const { dir, id, archive, collection } = await editedArchive();
    await archive.close();
    await writeFile(join(dir, 'library.json'), '{"version":1,"documents":[{"id":"abc');
    const again = await open(dir);
    const doc = again.list().find((d) => d.id === id)!;
    expect(doc.title).toBe('Alpha, renamed');
    expect(doc.tags).toEqual(['policy/national']);
    expect(doc.collections).toEqual([collection.id]);
    expect(again.catalog.collections().map((c) => c.name)).toEqual(['Keep']);
    expect(again.catalog.savedSearches().map((s) => s.name)).toEqual(['Reports']);
    expect(again.importLimits().maxFileMb).toBe(42);
    // The documents' edits (title, tags, collection) are in library.log; the journal carries the other three.
    expect(again.notices.join(' ')).toMatch(/Restored from the backup .*library-.*\.json \(taken .*\) and 3 later change\(s\) from the journal, the last at .*No acknowledged change was lost/);
    const repairs = again.repairs.list();
    expect(repairs).toHaveLength(1);
    expect(repairs[0]).toMatchObject({ file: 'library.json', setAsideAs: expect.stringMatching(/^library\.json\.damaged-/), backup: expect.stringMatching(/^backups\/library-/) });
    await again.close();
  });

  it('a torn last journal line costs only that change, and the notice says so', async () => {
    const { dir, id, archive } = await editedArchive();
    await archive.close();
    const journal = join(dir, 'backups', 'library-journal.jsonl');
    // close() took no new backup: the journal continues the session's backup. Tear a line onto its end.
    await appendFile(journal, '{"at":"2026-01-01T00:00:00.000Z","upsert":[{"id":');
    await writeFile(join(dir, 'library.json'), '');
    const again = await open(dir);
    expect(again.list().find((d) => d.id === id)?.title).toBe('Alpha, renamed');
    expect(again.notices.join(' ')).toMatch(/1 journal line\(s\) could not be read/);
    await again.close();
  });

  it('without a journal for the backup, the notice names what may be lost', async () => {
    const { dir, archive } = await editedArchive();
    await archive.close();
    await writeFile(join(dir, 'backups', 'library-journal.jsonl'), '');
    await writeFile(join(dir, 'library.json'), 'null');
    const again = await open(dir);
    expect(again.notices.join(' ')).toMatch(/Changes made after .* \(titles, tags, collections, saved searches, settings\) could not be recovered/);
    await again.close();
  });

  it('a long journal is folded into a fresh backup and starts again', async () => {
    const dir = await tempDir();
    const archive = await open(dir);
    await archive.importFile({ name: 'a.txt', bytes: bytes('Alpha report\n\nText.\n') });
    const [doc] = archive.list();
    // Each retitle journals the whole document's metadata (~4 KB): 200 of them pass the 512 KB fold point.
    for (let i = 0; i < 200; i++) await archive.catalog.updateMeta(doc!.id, { title: `Title ${i} ${'x'.repeat(4000)}` });
    const journal = await readFile(join(dir, 'backups', 'library-journal.jsonl'), 'utf8');
    expect(journal.length).toBeLessThan(512 * 1024);
    await writeFile(join(dir, 'library.json'), '');
    await archive.close().catch(() => undefined);
    const again = await open(dir);
    expect(again.list()[0]?.title).toMatch(/^Title 199 /);
    await again.close();
  });
});
