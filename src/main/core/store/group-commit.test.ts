import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { DocStore, type NewDocument } from './doc-store';
import { archiveLayout } from './layout';

const tempDir = useTempDirs();
const bytes = (s: string) => new TextEncoder().encode(s);

function newDoc(id: string, text: string, originalExt = 'txt'): NewDocument {
  const now = new Date().toISOString();
  return {
    meta: { id, title: text.split('\n')[0]!, type: 'txt', size: text.length, sha256: createHash('sha256').update(id).digest('hex'), sourceName: `${id}.txt`, encoding: 'utf-8', textLength: text.length, version: 1, importedAt: now, updatedAt: now },
    text,
    blocks: [{ kind: 'paragraph', start: 0, end: text.length }],
    original: bytes(text),
    originalExt,
  };
}

describe('group commit of new documents', () => {
  it('documents imported at once share commits, and every acknowledged one is complete after a reopen', async () => {
    const dir = await tempDir();
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const outcomes = await Promise.all(Array.from({ length: 150 }, (_, i) => archive.importFile({ name: `report-${i}.txt`, bytes: bytes(`Report ${i}\n\nItem ${i} of the batch, reviewed.\n`), separate: true })));
    expect(outcomes.every((o) => o.status === 'imported')).toBe(true);
    await archive.close();
    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    expect(reopened.list()).toHaveLength(150);
    for (const o of outcomes) {
      if (o.status !== 'imported') continue;
      const i = /report-(\d+)\.txt/.exec(o.doc.sourceName)![1];
      expect((await reopened.get(o.doc.id)).text).toContain(`Item ${i} of the batch, reviewed.`);
    }
    expect((await readdir(join(dir, 'docs'))).filter((n) => n.startsWith('.staging-'))).toEqual([]);
    await reopened.close();
  });

  it('a document whose files cannot be written is refused alone; the others of its group are stored', async () => {
    const dir = await tempDir();
    const layout = archiveLayout(dir);
    await mkdir(layout.docs, { recursive: true });
    const store = new DocStore(layout);
    // An extension naming a folder that does not exist: its original cannot be written.
    const results = await Promise.allSettled([newDoc('gooda1', 'A text\n'), newDoc('broken', 'B text\n', 'none/x'), newDoc('goodc1', 'C text\n')].map((d) => store.create(d)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await readdir(layout.docs)).sort()).toEqual(['gooda1', 'goodc1']);
    expect(await readFile(layout.docFile('goodc1', 'text.txt'), 'utf8')).toBe('C text\n');
    expect((await store.readMeta('gooda1')).id).toBe('gooda1');
  });

  it('a document whose folder cannot be moved into place is refused alone (nothing of it is left)', async () => {
    const dir = await tempDir();
    const layout = archiveLayout(dir);
    await mkdir(layout.docs, { recursive: true });
    // A file where the folder should go: the rename fails.
    await writeFile(layout.docDir('blocked'), 'in the way');
    const store = new DocStore(layout);
    const results = await Promise.allSettled([newDoc('first', 'First\n'), newDoc('blocked', 'Blocked\n'), newDoc('last', 'Last\n')].map((d) => store.create(d)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await readdir(layout.docs)).sort()).toEqual(['blocked', 'first', 'last']);
    expect(await readFile(layout.docDir('blocked'), 'utf8')).toBe('in the way');
  });

  it('what a crash left of a commit is mended at open: staging folders dropped, a moved folder listed, a torn one not', async () => {
    const dir = await tempDir();
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const kept = await archive.importFile({ name: 'kept.txt', bytes: bytes('Kept\n\nA stored report.\n') });
    await archive.close();
    const layout = archiveLayout(dir);
    // The writer crashed: its library.open marker is still there (a clean close removes it).
    await writeFile(layout.libraryOpen, '1\n');
    const store = new DocStore(layout);
    // Moved into docs/ before the crash, not logged since: listed from its meta.json.
    await store.create(newDoc('movedbeforecrash', 'Moved\n\nIts files were durable.\n'));
    // Staged, never moved: never acknowledged.
    await mkdir(layout.stagingDir('stagedonly'), { recursive: true });
    await writeFile(join(layout.stagingDir('stagedonly'), 'text.txt'), 'half');
    // A folder without its meta.json (not a complete document): left for the user, not listed.
    await mkdir(layout.docDir('torn'), { recursive: true });
    await writeFile(layout.docFile('torn', 'text.txt'), 'torn');
    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    const ids = reopened.list().map((d) => d.id).sort();
    expect(ids).toEqual([kept.status === 'imported' ? kept.doc.id : '', 'movedbeforecrash'].sort());
    expect((await reopened.get('movedbeforecrash')).text).toContain('Its files were durable.');
    expect((await readdir(layout.docs)).filter((n) => n.startsWith('.staging-'))).toEqual([]);
    await reopened.close();
  });
});
