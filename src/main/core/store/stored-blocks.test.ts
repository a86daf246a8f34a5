import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { sha256 } from './doc-checks';

const tempDir = useTempDirs();
const open = (dir: string) => Archive.open(dir, { writable: true, owner: 'test' });
const bytes = (s: string) => new TextEncoder().encode(s);
const FILES = [
  { name: 'report.md', body: '# Annual report\n\nThe institute opened a laboratory.\n\n- first item\n- second item\n\n> A quoted line.\n' },
  { name: 'memo.txt', body: 'Budget memo\n\nThe board approved the budget.\n\nIt hired forty researchers.\n' },
];

/** An archive of the two files: their ids and blocks as first read. */
async function archiveWithDocs() {
  const dir = await tempDir();
  const archive = await open(dir);
  const ids: string[] = [];
  for (const f of FILES) {
    const outcome = await archive.importFile({ name: f.name, bytes: bytes(f.body) });
    if (outcome.status !== 'imported') throw new Error(outcome.status);
    ids.push(outcome.doc.id);
  }
  const blocks = new Map<string, unknown>();
  for (const id of ids) blocks.set(id, (await archive.get(id)).blocks);
  return { dir, archive, ids: ids as [string, string], blocks };
}

const docDir = (dir: string, id: string) => join(dir, 'docs', id);
const onDisk = async (dir: string, id: string) => JSON.parse(await readFile(join(docDir(dir, id), 'meta.json'), 'utf8'));

/**
 * Turns the documents' folders into what the main branch before issue #19 wrote: blocks.json
 * (JSON.stringify of the blocks) beside a meta.json without them (JSON.stringify(meta, null, 1)).
 */
async function writtenTheOldWay(dir: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const { blocks, ...meta } = await onDisk(dir, id);
    await writeFile(join(docDir(dir, id), 'blocks.json'), JSON.stringify(blocks));
    await writeFile(join(docDir(dir, id), 'meta.json'), JSON.stringify(meta, null, 1));
  }
}

