import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from './archive';
import { importPaths } from './import-paths';
import { useTempDirs } from './test-support/temp-dir';
import { documentsOnDisk } from './test-support/library-on-disk';

const tempDir = useTempDirs();
const bytes = (text: string) => new TextEncoder().encode(text);

const open = (dir: string) => Archive.open(dir, { writable: true, owner: 'test' });

describe('Archive', () => {
  it('imports a text file into the on-disk layout and reads it back after reopening', async () => {
    const dir = await tempDir();
    const archive = await open(dir);
    const original = bytes('Annual Report\n\nThe institute grew this year.\n');
    const outcome = await archive.importFile({ name: '/some/where/report.txt', bytes: original });
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    const id = outcome.doc.id;
    expect(outcome.doc).toMatchObject({ title: 'Annual Report', type: 'txt', size: original.byteLength, sourceName: 'report.txt', encoding: 'utf-8' });
    await archive.close();

    expect((await readdir(join(dir, 'docs', id))).sort()).toEqual(['meta.json', 'original.txt', 'text.txt']); // the blocks are in meta.json (issue #19); annotations.json comes with the first annotation
    expect(new Uint8Array(await readFile(join(dir, 'docs', id, 'original.txt')))).toEqual(original);
    expect((await documentsOnDisk(dir)).map((d) => d.id)).toEqual([id]);

    const reopened = await open(dir);
    const content = await reopened.get(id);
    expect(content.text).toContain('The institute grew this year.');
    expect(content.blocks.map((b) => content.text.slice(b.start, b.end))).toEqual(['Annual Report', 'The institute grew this year.']);
    await reopened.close();
  });

  it('reports the same content as a duplicate and stores it once', async () => {
    const dir = await tempDir();
    const archive = await open(dir);
    const first = await archive.importFile({ name: 'a.txt', bytes: bytes('Same words.\n') });
    const second = await archive.importFile({ name: 'copy-of-a.md', bytes: bytes('Same words.\n') });
    expect(second.status).toBe('duplicate');
    expect(second.status === 'duplicate' && first.status === 'imported' && second.doc.id === first.doc.id).toBe(true);
    expect(archive.list()).toHaveLength(1);
    expect(await readdir(join(dir, 'docs'))).toHaveLength(1);
    await archive.close();
  });

  it('names the file and the reason for what it cannot import, and stores nothing of it', async () => {
    const dir = await tempDir();
    const archive = await open(dir);
    const unsupported = await archive.importFile({ name: 'scan.xyz', bytes: bytes('whatever') });
    expect(unsupported).toMatchObject({ file: 'scan.xyz', status: 'failed', reason: expect.stringMatching(/unsupported file type \.xyz.*\.txt/) });
    const empty = await archive.importFile({ name: 'empty.txt', bytes: new Uint8Array() });
    expect(empty).toMatchObject({ file: 'empty.txt', status: 'failed', reason: expect.stringMatching(/empty/) });
    const binary = await archive.importFile({ name: 'image.txt', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 0, 1, 2, 3, 0, 0]) });
    expect(binary).toMatchObject({ status: 'failed', reason: expect.stringMatching(/binary/) });
    expect(archive.list()).toEqual([]);
    expect(await readdir(join(dir, 'docs'))).toEqual([]);
    await archive.close();
  });

  it('keeps an edited title across reopening, in library.json and the document folder', async () => {
    const dir = await tempDir();
    const archive = await open(dir);
    const outcome = await archive.importFile({ name: 'n.txt', bytes: bytes('Old title\n\nBody text here.\n') });
    if (outcome.status !== 'imported') throw new Error(outcome.status);
    await archive.catalog.updateMeta(outcome.doc.id, { title: 'New title' });
    await archive.close();
    const reopened = await open(dir);
    expect(reopened.list()[0]?.title).toBe('New title');
    expect(JSON.parse(await readFile(join(dir, 'docs', outcome.doc.id, 'meta.json'), 'utf8')).title).toBe('New title');
    await expect(reopened.get('nosuchdoc1')).rejects.toThrow(/No document with id nosuchdoc1/);
    await reopened.close();
  });

  it('imports folders recursively and carries on past a bad file', async () => {
    const dir = await tempDir();
    const src = await tempDir('marginalia-src-');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(src, 'sub', 'deeper'), { recursive: true });
    await writeFile(join(src, 'one.txt'), 'First document.\n');
    await writeFile(join(src, 'sub', 'two.md'), '# Second\n\nText.\n');
    await writeFile(join(src, 'sub', 'deeper', 'broken.txt'), new Uint8Array([0, 0, 0, 0, 1, 2, 3]));
    await writeFile(join(src, 'sub', 'photo.bmp'), 'not imported from folders, but told');
    await writeFile(join(src, '.hidden.txt'), 'skipped');
    const archive = await open(dir);
    const seen: string[] = [];
    const outcomes = await importPaths(archive, [src, join(src, 'missing.txt')], { onOutcome: (o, done, total) => seen.push(`${done}/${total} ${o.status}`) });
    expect(outcomes.map((o) => [o.file.slice(src.length), o.status])).toEqual([
      ['/one.txt', 'imported'],
      ['/sub/deeper/broken.txt', 'failed'],
      ['/sub/photo.bmp', 'skipped'],
      ['/sub/two.md', 'imported'],
      ['/missing.txt', 'failed'],
    ]);
    expect(outcomes[2]).toMatchObject({ reason: expect.stringMatching(/^\.bmp is not a format Marginalia imports \(yet\); it reads \.txt/) });
    expect(outcomes[4]).toMatchObject({ reason: 'no such file or folder' });
    // Files are imported a few at a time: progress counts up in the order they finish.
    expect(seen.map((line) => line.split(' ')[0])).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(seen.map((line) => line.split(' ')[1]).sort()).toEqual(['failed', 'failed', 'imported', 'imported', 'skipped']);
    await archive.close();
  });

  it('refuses a file over the size limit before reading it; the limit comes from the settings and a run can raise it', async () => {
    const dir = await tempDir();
    const src = await tempDir('marginalia-src-');
    const big = join(src, 'big.txt');
    await writeFile(big, 'A long line of archived text.\n\n'.repeat(50_000)); // 1.5 MB
    const archive = await open(dir);
    await archive.catalog.setSettings({ ...archive.catalog.settings(), importLimits: { maxFileMb: 1, timeoutSeconds: 60 } });
    const [refused] = await importPaths(archive, [big]);
    expect(refused).toMatchObject({ status: 'failed', reason: 'file too large (2 MB; the limit is 1 MB, set in Settings → Import or with --max-file-mb)' });
    expect(await archive.importFile({ name: 'big.txt', bytes: await readFile(big) })).toMatchObject({ status: 'failed' });
    expect(archive.list()).toEqual([]);
    const [imported] = await importPaths(archive, [big], { limits: { maxFileMb: 2 } });
    expect(imported).toMatchObject({ status: 'imported' });
    await archive.close();
  });

  it('lets readers open the archive while a writer holds it, and refuses a second writer', async () => {
    const dir = await tempDir();
    const writer = await open(dir);
    await expect(open(dir)).rejects.toThrow(/already open for writing by test/);
    const reader = await Archive.open(dir, { writable: false, owner: 'reader' });
    expect(reader.list()).toEqual([]);
    await writer.close();
  });
});
