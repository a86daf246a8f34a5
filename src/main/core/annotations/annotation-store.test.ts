import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RichDoc } from '../../../shared/model';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();

async function archiveWithDoc() {
  const dir = await tempDir();
  const archive = await Archive.open(dir, { writable: true, owner: 'test' });
  const outcome = await archive.importFile({ name: 'minutes.txt', bytes: new TextEncoder().encode('Minutes of the board\n\nThe board met twice this year.\n') });
  if (outcome.status !== 'imported') throw new Error(outcome.status);
  return { dir, archive, docId: outcome.doc.id, docDir: join(dir, 'docs', outcome.doc.id) };
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { annotations: { id: string; color?: string }[] };
/** A comment long enough that its save outgrows the journal's minimum (64 KB): that save folds. */
const longComment = (word: string): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${word} `.repeat(70_000 / (word.length + 1)) }] }] });
const journalLines = async (docDir: string) => (await readFile(join(docDir, 'annotations.journal'), 'utf8')).split('\n').filter(Boolean);

describe('annotation saves (a journal line each; annotations.json and its copy when the journal outgrows it)', () => {
  it('writes the file and its copy at the first save, then one journal line per save until the journal outgrows the file, which folds it', async () => {
    const { dir, archive, docId, docDir } = await archiveWithDoc();
    const first = await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 7 });
    const main = await readFile(join(docDir, 'annotations.json'), 'utf8');
    expect(await readFile(join(docDir, 'annotations.backup-1.json'), 'utf8')).toBe(main);
    expect(await journalLines(docDir)).toEqual([]);

    await archive.annotations.update(docId, first.id, { color: 'green' });
    const second = await archive.annotations.create(docId, { kind: 'highlight', start: 10, end: 15 });
    await archive.annotations.remove(docId, first.id);
    expect(await journalLines(docDir)).toHaveLength(3);
    expect(await readFile(join(docDir, 'annotations.json'), 'utf8')).toBe(main); // not rewritten
    expect((await readdir(docDir)).filter((n) => n.includes('tmp'))).toEqual([]);
    await archive.close();

    // Another program reads the file with the journal applied.
    const reader = await Archive.open(dir, { writable: false, owner: 'reader' });
    expect((await reader.annotations.list(docId)).map((a) => a.id)).toEqual([second.id]);
    await reader.close();

    // A new session: its first fold moves the last fold's copy down to -2, and empties the journal.
    const again = await Archive.open(dir, { writable: true, owner: 'test' });
    await again.annotations.update(docId, second.id, { comment: longComment('budget') });
    expect(await journalLines(docDir)).toEqual([]);
    expect((await readJson(join(docDir, 'annotations.backup-2.json'))).annotations.map((a) => a.id)).toEqual([first.id]);
    const folded = await readJson(join(docDir, 'annotations.json'));
    expect(folded.annotations.map((a) => a.id)).toEqual([second.id]);
    expect(await readFile(join(docDir, 'annotations.backup-1.json'), 'utf8')).toBe(await readFile(join(docDir, 'annotations.json'), 'utf8'));
    await again.close();
  });

  it('a save that cannot append fails and is undone in memory; the next save writes the whole file', async () => {
    const { dir, archive, docId, docDir } = await archiveWithDoc();
    const kept = await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 7 });
    // A folder where the journal should be: the append fails.
    await rm(join(docDir, 'annotations.journal'));
    await mkdir(join(docDir, 'annotations.journal'));
    await expect(archive.annotations.update(docId, kept.id, { color: 'blue' })).rejects.toThrow();
    expect((await archive.annotations.list(docId))[0]!.color).toBe('yellow');
    await rm(join(docDir, 'annotations.journal'), { recursive: true });
    await archive.annotations.update(docId, kept.id, { color: 'green' });
    expect((await readJson(join(docDir, 'annotations.json'))).annotations[0]!.color).toBe('green');
    await archive.close();
    const again = await Archive.open(dir, { writable: true, owner: 'test' });
    expect((await again.annotations.list(docId))[0]!.color).toBe('green');
    await again.close();
  });

  it('a fold that cannot replace annotations.json fails, is undone in memory, and leaves the copy and no temp file', async () => {
    const { archive, docId, docDir } = await archiveWithDoc();
    const kept = await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 7 });
    const copyBefore = await readFile(join(docDir, 'annotations.backup-1.json'), 'utf8');
    // A folder where the file should be: the rename over it fails.
    await rm(join(docDir, 'annotations.json'));
    await mkdir(join(docDir, 'annotations.json'));
    await expect(archive.annotations.create(docId, { kind: 'highlight', start: 10, end: 15, comment: longComment('fails') })).rejects.toThrow();
    expect((await archive.annotations.list(docId)).map((a) => a.id)).toEqual([kept.id]);
    expect(await readFile(join(docDir, 'annotations.backup-1.json'), 'utf8')).toBe(copyBefore);
    expect((await readdir(docDir)).filter((n) => n.includes('tmp'))).toEqual([]);
    await archive.close();
  });

  it('a copy that cannot be written does not undo the fold', async () => {
    const { dir, archive, docId, docDir } = await archiveWithDoc();
    await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 7 });
    // A folder where the copy should be: the copy fails, the save stands.
    await rm(join(docDir, 'annotations.backup-1.json'));
    await mkdir(join(docDir, 'annotations.backup-1.json'));
    const second = await archive.annotations.create(docId, { kind: 'highlight', start: 10, end: 15, comment: longComment('copy') });
    expect(await journalLines(docDir)).toEqual([]);
    expect((await readdir(docDir)).filter((n) => n.includes('tmp'))).toEqual([]);
    await archive.close();
    const again = await Archive.open(dir, { writable: true, owner: 'test' });
    expect((await again.annotations.list(docId)).map((a) => a.id)).toContain(second.id);
    await again.close();
  });

  it('opens a folder written before the journal (annotations.json alone) unchanged; its first save writes the file and starts the journal', async () => {
    const { dir, archive, docId, docDir } = await archiveWithDoc();
    const first = await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 7, color: 'green' });
    await archive.close();
    await rm(join(docDir, 'annotations.journal'));
    const before = await readFile(join(docDir, 'annotations.json'), 'utf8');

    const reader = await Archive.open(dir, { writable: false, owner: 'reader' });
    expect((await reader.annotations.list(docId)).map((a) => [a.id, a.color])).toEqual([[first.id, 'green']]);
    await reader.close();
    const again = await Archive.open(dir, { writable: true, owner: 'test' });
    expect((await again.annotations.list(docId)).map((a) => a.id)).toEqual([first.id]);
    expect(await readFile(join(docDir, 'annotations.json'), 'utf8')).toBe(before);
    await again.annotations.create(docId, { kind: 'highlight', start: 10, end: 15 });
    expect((await readJson(join(docDir, 'annotations.json'))).annotations).toHaveLength(2);
    expect(await journalLines(docDir)).toEqual([]);
    await again.annotations.update(docId, first.id, { color: 'blue' });
    expect(await journalLines(docDir)).toHaveLength(1);
    await again.close();
  });

  it('moves and copies of the folder (trash, a new version) hold every change in annotations.json, with no journal', async () => {
    const { dir, archive, docId, docDir } = await archiveWithDoc();
    const a = await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 7 });
    await archive.annotations.update(docId, a.id, { color: 'pink' });
    expect((await stat(join(docDir, 'annotations.journal'))).size).toBeGreaterThan(0);
    await archive.trash.delete([docId]);
    const trashed = join(dir, 'trash', docId);
    expect(await readdir(trashed)).not.toContain('annotations.journal');
    expect((await readJson(join(trashed, 'annotations.json'))).annotations[0]!.color).toBe('pink');
    await archive.trash.restore([docId]);
    await archive.annotations.update(docId, a.id, { color: 'blue' });
    const outcome = await archive.importFile({ name: 'minutes-v2.txt', bytes: new TextEncoder().encode('Minutes of the board\n\nThe board met three times this year.\n'), asVersionOf: docId });
    expect(outcome.status).toBe('new-version');
    const files = await readdir(docDir);
    expect(files).not.toContain('annotations.journal');
    expect((await readJson(join(docDir, 'versions', '1', 'annotations.json'))).annotations[0]!.color).toBe('blue');
    expect((await archive.annotations.list(docId))[0]!.color).toBe('blue');
    await archive.close();
  });
});