describe("a document's blocks live in its meta.json (issue #19)", () => {
  it('are carried over every rewrite of meta.json: an edit of title and tags, a compaction, the trash and back, a reopen', async () => {
    const { dir, archive, ids, blocks } = await archiveWithDocs();
    const [a, b] = ids;
    expect((await readdir(docDir(dir, a))).sort()).toEqual(['meta.json', 'original.md', 'text.txt']);
    await archive.catalog.updateMeta(a, { title: 'Report, renamed' }); // writes meta.json itself
    await archive.catalog.tag([a, b], ['kept/blocks'], []); // logged only: compaction writes meta.json
    await archive.trash.delete([b]);
    await archive.trash.restore([b]);
    await archive.syncStores().library.compact();
    await archive.close();

    for (const id of ids) {
      const { blocks: stored, ...meta } = await onDisk(dir, id);
      expect(stored, 'meta.json still holds the blocks').toEqual(blocks.get(id));
      expect(meta.tags).toEqual(['kept/blocks']);
      expect(meta.checks.blocks).toBe(sha256(JSON.stringify(stored)));
      expect(await readdir(docDir(dir, id))).not.toContain('blocks.json');
    }
    expect((await onDisk(dir, a)).title).toBe('Report, renamed');
    const again = await open(dir);
    for (const id of ids) expect((await again.get(id)).blocks).toEqual(blocks.get(id));
    expect(again.getMeta(a)).not.toHaveProperty('blocks'); // the library lists metadata only
    expect(again.repairList()).toEqual([]);
    await again.close();
  });

  it('opens an archive written before (blocks.json, meta.json without blocks) and reads it as before; its edits keep that form', async () => {
    const { dir, archive, ids, blocks } = await archiveWithDocs();
    await archive.close();
    await writtenTheOldWay(dir, ids);
    const [a] = ids;

    const old = await open(dir);
    for (const id of ids) expect((await old.get(id)).blocks).toEqual(blocks.get(id));
    expect(old.repairList()).toEqual([]);
    await old.catalog.updateMeta(a, { title: 'Old report, renamed' });
    await old.catalog.tag(ids, ['old/form'], []);
    await old.syncStores().library.compact();
    await old.close();

    for (const id of ids) {
      expect((await readdir(docDir(dir, id))).sort()).toContain('blocks.json');
      const meta = await onDisk(dir, id);
      expect(meta).not.toHaveProperty('blocks');
      expect(meta.tags).toEqual(['old/form']);
    }
    const again = await open(dir);
    for (const id of ids) expect((await again.get(id)).blocks).toEqual(blocks.get(id));
    expect(again.getMeta(a).title).toBe('Old report, renamed');
    expect(again.repairList()).toEqual([]);
    await again.close();
  });

  it("rebuilds an older folder's damaged blocks.json in place, and records it naming blocks.json", async () => {
    const { dir, archive, ids, blocks } = await archiveWithDocs();
    await archive.close();
    await writtenTheOldWay(dir, ids);
    const [, b] = ids;
    await writeFile(join(docDir(dir, b), 'blocks.json'), JSON.stringify([{ kind: 'paragraph', start: 0, end: 3 }]));
    const again = await open(dir);
    expect((await again.get(b)).blocks).toEqual(blocks.get(b));
    expect(again.repairs.forDocument(b)).toMatchObject([{ file: `docs/${b}/blocks.json`, problem: expect.stringMatching(/checksum/), action: expect.stringMatching(/Rebuilt from the text/), setAsideAs: expect.stringMatching(/blocks\.json\.damaged-/) }]);
    expect(JSON.parse(await readFile(join(docDir(dir, b), 'blocks.json'), 'utf8'))).toEqual(blocks.get(b));
    expect(await onDisk(dir, b)).not.toHaveProperty('blocks');
    await again.close();
  });

  it('rebuilds damaged blocks in meta.json from the text, sets the file aside and records it naming meta.json; the metadata stays', async () => {
    const { dir, archive, ids, blocks } = await archiveWithDocs();
    const [, b] = ids;
    await archive.catalog.updateMeta(b, { title: 'Memo, renamed' });
    await archive.close();
    const damaged = { ...(await onDisk(dir, b)), blocks: [{ kind: 'paragraph', start: 0, end: 3 }] };
    await writeFile(join(docDir(dir, b), 'meta.json'), JSON.stringify(damaged, null, 1));

    const again = await open(dir);
    expect((await again.get(b)).blocks).toEqual(blocks.get(b));
    const [repair, ...rest] = again.repairs.forDocument(b);
    expect(rest).toEqual([]);
    expect(repair).toMatchObject({ file: `docs/${b}/meta.json`, problem: expect.stringMatching(/blocks' checksum does not match/), action: expect.stringMatching(/Rebuilt from the text/) });
    expect(JSON.parse(await readFile(join(dir, repair!.setAsideAs!), 'utf8')).blocks).toEqual(damaged.blocks);
    const { blocks: stored, ...meta } = await onDisk(dir, b);
    expect(stored).toEqual(blocks.get(b));
    expect(meta.title).toBe('Memo, renamed');
    expect(meta.checks.blocks).toBe(sha256(JSON.stringify(stored)));
    await again.close();
    const third = await open(dir);
    await third.get(b);
    expect(third.repairs.forDocument(b)).toHaveLength(1); // the one recorded above, not a second
    await third.close();
  });

  it('rebuilds blocks that are nowhere (meta.json without them, no blocks.json) into meta.json, and records it', async () => {
    const { dir, archive, ids, blocks } = await archiveWithDocs();
    await archive.close();
    const [, a] = ids; // memo.txt: its blocks are the plain text's, as a rebuild finds them
    const { blocks: _gone, ...meta } = await onDisk(dir, a);
    await writeFile(join(docDir(dir, a), 'meta.json'), JSON.stringify(meta, null, 1));
    const again = await open(dir);
    expect((await again.get(a)).blocks).toEqual(blocks.get(a));
    expect(again.repairs.forDocument(a)).toMatchObject([{ file: `docs/${a}/meta.json`, problem: expect.stringMatching(/holds no blocks, and there is no blocks\.json/), action: expect.stringMatching(/Rebuilt from the text/) }]);
    expect((await onDisk(dir, a)).blocks).toEqual(blocks.get(a));
    await again.close();
  });

  it('a read-only program shows rebuilt blocks and writes nothing', async () => {
    const { dir, archive, ids, blocks } = await archiveWithDocs();
    await archive.close();
    const [, a] = ids; // memo.txt: its blocks are the plain text's, as a rebuild finds them
    const raw = (await readFile(join(docDir(dir, a), 'meta.json'), 'utf8')).replace('"blocks": [', '"blocks": 7, "was": [');
    await writeFile(join(docDir(dir, a), 'meta.json'), raw);
    const reader = await Archive.open(dir, { writable: false, owner: 'reader' });
    expect((await reader.get(a)).blocks).toEqual(blocks.get(a));
    expect(reader.repairs.forDocument(a)).toMatchObject([{ file: `docs/${a}/meta.json`, action: expect.stringMatching(/for showing only/) }]);
    expect(await readFile(join(docDir(dir, a), 'meta.json'), 'utf8')).toBe(raw);
    await reader.close();
  });

  it("writes a new version of an older folder's document in the new form; versions/1 keeps the old files", async () => {
    const { dir, archive, ids } = await archiveWithDocs();
    await archive.close();
    await writtenTheOldWay(dir, ids);
    const [, b] = ids;
    const again = await open(dir);
    const outcome = await again.importFile({ name: 'memo.txt', bytes: bytes('Budget memo\n\nThe board approved a second budget.\n'), asVersionOf: b });
    expect(outcome.status).toBe('new-version');
    const { blocks } = await again.get(b);
    expect((await readdir(docDir(dir, b))).sort()).toEqual(['annotations.json', 'meta.json', 'original.txt', 'text.txt', 'versions']);
    expect((await onDisk(dir, b)).blocks).toEqual(blocks);
    expect((await readdir(join(docDir(dir, b), 'versions', '1'))).sort()).toEqual(['blocks.json', 'meta.json', 'original.txt', 'text.txt']);
    expect(again.repairList()).toEqual([]);
    await again.close();
  });
});
