import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureArchive, openArchive } from '../exporters/test-fixture';
import { run } from '../exporters/tools';
import { useTempDirs } from '../test-support/temp-dir';
import { createBackup } from './create-backup';
import { restoreBackup } from './restore-backup';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

const tempDir = useTempDirs();
const hasUnzip = run('unzip', ['-v']).status === 0;

async function tree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!name.isFile()) continue;
    const full = join(name.parentPath, name.name);
    out.set(full.slice(dir.length + 1), (await readFile(full)).toString('base64'));
  }
  return out;
}

/** A zip written entry by entry, for hostile cases: names and manifests a real backup never has. */
async function craftZip(entries: [string, string | Buffer][]): Promise<string> {
  const path = join(await tempDir(), 'crafted.zip');
  // yazl refuses hostile names, so each entry is written under a harmless name of the same
  // byte length, which is then patched in the local and central headers (the CRC covers data only).
  const zip = new yazl.ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(path));
  const swaps: [Buffer, Buffer][] = [];
  entries.forEach(([name, data], i) => {
    const hostile = Buffer.from(name);
    const harmless = Buffer.from(`p${i}`.padEnd(hostile.length, 'q'));
    swaps.push([harmless, hostile]);
    zip.addBuffer(Buffer.from(data), harmless.toString());
  });
  zip.end();
  await written;
  const bytes = await readFile(path);
  for (const [from, to] of swaps) {
    for (let at = bytes.indexOf(from); at !== -1; at = bytes.indexOf(from, at + to.length)) to.copy(bytes, at);
  }
  await writeFile(path, bytes);
  return path;
}

