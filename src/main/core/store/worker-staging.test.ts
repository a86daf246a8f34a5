import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { documentChecks } from './doc-checks';
import { archiveLayout } from './layout';

const tempDir = useTempDirs();
const bytes = (s: string) => new TextEncoder().encode(s);
const staging = async (dir: string) => (await readdir(archiveLayout(dir).docs)).filter((n) => n.startsWith('.staging-'));

/** A new text document's files are written by the parse worker into its staging folder (meta.json with the blocks inside); the main thread commits it. */
describe('staging written by the parse worker', () => {
  it('stores the original, text and meta.json with the blocks (no blocks.json), with checksums of what was written, readable after a reopen without repair', async () => {
    const dir = await tempDir();
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const files = [
      { name: 'memo.txt', body: 'Budget memo\n\nThe board approved the budget.\n' },
      { name: 'notes.md', body: '# Field notes\n\n- first visit\n- second visit\n\n中文段落：研究院成立。\n' },
      { name: 'page.html', body: '<!doctype html><title>Press page</title><h1>Press page</h1><p>A statement.</p>' },
    ];
    const outcomes = await Promise.all(files.map((f) => archive.importFile({ name: f.name, bytes: bytes(f.body) })));
    await archive.close();

    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    const layout = archiveLayout(dir);
    for (const [k, outcome] of outcomes.entries()) {
      if (outcome.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
      const id = outcome.doc.id;
      const ext = files[k]!.name.split('.').pop()!;
      expect((await readdir(layout.docDir(id))).sort()).toEqual(['meta.json', `original.${ext}`, 'text.txt']);
      expect(await readFile(layout.original(id, ext), 'utf8')).toBe(files[k]!.body);
      const text = await readFile(layout.docFile(id, 'text.txt'), 'utf8');
      const { blocks, ...meta } = JSON.parse(await readFile(layout.docFile(id, 'meta.json'), 'utf8'));
      expect(blocks.length).toBeGreaterThan(0);
      expect(meta.checks).toEqual(documentChecks(text, blocks));
      expect(meta.textLength).toBe(text.length);
      const content = await reopened.get(id);
      expect(content.text).toBe(text);
      expect(content.blocks).toEqual(blocks);
    }
    expect(reopened.repairList()).toEqual([]);
    expect((await reopened.search.search('budget', {})).hits.map((h) => h.id)).toEqual([outcomes[0]!.status === 'imported' ? outcomes[0]!.doc.id : '']);
    expect(await staging(dir)).toEqual([]);
    await reopened.close();
  });

  it('leaves no staging folder for a file that is not stored: a version candidate, a file the worker stopped, a file the importer refused', async () => {
    const dir = await tempDir();
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    expect((await archive.importFile({ name: 'report.txt', bytes: bytes('Annual report\n\nFirst edition.\n') })).status).toBe('imported');
    // Same name and title, other content: offered as a new version, not stored.
    expect((await archive.importFile({ name: 'report.txt', bytes: bytes('Annual report\n\nSecond edition.\n') })).status).toBe('version-candidate');
    // Stopped by the time limit while it is read (2 MB against a millisecond).
    const slow = await archive.importFile({ name: 'long.txt', bytes: bytes('A paragraph of a long report.\n\n'.repeat(70_000)), limits: { timeoutSeconds: 0.001 } });
    expect(slow).toMatchObject({ status: 'failed', reason: expect.stringMatching(/longer than/) });
    const refused = await archive.importFile({ name: 'broken.docx', bytes: bytes('not a zip at all') });
    expect(refused.status).toBe('failed');
    expect(await staging(dir)).toEqual([]);
    expect(archive.list()).toHaveLength(1);
    await archive.close();
  });

  it('writes meta.json in the worker as the library lists it, and over it what a filing rule added', async () => {
    const dir = await tempDir();
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    await archive.rules.add({ name: 'Weekly', field: 'text', mode: 'any', pattern: 'weekly', tags: ['weekly'] });
    const plain = await archive.importFile({ name: 'plain.txt', bytes: bytes('Minutes\n\nThe board met on 3 March 2024.\n') });
    const ruled = await archive.importFile({ name: 'ruled.md', bytes: bytes('# Weekly report\n\nThe weekly numbers.\n') });
    if (plain.status !== 'imported' || ruled.status !== 'imported') throw new Error('not imported');
    const layout = archiveLayout(dir);
    const onDisk = async (id: string) => JSON.parse(await readFile(layout.docFile(id, 'meta.json'), 'utf8'));
    // What the library lists is what meta.json holds, field for field (the next open may list it from there), beside the blocks.
    const { blocks: plainBlocks, ...plainMeta } = await onDisk(plain.doc.id);
    const { blocks: ruledBlocks, ...ruledMeta } = await onDisk(ruled.doc.id);
    expect(plainMeta).toEqual(archive.getMeta(plain.doc.id));
    expect(ruledMeta).toEqual(archive.getMeta(ruled.doc.id));
    // Rewritten on the main thread for the rule's tag, meta.json keeps the blocks the worker wrote.
    expect(ruledBlocks).toEqual((await archive.get(ruled.doc.id)).blocks);
    expect(ruledBlocks.map((b: { kind: string }) => b.kind)).toEqual(['heading', 'paragraph']);
    expect(plainBlocks).toEqual((await archive.get(plain.doc.id)).blocks);
    expect(archive.repairList()).toEqual([]);
    expect((await onDisk(ruled.doc.id)).tags).toEqual(['weekly']);
    expect((await onDisk(plain.doc.id)).tags).toBeUndefined();
    await archive.close();
  });

  it('fsyncs the worker’s files one by one where the file system cannot be synced at once', async () => {
    // A path with a line break is never handed to `sync -f` (durable-file.ts): each file and folder is fsynced instead.
    const dir = join(await tempDir(), 'line\nbreak');
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => archive.importFile({ name: `n${i}.txt`, bytes: bytes(`Note ${i}\n\nBody ${i}.\n`) })));
    expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('imported'));
    await archive.close();
    const reopened = await Archive.open(dir, { writable: false, owner: 'test' });
    expect(reopened.list()).toHaveLength(5);
    for (const o of outcomes) if (o.status === 'imported') expect((await reopened.get(o.doc.id)).text).toContain('Body');
    await reopened.close();
  });
});
