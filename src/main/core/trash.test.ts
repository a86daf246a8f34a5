import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RichDoc } from '../../shared/model';
import { Archive } from './archive';
import { useTempDirs } from './test-support/temp-dir';
import { documentsOnDisk } from './test-support/library-on-disk';

const tempDir = useTempDirs();
const open = (dir: string) => Archive.open(dir, { writable: true, owner: 'test' });
const note = (text: string): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const BUDGET = 'Budget report\n\nThe Guangzhou institute approved the zebrafish budget.\n';
const TRAVEL = 'Travel policy\n\nStaff of the Guangzhou institute travel by train.\n';

async function setUp() {
  const dir = await tempDir();
  const archive = await open(dir);
  const ids: string[] = [];
  for (const [name, text] of [['budget.txt', BUDGET], ['travel.txt', TRAVEL]] as const) {
    const o = await archive.importFile({ name, bytes: new TextEncoder().encode(text) });
    if (o.status !== 'imported') throw new Error(o.status);
    ids.push(o.doc.id);
  }
  const [budget, travel] = ids as [string, string];
  const at = (text: string, quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
  // Everything a document carries: a highlight with a comment, an entity mention, a note, a collection.
  const highlight = await archive.annotations.create(budget, { kind: 'highlight', ...at(BUDGET, 'zebrafish'), comment: note('fish money') });
  const { entity } = await archive.entities.tag(budget, { ...at(BUDGET, 'Guangzhou'), label: 'LOCATION' });
  await archive.entities.tag(travel, { ...at(TRAVEL, 'Guangzhou'), label: 'LOCATION' });
  await archive.annotations.setNote(budget, note('A note about the budget'));
  const collection = await archive.catalog.createCollection('Finance');
  await archive.catalog.collect([budget], collection.id, true);
  return { dir, archive, budget, travel, highlight, entity, collection };
}

const searchIds = async (archive: Archive, query: string) => (await archive.search.search(query, { limit: 10 })).hits.map((h) => h.id);
const mentionsOf = async (archive: Archive, id: string) => (await archive.entities.list()).find((e) => e.id === id)?.mentionCount ?? 0;

describe('trash', () => {
  it('takes a deleted document out of the list, search, entity counts and collections, and restores it whole', async () => {
    const { dir, archive, budget, travel, highlight, entity, collection } = await setUp();
    expect(await mentionsOf(archive, entity.id)).toBe(2);
    expect(await searchIds(archive, 'zebrafish')).toEqual([budget]);
    expect(await searchIds(archive, 'fish money')).toEqual([budget]);

    const [entry] = await archive.trash.delete([budget]);
    expect(entry).toMatchObject({ id: budget, title: 'Budget report', annotationCount: 2 });
    expect(archive.list().map((d) => d.id)).toEqual([travel]);
    expect(archive.trash.list().map((d) => d.id)).toEqual([budget]);
    expect(await searchIds(archive, 'zebrafish')).toEqual([]);
    expect(await searchIds(archive, 'Guangzhou')).toEqual([travel]);
    expect(await mentionsOf(archive, entity.id)).toBe(1);
    expect(archive.list().filter((d) => d.collections?.includes(collection.id))).toEqual([]);
    await expect(archive.get(budget)).rejects.toThrow(/No document/);
    await expect(archive.annotations.list(budget)).rejects.toThrow(/No document/);
    // On disk: the folder moved whole, library.json says so.
    expect(await readdir(join(dir, 'trash'))).toEqual([budget]);
    // annotations.backup-1.json: the rotated copy the annotation store keeps of the file before its last change.
    expect((await readdir(join(dir, 'trash', budget))).sort()).toEqual(['annotations.backup-1.json', 'annotations.json', 'meta.json', 'original.txt', 'text.txt']);
    const library = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'));
    expect(library.trash.map((t: { id: string }) => t.id)).toEqual([budget]);
    expect((await documentsOnDisk(dir)).map((d) => d.id)).toEqual([travel]);

    // Across a reopen, and back.
    await archive.close();
    const again = await open(dir);
    expect(again.trash.list().map((d) => d.id)).toEqual([budget]);
    const [restored] = await again.trash.restore([budget]);
    expect(restored).toMatchObject({ id: budget, collections: [collection.id] });
    expect(restored).not.toHaveProperty('deletedAt');
    expect(again.trash.list()).toEqual([]);
    expect(again.list().map((d) => d.id).sort()).toEqual([budget, travel].sort());
    const annotations = await again.annotations.list(budget);
    expect(annotations.map((a) => a.kind).sort()).toEqual(['entity', 'highlight']);
    expect(annotations.find((a) => a.id === highlight.id)?.comment).toEqual(note('fish money'));
    expect((await again.annotations.note(budget)).note).toEqual(note('A note about the budget'));
    expect(await searchIds(again, 'zebrafish')).toEqual([budget]);
    expect(await searchIds(again, 'fish money')).toEqual([budget]);
    expect(await mentionsOf(again, entity.id)).toBe(2);
    expect((await again.get(budget)).text).toContain('The Guangzhou institute approved the zebrafish budget.');
    await again.close();
  });

  it('deletes several documents at once and empties the trash for good', async () => {
    const { dir, archive, budget, travel } = await setUp();
    await archive.trash.delete([budget, travel]);
    expect(archive.list()).toEqual([]);
    await expect(archive.trash.delete([budget])).rejects.toThrow(/is in the trash already/);
    await expect(archive.trash.delete(['zzzzzzzz'])).rejects.toThrow(/No document with id/);
    await expect(archive.trash.restore(['zzzzzzzz'])).rejects.toThrow(/not in the trash|No document/);
    expect(await archive.trash.empty()).toBe(2);
    expect(archive.trash.list()).toEqual([]);
    expect(await readdir(join(dir, 'trash'))).toEqual([]);
    expect(await readdir(join(dir, 'docs'))).toEqual([]);
    await archive.close();
    const again = await open(dir);
    expect(again.list()).toEqual([]);
    expect(again.trash.list()).toEqual([]);
    await again.close();
  });

  it('empties items older than the archive setting when the archive opens', async () => {
    const { dir, archive, budget, travel } = await setUp();
    await archive.trash.delete([budget, travel]);
    await archive.catalog.setSettings({ ...archive.catalog.settings(), trashRetentionDays: 30 });
    await archive.close();
    // Age the budget report's entry by 31 days, as time would.
    const file = join(dir, 'library.json');
    const library = JSON.parse(await readFile(file, 'utf8'));
    library.trash.find((t: { id: string }) => t.id === budget).deletedAt = new Date(Date.now() - 31 * 86_400_000).toISOString();
    await writeFile(file, JSON.stringify(library));

    const again = await open(dir);
    expect(again.trash.list().map((d) => d.id)).toEqual([travel]);
    expect(await readdir(join(dir, 'trash'))).toEqual([travel]);
    expect(again.notices.join('\n')).toMatch(/1 document\(s\) in the trash for more than 30 day\(s\) were removed/);
    await again.close();
  });

  it('finishes a delete, a restore or an emptying that a crash cut between the folder move and library.json', async () => {
    const { dir, archive, budget, travel } = await setUp();
    await archive.close();
    // Crash after the rename into trash/, before library.json was written.
    await mkdir(join(dir, 'trash'));
    await rename(join(dir, 'docs', budget), join(dir, 'trash', budget));
    let again = await open(dir);
    expect(again.list().map((d) => d.id)).toEqual([travel]);
    expect(again.trash.list()).toMatchObject([{ id: budget, annotationCount: 2 }]);
    expect(await searchIds(again, 'zebrafish')).toEqual([]);
    await again.close();

    // Crash after the rename back into docs/, before library.json was written.
    await rename(join(dir, 'trash', budget), join(dir, 'docs', budget));
    again = await open(dir);
    expect(again.list().map((d) => d.id).sort()).toEqual([budget, travel].sort());
    expect(again.trash.list()).toEqual([]);
    expect(await again.annotations.list(budget)).toHaveLength(2);
    expect(await searchIds(again, 'zebrafish')).toEqual([budget]);
    await again.trash.delete([budget]);
    await again.close();

    // Crash while emptying: the folder was marked for removal, library.json still lists it.
    await rename(join(dir, 'trash', budget), join(dir, 'trash', `.emptying-${budget}`));
    again = await open(dir);
    expect(again.trash.list()).toEqual([]);
    expect(await readdir(join(dir, 'trash'))).toEqual([]);
    expect(again.list().map((d) => d.id)).toEqual([travel]);
    await again.close();
  });

  it('lists trashed folders again when library.json was lost', async () => {
    const { dir, archive, budget, travel } = await setUp();
    await archive.trash.delete([budget]);
    await archive.close();
    await writeFile(join(dir, 'library.json'), JSON.stringify({ version: 1, documents: [] }));
    const again = await open(dir);
    expect(again.trash.list().map((d) => d.id)).toEqual([budget]);
    expect(again.list().map((d) => d.id)).toEqual([travel]);
    await again.close();
  });

  it('unlinks a restored mention of an entity deleted while its document was in the trash', async () => {
    const { archive, budget, entity } = await setUp();
    await archive.trash.delete([budget]);
    await archive.entities.delete(entity.id, 'unlink');
    await archive.trash.restore([budget]);
    const mention = (await archive.annotations.list(budget)).find((a) => a.kind === 'entity');
    expect(mention).toMatchObject({ label: 'LOCATION', target: { quote: 'Guangzhou' } });
    expect(mention?.entityId).toBeUndefined();
    await archive.close();
  });

  it('puts the folders back when library.json cannot be written, so the session agrees with the disk', async () => {
    const { dir, archive, budget } = await setUp();
    // A folder where library.json was: its next write fails (as on a full disk), after the folder moved.
    await rm(join(dir, 'library.json'));
    await mkdir(join(dir, 'library.json'));
    await expect(archive.trash.delete([budget])).rejects.toThrow();
    expect(archive.list().some((d) => d.id === budget)).toBe(true);
    expect(archive.trash.list()).toEqual([]);
    expect(await readdir(join(dir, 'trash'))).toEqual([]);
    expect((await archive.get(budget)).text).toContain('zebrafish');
    expect(await archive.annotations.list(budget)).toHaveLength(2);
    await rm(join(dir, 'library.json'), { recursive: true });
    await archive.close();
  });
});
