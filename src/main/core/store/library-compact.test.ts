import { readdirSync } from 'node:fs';
import { appendFile, copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../shared/model';
import { Archive } from '../archive';
import { documentsOnDisk } from '../test-support/library-on-disk';
import { useTempDirs } from '../test-support/temp-dir';
import { archiveLayout } from './layout';
import { decodeCompact, encodeCompact } from './library-compact';
import { LibraryStore } from './library-store';

const tempDir = useTempDirs();
const open = (dir: string) => Archive.open(dir, { writable: true, owner: 'test' });
const bytes = (s: string) => new TextEncoder().encode(s);

const meta = (over: Partial<DocumentMeta>): DocumentMeta => ({
  id: 'abcdef01',
  title: 'A report',
  type: 'txt',
  size: 10,
  sha256: "a".repeat(64),
  sourceName: 'a.txt',
  encoding: 'utf-8',
  textLength: 9,
  importedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  ...over,
});

/** An archive with three documents whose library was compacted, then edited after (the edits live in library.log). */
async function archiveWithLog() {
  const dir = await tempDir();
  const archive = await open(dir);
  const ids: string[] = [];
  for (const name of ['alpha', 'beta', 'gamma']) {
    const outcome = await archive.importFile({ name: `${name}.txt`, bytes: bytes(`${name} report\n\nText about ${name}.\n`) });
    if (outcome.status === 'imported') ids.push(outcome.doc.id);
  }
  await archive.catalog.tag([ids[0]!], ['before/compaction'], []);
  await archive.syncStores().library.compact();
  await archive.catalog.updateMeta(ids[1]!, { title: 'Beta, renamed after' });
  await archive.catalog.tag([ids[2]!], ['after'], []);
  await archive.close();
  return { dir, ids };
}

describe('library.bin (compact form)', () => {
  it('decodes exactly what was encoded: every field, absent and empty lists, unicode, a NUL, sizes past 4 GB', () => {
    const docs = [
      meta({}),
      meta({ id: 'abcdef02', title: '中文标题 — “quoted”', size: 5 * 2 ** 32 + 7, tags: [], collections: ['c1', 'c2'], date: '2020-05-01', author: 'Ministry', language: 'zh' }),
      meta({ id: 'abcdef03', title: 'nul\u0000inside', checks: { text: 'b'.repeat(64), blocks: 'c'.repeat(64) }, notices: ['scanned'], ocr: { state: 'done', languages: 'eng', mode: 'auto', pages: 3 }, version: 2, tags: ['policy/national', 'x'] }),
    ];
    const decoded = decodeCompact('library.bin', Buffer.concat(encodeCompact(docs, 7)));
    expect(decoded.logGen).toBe(7);
    expect(decoded.docs).toEqual(docs);
    expect(decoded.docs[0]).not.toHaveProperty('tags');
    expect(decoded.docs[1]!.tags).toEqual([]);
  });

  it('refuses a file whose bytes changed, a cut-short file and another format', () => {
    const file = Buffer.concat(encodeCompact([meta({})], 1));
    const flipped = Buffer.from(file);
    flipped[flipped.length - 3]! ^= 0xff;
    expect(() => decodeCompact('library.bin', flipped)).toThrow(/library\.bin is damaged: its checksum does not match/);
    expect(() => decodeCompact('library.bin', file.subarray(0, file.length - 10))).toThrow(/damaged/);
    const other = Buffer.from(file);
    other.writeUInt32LE(99, 4);
    expect(() => decodeCompact('library.bin', other)).toThrow(/format 99/);
  });

  it('an edit is one log line: library.json and library.bin are not rewritten', async () => {
    const { dir, ids } = await archiveWithLog();
    const archive = await open(dir);
    const before = { json: await readFile(join(dir, 'library.json'), 'utf8'), bin: await readFile(join(dir, 'library.bin')) };
    const log = (await readFile(join(dir, 'library.log'), 'utf8')).split('\n').length;
    await archive.catalog.updateMeta(ids[0]!, { title: 'Alpha again' });
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(before.json);
    expect(await readFile(join(dir, 'library.bin'))).toEqual(before.bin);
    expect((await readFile(join(dir, 'library.log'), 'utf8')).split('\n')).toHaveLength(log + 1);
    expect((await documentsOnDisk(dir)).find((d) => d.id === ids[0])?.title).toBe('Alpha again');
    // While a writer has it open the next open lists docs/ (its imports may not be logged yet); after a clean close it need not.
    expect(await readdir(dir)).toContain('library.open');
    await archive.close();
    expect(await readdir(dir)).not.toContain('library.open');
  });

  it('a damaged library.bin is set aside and the library rebuilt from the folders and the log, and says so', async () => {
    const { dir, ids } = await archiveWithLog();
    const file = join(dir, 'library.bin');
    const damaged = await readFile(file);
    damaged[damaged.length - 5]! ^= 0x55;
    await writeFile(file, damaged);
    const again = await open(dir);
    const byId = new Map(again.list().map((d) => [d.id, d]));
    expect([...byId.keys()].sort()).toEqual([...ids].sort());
    expect(byId.get(ids[1]!)?.title).toBe('Beta, renamed after'); // from the log
    expect(byId.get(ids[2]!)?.tags).toEqual(['after']); // from the log
    expect(again.notices.join(' ')).toMatch(/library\.bin is damaged: its checksum does not match.*set aside as .*library\.bin\.damaged-.*rebuilt from the document folders/);
    expect(again.repairs.list()).toMatchObject([{ file: 'library.bin', setAsideAs: expect.stringMatching(/^library\.bin\.damaged-/) }]);
    await again.close();
    expect((await readdir(dir)).filter((n) => n.startsWith('library.bin.damaged-'))).toHaveLength(1);
    // Written again whole: the next open needs no repair.
    const third = await open(dir);
    expect(third.notices).toEqual([]);
    expect(third.list().find((d) => d.id === ids[1])?.title).toBe('Beta, renamed after');
    await third.close();
  });

  it('a damaged log line costs only that change, names the line, and the rest is applied', async () => {
    const { dir, ids } = await archiveWithLog();
    const file = join(dir, 'library.log');
    const lines = (await readFile(file, 'utf8')).split('\n');
    // Line 2 is the rename; line 3 the tag.
    lines[1] = lines[1]!.slice(0, 40);
    await writeFile(file, lines.join('\n'));
    const again = await open(dir);
    const byId = new Map(again.list().map((d) => [d.id, d]));
    expect(byId.get(ids[1]!)?.title).toBe('beta report');
    expect(byId.get(ids[2]!)?.tags).toEqual(['after']);
    expect(byId.get(ids[0]!)?.tags).toEqual(['before/compaction']);
    expect(again.notices.join(' ')).toMatch(/library\.log is damaged: line\(s\) 2 could not be read.*The other 1 change\(s\) were applied/);
    expect(again.repairs.list()).toMatchObject([{ file: 'library.log' }]);
    await again.close();
    const third = await open(dir);
    expect(third.notices).toEqual([]);
    await third.close();
  });

  it('a log line of valid JSON whose document has the wrong shape is damaged too, never half applied', async () => {
    const { dir, ids } = await archiveWithLog();
    const file = join(dir, 'library.log');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const entry = JSON.parse(lines[1]!) as { upsert: { title: unknown }[] };
    entry.upsert[0]!.title = 42;
    lines[1] = JSON.stringify(entry);
    await writeFile(file, lines.join('\n'));
    const again = await open(dir);
    expect(again.list().find((d) => d.id === ids[1])?.title).toBe('beta report');
    expect(again.notices.join(' ')).toMatch(/library\.log is damaged: line\(s\) 2 could not be read \(.*unexpected shape at title/);
    await again.close();
  });

  it('a last log line cut short by a crash was never acknowledged: it is dropped without a repair', async () => {
    const { dir, ids } = await archiveWithLog();
    await appendFile(join(dir, 'library.log'), '{"seq":99,"at":"2026-01-01","upsert":[{"id":"');
    const again = await open(dir);
    expect(again.notices).toEqual([]);
    expect(again.list().find((d) => d.id === ids[1])?.title).toBe('Beta, renamed after');
    await again.catalog.updateMeta(ids[1]!, { title: 'Beta, third' });
    await again.close();
    const third = await open(dir);
    expect(third.list().find((d) => d.id === ids[1])?.title).toBe('Beta, third');
    await third.close();
  });

  it('a crash between writing library.bin and starting its log: the older log is all in library.bin and is not replayed', async () => {
    const { dir, ids } = await archiveWithLog();
    const oldLog = join(dir, 'old.log');
    await copyFile(join(dir, 'library.log'), oldLog);
    const archive = await open(dir);
    await archive.syncStores().library.compact();
    await archive.close();
    // The new library.bin with the log of the generation before it, as a kill between the two writes leaves them.
    await copyFile(oldLog, join(dir, 'library.log'));
    const again = await open(dir);
    expect(again.notices).toEqual([]);
    expect(again.list().find((d) => d.id === ids[1])?.title).toBe('Beta, renamed after');
    await again.catalog.updateMeta(ids[0]!, { title: 'After the crash' });
    await again.close();
    const third = await open(dir);
    expect(third.list().find((d) => d.id === ids[0])?.title).toBe('After the crash');
    await third.close();
  });

  it('an archive from before (version 1 library.json listing every document) opens and is migrated', async () => {
    const { dir, ids } = await archiveWithLog();
    const docs = await documentsOnDisk(dir);
    const small = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'));
    const { logSeq: _seq, ...rest } = small;
    await writeFile(join(dir, 'library.json'), JSON.stringify({ ...rest, version: 1, documents: docs.map((d) => (d.id === ids[0] ? { ...d, title: 'Only in version 1' } : d)) }));
    const again = await open(dir);
    expect(again.notices).toEqual([]);
    expect(again.list().find((d) => d.id === ids[0])?.title).toBe('Only in version 1');
    expect(again.list()).toHaveLength(3);
    await again.close();
    const file = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'));
    expect(file.version).toBe(2);
    expect(file).not.toHaveProperty('documents');
    expect((await documentsOnDisk(dir)).find((d) => d.id === ids[0])?.title).toBe('Only in version 1');
  });

  it('documents listed while library.bin is being written are logged after it, in their order', async () => {
    const dir = await tempDir();
    const store = await LibraryStore.open(archiveLayout(dir), true);
    store.add(meta({ id: 'abcdef01' }));
    let done = false;
    const compaction = store.compact().then(() => (done = true));
    // Until library.bin's temp file is there: the compaction has taken its snapshot and is writing.
    while (!done && !readdirSync(dir).some((n) => n.startsWith('.library.bin.'))) await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    store.add(meta({ id: 'abcdef02', sha256: 'b'.repeat(64) }));
    await compaction;
    store.add(meta({ id: 'abcdef03', sha256: 'c'.repeat(64) }));
    await store.close();
    // No document folders here: what the library lists comes from library.bin and library.log alone.
    const again = await LibraryStore.open(archiveLayout(dir), false);
    expect(again.documents().map((d) => d.id)).toEqual(['abcdef01', 'abcdef02', 'abcdef03']);
  });
});
