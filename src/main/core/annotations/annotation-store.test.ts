import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('annotation saves (annotations.json and its copy in one durable step)', () => {
  it('writes the file and its newest copy with the same content, rotates the copy once per session, leaves no temp file', async () => {
    const { dir, archive, docId, docDir } = await archiveWithDoc();
    const first = await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 7 });
    await archive.annotations.update(docId, first.id, { color: 'green' });
    const main = await readFile(join(docDir, 'annotations.json'), 'utf8');
    expect(await readFile(join(docDir, 'annotations.backup-1.json'), 'utf8')).toBe(main);
    expect((await readJson(join(docDir, 'annotations.json'))).annotations.map((a) => a.color)).toEqual(['green']);
    expect((await readdir(docDir)).filter((n) => n.includes('tmp'))).toEqual([]);
    await archive.close();

    // A new session: its first change moves the last session's copy down to -2.
    const again = await Archive.open(dir, { writable: true, owner: 'test' });
    await again.annotations.create(docId, { kind: 'highlight', start: 10, end: 15 });
    expect((await readJson(join(docDir, 'annotations.backup-2.json'))).annotations.map((a) => a.color)).toEqual(['green']);
    expect((await readJson(join(docDir, 'annotations.backup-1.json'))).annotations).toHaveLength(2);
    expect(await readFile(join(docDir, 'annotations.backup-1.json'), 'utf8')).toBe(await readFile(join(docDir, 'annotations.json'), 'utf8'));
    await again.close();
  });

  it('a save that cannot replace annotations.json fails, is undone in memory, and leaves the copy and no temp file', async () => {
    const { archive, docId, docDir } = await archiveWithDoc();
    const kept = await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 7 });
    const copyBefore = await readFile(join(docDir, 'annotations.backup-1.json'), 'utf8');
    // A folder where the file should be: the rename over it fails.
    await rm(join(docDir, 'annotations.json'));
    await mkdir(join(docDir, 'annotations.json'));
    await expect(archive.annotations.create(docId, { kind: 'highlight', start: 10, end: 15 })).rejects.toThrow();
    expect((await archive.annotations.list(docId)).map((a) => a.id)).toEqual([kept.id]);
    expect(await readFile(join(docDir, 'annotations.backup-1.json'), 'utf8')).toBe(copyBefore);
    expect((await readdir(docDir)).filter((n) => n.includes('tmp'))).toEqual([]);
    await archive.close();
  });

  it('a copy that cannot be written does not undo the change', async () => {
    const { dir, archive, docId, docDir } = await archiveWithDoc();
    await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 7 });
    // A folder where the copy should be: the copy fails, the save stands.
    await rm(join(docDir, 'annotations.backup-1.json'));
    await mkdir(join(docDir, 'annotations.backup-1.json'));
    const second = await archive.annotations.create(docId, { kind: 'highlight', start: 10, end: 15 });
    expect((await readdir(docDir)).filter((n) => n.includes('tmp'))).toEqual([]);
    await archive.close();
    const again = await Archive.open(dir, { writable: true, owner: 'test' });
    expect((await again.annotations.list(docId)).map((a) => a.id)).toContain(second.id);
    await again.close();
  });
});
