import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../shared/model';
import { rankTitles, titleCollator, titleLocale } from '../../../shared/text/title-collation';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { decodeCompact, encodeCompact } from './library-compact';

const tempDir = useTempDirs();
const open = (dir: string) => Archive.open(dir, { writable: true, owner: 'test' });

const meta = (id: string, title: string): DocumentMeta => ({
  id,
  title,
  type: 'txt',
  size: 10,
  sha256: 'a'.repeat(64),
  sourceName: `${id}.txt`,
  encoding: 'utf-8',
  textLength: 9,
  importedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
});

/** library.bin as format 1 wrote it (no title ranks): the format 2 encoding less its ranks, re-checksummed. */
function formatOne(docs: readonly DocumentMeta[]): Buffer {
  const [lead, json, body, hashes, table] = encodeCompact(docs, 0);
  const bodyOne = body!.subarray(0, body!.length - docs.length * 4);
  const leadOne = Buffer.from(lead!);
  leadOne.writeUInt32LE(1, 4);
  leadOne.writeUInt32LE(crc32(table!, crc32(hashes!, crc32(bodyOne, crc32(json!)))), 12);
  return Buffer.concat([leadOne, json!, bodyOne, hashes!, table!]);
}

describe("library.bin's title ranks (format 2)", () => {
  it('ranks every title in the collator order, equal titles equal, and reads them back', () => {
    const titles = ['Report 10', 'report 9', 'Älpha', 'alpha', '中文', 'Zeta', 'Report 10'];
    const docs = titles.map((t, i) => meta(`d${i}`, t));
    const { titles: ranked } = decodeCompact('library.bin', Buffer.concat(encodeCompact(docs, 1)));
    expect(ranked!.locale).toBe(titleLocale());
    const ranks = Array.from(ranked!.ranks);
    expect(ranks).toEqual(Array.from(rankTitles(titles)));
    for (let i = 0; i < titles.length; i++) {
      for (let j = 0; j < titles.length; j++) expect(Math.sign(ranks[i]! - ranks[j]!), `${titles[i]} vs ${titles[j]}`).toBe(Math.sign(titleCollator.compare(titles[i]!, titles[j]!)));
    }
  });

  it('a format 1 library.bin (from before the ranks) is read, then rewritten with them once', async () => {
    const dir = await tempDir();
    let archive = await open(dir);
    for (const name of ['beta', 'alpha', 'gamma']) await archive.importFile({ name: `${name}.txt`, bytes: new TextEncoder().encode(`${name} report\n\nText.\n`) });
    await archive.syncStores().library.compact();
    const docs = archive.list();
    await archive.close();
    const bin = join(dir, 'library.bin');
    await writeFile(bin, formatOne(docs));
    expect(decodeCompact(bin, await readFile(bin)).titles).toBeNull();

    archive = await open(dir);
    expect(archive.list()).toEqual(docs);
    expect(archive.notices).toEqual([]);
    await archive.close();
    const rewritten = decodeCompact(bin, await readFile(bin));
    expect(rewritten.docs).toEqual(docs);
    expect(Array.from(rewritten.titles!.ranks)).toEqual(Array.from(rankTitles(docs.map((d) => d.title))));
  });

  it('each compaction ranks as rankTitles of every title, placing only the titles new since the last (added, retitled, removed, reopened)', async () => {
    const dir = await tempDir();
    let archive = await open(dir);
    const ranksOnDisk = async () => {
      const bin = join(dir, 'library.bin');
      const { docs, titles } = decodeCompact(bin, await readFile(bin));
      return { ranks: Array.from(titles!.ranks), expected: Array.from(rankTitles(docs.map((d) => d.title))) };
    };
    const add = async (names: string[]) => {
      for (const name of names) await archive.importFile({ name: `${name}.txt`, bytes: new TextEncoder().encode(`${name}\n\nText of ${name}.\n`) });
    };
    await add(['Report 10', 'report 9', 'Alpha', '中文报告', 'Zeta']);
    await archive.syncStores().library.compact();
    // Titles equal under the collator to held ones, before and after all of them, between them; one retitled, one removed.
    await add(['ALPHA', 'Älpha', 'Report 010', '0 first', 'zz last', '年度报告', 'Report 9½']);
    const [first, second] = archive.list();
    await archive.catalog.updateMeta(first!.id, { title: 'Report 11' });
    await archive.trash.delete([second!.id]);
    await archive.syncStores().library.compact();
    let disk = await ranksOnDisk();
    expect(disk.ranks).toEqual(disk.expected);
    await archive.close();
    // Reopened: the ranks read from library.bin are checked, then new titles placed among them.
    archive = await open(dir);
    await add(['alpha', 'Middle', '中文']);
    await archive.syncStores().library.compact();
    disk = await ranksOnDisk();
    expect(disk.ranks).toEqual(disk.expected);
    expect(new Set(disk.ranks).size).toBeLessThan(disk.ranks.length); // equal titles share a rank
    await archive.close();
  });

  it('a document edited or added since library.bin was written has no rank; the others keep theirs', async () => {
    const dir = await tempDir();
    const archive = await open(dir);
    for (const name of ['beta', 'alpha', 'gamma']) await archive.importFile({ name: `${name}.txt`, bytes: new TextEncoder().encode(`${name} report\n\nText.\n`) });
    await archive.syncStores().library.compact();
    const [first, second] = archive.list();
    await archive.catalog.updateMeta(second!.id, { title: 'Renamed' });
    await archive.importFile({ name: 'delta.txt', bytes: new TextEncoder().encode('delta report\n\nText.\n') });
    const { ranks } = archive.titleRanks()!;
    const byId = new Map(archive.list().map((d, i) => [d.id, ranks[i]!]));
    expect(byId.get(first!.id)).toBeGreaterThanOrEqual(0);
    expect(byId.get(second!.id)).toBe(-1);
    expect([...byId.values()].filter((r) => r === -1)).toHaveLength(2);
    await archive.close();
  });
});