describe('backup and restore', () => {
  it('backs up the whole archive into one zip and restores it exactly into an empty folder', async () => {
    const dir = await tempDir();
    const { archive, en } = await fixtureArchive(dir);
    // a larger binary file, so that entries span many stream chunks
    await writeFile(join(dir, 'docs', en, 'original.bin'), randomBytes(3 * 1024 * 1024));
    const zipPath = join(await tempDir(), 'backup.zip');
    await archive.settle(); // as `marginalia backup` does: the search index saved, nothing written meanwhile
    const summary = await createBackup(dir, zipPath, { appVersion: '0.1.0', now: new Date('2026-01-02T03:04:05Z') });
    const before = await tree(dir);
    before.delete('archive.lock');
    expect(summary.files).toBe(before.size);
    if (hasUnzip) expect(run('unzip', ['-tq', zipPath]).output).toMatch(/No errors detected/);

    const target = join(await tempDir(), 'restored');
    const report = await restoreBackup(zipPath, target);
    expect(report).toMatchObject({ ok: true, restored: before.size, missing: [], different: [], unexpected: [], appVersion: '0.1.0', createdAt: '2026-01-02T03:04:05.000Z' });
    expect(await tree(target)).toEqual(before);

    const restored = await openArchive(target);
    expect(restored.list()).toEqual(archive.list());
    expect(await restored.annotations.list(en)).toEqual(await archive.annotations.list(en));
    await Promise.all([archive.close(), restored.close()]);
  });

  it('writes a manifest with path, size and SHA-256 of every file', async () => {
    const dir = await tempDir();
    const { archive } = await fixtureArchive(dir, { hostile: false });
    const zipPath = join(await tempDir(), 'b.zip');
    await archive.settle(); // as `marginalia backup` does: the search index saved, nothing written meanwhile
    await createBackup(dir, zipPath, { appVersion: '9.9.9' });
    await archive.close();
    const out = await tempDir();
    if (!hasUnzip) return;
    run('unzip', ['-q', zipPath, 'manifest.json', '-d', out]);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'marginalia-backup', version: 1, appVersion: '9.9.9' });
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain('library.json');
    expect(manifest.files.every((f: { sha256: string; size: number }) => /^[0-9a-f]{64}$/.test(f.sha256) && f.size >= 0)).toBe(true);
    expect(manifest.files.map((f: { path: string }) => f.path)).not.toContain('archive.lock');
  });

  it('never restores into a folder that holds anything', async () => {
    const dir = await tempDir();
    const { archive } = await fixtureArchive(dir, { hostile: false });
    const zipPath = join(await tempDir(), 'b.zip');
    await archive.settle(); // as `marginalia backup` does: the search index saved, nothing written meanwhile
    await createBackup(dir, zipPath, { appVersion: '0.1.0' });
    await archive.close();
    const target = await tempDir();
    await writeFile(join(target, 'keep.txt'), 'mine');
    await expect(restoreBackup(zipPath, target)).rejects.toThrow(/empty folder/);
    expect(await readdir(target)).toEqual(['keep.txt']);
  });

  it('refuses a backup file inside the archive folder', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'docs'), { recursive: true });
    await expect(createBackup(dir, join(dir, 'docs', 'b.zip'), { appVersion: '0' })).rejects.toThrow(/outside the archive folder/);
  });

  it.each([
    ['archive/../../evil.txt'],
    ['../evil.txt'],
    ['/etc/evil.txt'],
    ['archive/docs/..\\..\\evil.txt'],
    ['C:/evil.txt'],
    ['archive/./x.txt'],
    ['other/x.txt'],
  ])('refuses zip-slip entry %s before writing anything', async (name) => {
    const manifest = JSON.stringify({ format: 'marginalia-backup', version: 1, appVersion: '0', createdAt: '', files: [] });
    const zipPath = await craftZip([['archive/library.json', '{}'], [name, 'pwned'], ['manifest.json', manifest]]);
    const parent = await tempDir();
    const target = join(parent, 'restore', 'here');
    await expect(restoreBackup(zipPath, target)).rejects.toThrow(/Refusing this backup/);
    expect(await readdir(parent)).toEqual([]);
  });

  const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
  const manifestOf = (files: [string, string | Buffer][]) =>
    JSON.stringify({ format: 'marginalia-backup', version: 1, appVersion: '0', createdAt: '2026-01-01T00:00:00.000Z', files: files.map(([path, data]) => ({ path, size: Buffer.from(data).length, sha256: sha(data) })) });
  /** A backup whose manifest lists `listed`, holding `entries` (names under archive/ unless given whole). */
  const backupZip = (listed: [string, string | Buffer][], entries: [string, string | Buffer][] = listed.map(([p, d]) => [`archive/${p}`, d])) => craftZip([...entries, ['manifest.json', manifestOf(listed)]]);

  it('with --partial, restores a damaged backup as far as it goes and reports files missing or different', async () => {
    const manifest = JSON.stringify({
      format: 'marginalia-backup',
      version: 1,
      appVersion: '0',
      createdAt: '2026-01-01T00:00:00.000Z',
      files: [
        { path: 'library.json', size: 2, sha256: sha('{}') },
        { path: 'docs/a/text.txt', size: 5, sha256: sha('hello') },
        { path: 'docs/b/text.txt', size: 3, sha256: sha('gone') },
      ],
    });
    const zipPath = await craftZip([['archive/library.json', '{}'], ['archive/docs/a/text.txt', 'HELLO'], ['archive/extra.txt', 'x'], ['manifest.json', manifest]]);
    const report = await restoreBackup(zipPath, join(await tempDir(), 'r'), { partial: true });
    expect(report.ok).toBe(false);
    expect(report.missing).toEqual(['docs/b/text.txt']);
    expect(report.different.map((d) => d.path)).toEqual(['docs/a/text.txt']);
    expect(report.unexpected).toEqual(['extra.txt']);
    await expect(restoreBackup(await craftZip([['archive/x', 'y']]), join(await tempDir(), 'r'))).rejects.toThrow(/no manifest\.json/);
  });

  const good: [string, string][] = [['library.json', '{}'], ['docs/a/text.txt', 'hello']];
  const hostile: [string, () => Promise<string>, RegExp, Parameters<typeof restoreBackup>[2]?][] = [
    ['a file missing from the zip', () => backupZip([...good, ['docs/b/text.txt', 'gone']], good.map(([p, d]) => [`archive/${p}`, d])), /docs\/b\/text\.txt is in the manifest but not in the zip/],
    ['a file the manifest does not list', () => backupZip(good, [...good.map(([p, d]): [string, string] => [`archive/${p}`, d]), ['archive/extra.txt', 'x']]), /extra\.txt is not in the manifest/],
    ['a file of another size than listed', () => backupZip(good, [['archive/library.json', '{}'], ['archive/docs/a/text.txt', 'hello!']]), /docs\/a\/text\.txt has another size/],
    ['a file whose bytes differ from the manifest (same size)', () => backupZip(good, [['archive/library.json', '{}'], ['archive/docs/a/text.txt', 'HELLO']]), /docs\/a\/text\.txt is not what its manifest says/],
    ['the same file twice', () => backupZip(good, [...good.map(([p, d]): [string, string] => [`archive/${p}`, d]), ['archive/library.json', '{}']]), /library\.json appears twice/],
    ['a file where a folder must be', () => backupZip([...good, ['docs', 'x']]), /docs is both a file and a folder/],
    ['a file where a folder must be, below folders already known', () => backupZip([...good, ['docs/a/b', 'x'], ['docs/a/b/c.txt', 'y']]), /docs\/a\/b is both a file and a folder/],
    ['an archive.lock', () => backupZip([...good, ['archive.lock', '{"pid":1}']]), /holds archive\.lock/],
    ['an archive.lock.takeover', () => backupZip([...good, ['archive.lock.takeover', '{"pid":1}']]), /holds archive\.lock\.takeover/],
    ['more entries than the cap', () => backupZip(good), /it holds 3 entries; the limit is 2/, { limits: { maxEntries: 2 } }],
    ['more bytes than the cap', () => backupZip(good), /it expands to/, { limits: { maxTotalBytes: 4 } }],
    ['an entry that expands past the ratio cap (2 MB of zeros)', () => backupZip([...good, ['docs/a/blocks.json', Buffer.alloc(2 * 1024 * 1024)]]), /blocks\.json expands \d+ times \(a zip bomb\?\)/, { limits: { maxRatio: 100 } }],
    ['an absolute path', () => backupZip(good, [['archive/library.json', '{}'], ['/etc/evil.txt', 'x']]), /absolute path/],
    ['a path that climbs out', () => backupZip(good, [['archive/library.json', '{}'], ['archive/../evil.txt', 'x']]), /relative path|climbs out/],
  ];
  it.each(hostile)('refuses %s; nothing is left behind', async (_name, make, message, options) => {
    const zipPath = await make();
    const parent = await tempDir();
    const target = join(parent, 'restore', 'here');
    await expect(restoreBackup(zipPath, target, options)).rejects.toThrow(message);
    expect(await readdir(parent)).toEqual([]);
  });

  it('a refused restore into an existing empty folder leaves it empty, and a good one fills it', async () => {
    const target = await tempDir();
    await expect(restoreBackup(await backupZip(good, [['archive/library.json', '{}'], ['archive/docs/a/text.txt', 'HELLO']]), target)).rejects.toThrow(/not what its manifest says/);
    expect(await readdir(target)).toEqual([]);
    expect(await readdir(join(target, '..'))).not.toContainEqual(expect.stringMatching(/restoring/));
    const report = await restoreBackup(await backupZip(good), target);
    expect(report).toMatchObject({ ok: true, restored: 2, targetDir: target });
    expect(await readFile(join(target, 'docs/a/text.txt'), 'utf8')).toBe('hello');
  });

  it('stores already-compressed originals, deflates texts, packs large files in pieces, and restores many files at once exactly', async () => {
    const dir = await tempDir();
    const { archive, en } = await fixtureArchive(dir, { hostile: false });
    await archive.close();
    const pdf = randomBytes(200 * 1024);
    await writeFile(join(dir, 'docs', en, 'original.pdf'), pdf);
    await writeFile(join(dir, 'docs', en, 'large.txt'), 'a line of text that repeats\n'.repeat(620_000)); // 17 MB, past the whole-file size (16 MB): streamed by the backup and by the restore
    // past 16 MB too: a stored original read in pieces, and index bytes deflated in pieces with Huffman coding only
    await mkdir(join(dir, 'docs', 'big'), { recursive: true });
    await writeFile(join(dir, 'docs', 'big', 'original.pdf'), randomBytes(17 * 1024 * 1024 + 3));
    await mkdir(join(dir, 'index'), { recursive: true });
    await writeFile(join(dir, 'index', 'positions-test.bin'), randomBytes(17 * 1024 * 1024 + 5).map((b) => b & 0x1f));
    for (let i = 0; i < 120; i++) {
      await mkdir(join(dir, 'docs', `d${i}`), { recursive: true });
      await writeFile(join(dir, 'docs', `d${i}`, 'text.txt'), `document ${i} `.repeat(i + 1));
    }
    const zipPath = join(await tempDir(), 'b.zip');
    const summary = await createBackup(dir, zipPath, { appVersion: '0.1.0' });
    const { default: yauzl } = await import('yauzl');
    const methods = new Map<string, number>();
    await new Promise<void>((done, fail) =>
      yauzl.open(zipPath, { lazyEntries: false }, (error, zip) => {
        if (error || !zip) return fail(error);
        zip.on('entry', (e: { fileName: string; compressionMethod: number }) => methods.set(e.fileName, e.compressionMethod));
        zip.once('end', done);
      }),
    );
    expect(methods.get(`archive/docs/${en}/original.pdf`)).toBe(0);
    expect(methods.get(`archive/docs/${en}/large.txt`)).toBe(8);
    expect(methods.get('archive/docs/d119/text.txt')).toBe(8);
    expect(methods.get('archive/docs/big/original.pdf')).toBe(0);
    expect(methods.get('archive/index/positions-test.bin')).toBe(8);
    if (hasUnzip) expect(run('unzip', ['-tq', zipPath]).output).toMatch(/No errors detected/);
    const target = join(await tempDir(), 'restored');
    const report = await restoreBackup(zipPath, target);
    expect(report).toMatchObject({ ok: true, restored: summary.files });
    const before = await tree(dir);
    before.delete('archive.lock');
    expect(await tree(target)).toEqual(before);
  });

  it('restores a backup zipped again by another tool (Info-ZIP zip: no UTF-8 flag, extra fields)', async () => {
    if (run('zip', ['-v']).status !== 0) return;
    const files: [string, string][] = [['library.json', '{}'], ['docs/a/text.txt', 'hello'], ['docs/b/meta.json', '{"title":"b"}']];
    const source = await tempDir();
    for (const [path, data] of files) {
      await mkdir(join(source, 'archive', path, '..'), { recursive: true });
      await writeFile(join(source, 'archive', path), data);
    }
    await writeFile(join(source, 'manifest.json'), manifestOf(files));
    const zipPath = join(await tempDir(), 'again.zip');
    expect(run('sh', ['-c', `cd '${source}' && zip -q -r -D '${zipPath}' archive manifest.json`]).status).toBe(0);
    const target = join(await tempDir(), 'r');
    expect(await restoreBackup(zipPath, target)).toMatchObject({ ok: true, restored: 3 });
    expect(await readFile(join(target, 'docs/b/meta.json'), 'utf8')).toBe('{"title":"b"}');
  });

  it('refuses an entry whose bytes were damaged inside the zip (CRC-32 or deflate); nothing is left behind', async () => {
    const zipPath = await backupZip([['library.json', '{}'], ['docs/a/text.txt', 'the same line again\n'.repeat(300)]]);
    const bytes = await readFile(zipPath);
    const name = Buffer.from('archive/docs/a/text.txt');
    const at = bytes.indexOf(name); // the local header's copy comes first
    const data = at + name.length + bytes.readUInt16LE(at - 30 + 28);
    bytes[data + 2] = bytes[data + 2]! ^ 0x55;
    await writeFile(zipPath, bytes);
    const parent = await tempDir();
    await expect(restoreBackup(zipPath, join(parent, 'r'))).rejects.toThrow(/docs\/a\/text\.txt does not unzip/);
    expect(await readdir(parent)).toEqual([]);
  });
});
