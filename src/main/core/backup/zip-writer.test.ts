import { randomBytes } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { describe, expect, it } from 'vitest';
import { run } from '../exporters/tools';
import { useTempDirs } from '../test-support/temp-dir';
import { DEFLATED, STORED, ZipWriter } from './zip-writer';

const tempDir = useTempDirs();
const hasUnzip = run('unzip', ['-v']).status === 0;

/** Every entry's content, or with `only`, that entry's (the others are listed, not read). */
async function readZip(path: string, only?: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<ZipFile>((ok, fail) => yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (e, z) => (e || !z ? fail(e) : ok(z))));
  const out = new Map<string, Buffer>();
  await new Promise<void>((done, fail) => {
    zip.on('entry', (entry: Entry) => {
      if (only && entry.fileName !== only) {
        out.set(entry.fileName, Buffer.alloc(0));
        return zip.readEntry();
      }
      zip.openReadStream(entry, async (error, stream) => {
        if (error || !stream) return fail(error);
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        out.set(entry.fileName, Buffer.concat(chunks));
        zip.readEntry();
      });
    });
    zip.once('end', done);
    zip.once('error', fail);
    zip.readEntry();
  });
  zip.close();
  return out;
}

describe('zip writer', () => {
  it('writes stored, deflated and streamed entries that yauzl and unzip read back exactly, with UTF-8 names', async () => {
    const path = join(await tempDir(), 'a.zip');
    const handle = await open(path, 'wx');
    const zip = new ZipWriter(handle);
    const text = Buffer.from('年度报告 annual report\n'.repeat(2000));
    const random = randomBytes(3 * 1024 * 1024 + 17);
    const mtime = new Date(2026, 0, 2, 3, 4, 6);
    await zip.add({ name: 'archive/文档/text.txt', mtime }, DEFLATED, deflateRawSync(text), crc32(text), text.length);
    await zip.add({ name: 'archive/empty.txt', mtime }, STORED, Buffer.alloc(0), 0, 0);
    await zip.addStream({ name: 'archive/big.bin', mtime }, STORED, random.length, Readable.from([random.subarray(0, 1000), random.subarray(1000)]), () => ({ crc: crc32(random), size: random.length }));
    await zip.finish();
    await handle.close();
    const back = await readZip(path);
    expect([...back.keys()]).toEqual(['archive/文档/text.txt', 'archive/empty.txt', 'archive/big.bin']);
    expect(back.get('archive/文档/text.txt')!.equals(text)).toBe(true);
    expect(back.get('archive/empty.txt')!.length).toBe(0);
    expect(back.get('archive/big.bin')!.equals(random)).toBe(true);
    if (hasUnzip) {
      expect(run('unzip', ['-tq', path]).output).toMatch(/No errors detected/);
      expect(run('unzip', ['-l', path]).output).toMatch(/2026-01-02 03:04/);
    }
  });

  it('writes the ZIP64 end records when there are more than 65,535 entries', async () => {
    const path = join(await tempDir(), 'many.zip');
    const handle = await open(path, 'wx');
    const zip = new ZipWriter(handle);
    const count = 70_000;
    for (let i = 0; i < count; i++) {
      const data = Buffer.from(String(i));
      await zip.add({ name: `archive/${i}`, mtime: new Date(2026, 0, 1) }, STORED, data, crc32(data), data.length);
    }
    await zip.finish();
    await handle.close();
    const back = await readZip(path, 'archive/69999');
    expect(back.size).toBe(count);
    expect(back.get('archive/69999')!.toString()).toBe('69999');
    // The classic end record says "see ZIP64": 0xFFFF entries.
    const bytes = await readFile(path);
    expect(bytes.readUInt16LE(bytes.length - 22 + 10)).toBe(0xffff);
    expect((await stat(path)).size).toBe(bytes.length);
    if (hasUnzip) expect(run('unzip', ['-tq', path]).output).toMatch(/No errors detected/);
  });
});
