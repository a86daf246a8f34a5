import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { describe, expect, it } from 'vitest';
import { run } from '../exporters/tools';
import { useTempDirs } from '../test-support/temp-dir';
import { dosDateTime, localHeader, STORED } from './zip-format';
import { ZipWriter } from './zip-writer';
import { entryBytes, readZipDirectory } from './zip-directory';

const tempDir = useTempDirs();
const hasUnzip = run('unzip', ['-v']).status === 0;

/** Every entry's method and, for the names in `read`, its content (read back through yauzl, as a restore does). */
async function readZip(path: string, read: (name: string) => boolean): Promise<Map<string, { method: number; data?: Buffer }>> {
  const zip = await new Promise<ZipFile>((ok, fail) => yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (e, z) => (e || !z ? fail(e) : ok(z))));
  const out = new Map<string, { method: number; data?: Buffer }>();
  await new Promise<void>((done, fail) => {
    zip.on('entry', (entry: Entry) => {
      if (!read(entry.fileName)) {
        out.set(entry.fileName, { method: entry.compressionMethod });
        return zip.readEntry();
      }
      zip.openReadStream(entry, async (error, stream) => {
        if (error || !stream) return fail(error);
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        out.set(entry.fileName, { method: entry.compressionMethod, data: Buffer.concat(chunks) });
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

async function writeZip(path: string, fill: (zip: ZipWriter) => Promise<void>): Promise<void> {
  const handle = await open(path, 'wx');
  const zip = new ZipWriter(handle);
  await fill(zip);
  await zip.finish();
  await handle.close();
}

const at = (name: string, mtime: Date) => ({ name: Buffer.from(name), ...dosDateTime(mtime), mode: 0o644 });

describe('backup zip writer', () => {
  it('writes stored, deflated and streamed entries with UTF-8 names that yauzl and unzip read back exactly', async () => {
    const path = join(await tempDir(), 'a.zip');
    const text = Buffer.from('年度报告 annual report\n'.repeat(2000));
    const random = randomBytes(3 * 1024 * 1024 + 17);
    const mtime = new Date(2026, 0, 2, 3, 4, 6);
    await writeZip(path, async (zip) => {
      await zip.addWhole(at('archive/文档/text.txt', mtime), text, false);
      await zip.addWhole(at('archive/empty.txt', mtime), Buffer.alloc(0), false);
      async function* chunks() {
        yield random.subarray(0, 1000);
        yield random.subarray(1000);
      }
      await zip.addStream({ ...at('archive/original.pdf', mtime), method: STORED }, random.length, chunks(), () => ({ crc: crc32(random), size: random.length }));
    });
    const back = await readZip(path, () => true);
    expect([...back.keys()]).toEqual(['archive/文档/text.txt', 'archive/empty.txt', 'archive/original.pdf']);
    expect(back.get('archive/文档/text.txt')).toMatchObject({ method: 8 });
    expect(back.get('archive/文档/text.txt')!.data!.equals(text)).toBe(true);
    expect(back.get('archive/empty.txt')!.data!.length).toBe(0);
    expect(back.get('archive/original.pdf')).toMatchObject({ method: 0 });
    expect(back.get('archive/original.pdf')!.data!.equals(random)).toBe(true);
    if (hasUnzip) {
      expect(run('unzip', ['-tq', path]).output).toMatch(/No errors detected/);
      expect(run('unzip', ['-l', path]).output).toMatch(/2026-01-02 03:04/);
    }
  });

  it('writes the ZIP64 end records when there are more than 65,535 entries (a backup of ~17,000 documents)', async () => {
    const path = join(await tempDir(), 'many.zip');
    const count = 70_000;
    await writeZip(path, async (zip) => {
      // in runs of 1,000 entries packed one after the other, as the backup's workers send them, several written at once
      const runs: Promise<void>[] = [];
      for (let from = 0; from < count; from += 1000) {
        const parts: Buffer[] = [];
        const packed = [];
        let offset = 0;
        for (let i = from; i < from + 1000; i++) {
          const data = Buffer.from(String(i));
          const e = { ...at(`archive/${i}`, new Date(2026, 0, 1)), method: STORED, crc: crc32(data), compressed: data.length, size: data.length };
          const header = localHeader(e, false);
          packed.push({ ...e, at: offset });
          parts.push(header, data);
          offset += header.length + data.length;
        }
        runs.push(zip.addPacked(Buffer.concat(parts), packed));
      }
      await Promise.all(runs);
    });
    const back = await readZip(path, (name) => name === 'archive/69999');
    expect(back.size).toBe(count);
    expect(back.get('archive/69999')!.data!.toString()).toBe('69999');
    // and as the restore reads it: the ZIP64 end records give the count and where the directory is
    const directory = await readZipDirectory(path);
    expect(directory.count).toBe(count);
    const last = directory.names.indexOf('archive/69999');
    expect((await entryBytes(path, directory, last)).toString()).toBe('69999');
    // The classic end record says "see ZIP64": 0xFFFF entries.
    const bytes = await readFile(path);
    expect(bytes.readUInt16LE(bytes.length - 22 + 10)).toBe(0xffff);
    if (hasUnzip) expect(run('unzip', ['-tq', path]).output).toMatch(/No errors detected/);
  });
});
