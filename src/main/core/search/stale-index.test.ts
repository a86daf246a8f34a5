import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RichDoc } from '../../../shared/model';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const note = (text: string): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const open = (dir: string, writable: boolean) => Archive.open(dir, { writable, owner: 'test' });
const ids = async (archive: Archive, query: string) => (await archive.search.search(query, {})).hits.map((h) => h.id);

/** Every file under `dir` with its bytes, to tell that nothing was written. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name)] = (await readFile(join(entry.parentPath, entry.name))).toString('base64');
  }
  return files;
}

describe('a search index left stale by a crash', () => {
  it('is not trusted by a read-only open either: it answers from a fresh build and writes nothing', async () => {
    const dir = await tempDir();
    const writer = await open(dir, true);
    const outcome = await writer.importFile({ name: 'report.txt', bytes: new TextEncoder().encode('Annual report\n\nThe institute reviewed its budget.') });
    if (outcome.status !== 'imported') throw new Error('import');
    await writer.close();
    const before = join(await tempDir(), 'index');
    await cp(join(dir, 'index'), before, { recursive: true });

    // A comment (indexed, and not in the documents' fingerprint) saved durably, then the index
    // as a writer killed before its next index save leaves it: the old search.bin, marked dirty.
    const again = await open(dir, true);
    await again.annotations.create(outcome.doc.id, { kind: 'highlight', start: 0, end: 6, comment: note('Compare with the Shenzhen plan') });
    expect(await ids(again, 'shenzhen')).toEqual([outcome.doc.id]);
    await again.close();
    await rm(join(dir, 'index'), { recursive: true });
    await cp(before, join(dir, 'index'), { recursive: true });
    await writeFile(join(dir, 'index', '.dirty'), '');
    const onDisk = await snapshot(dir);

    const reader = await open(dir, false);
    expect(await ids(reader, 'shenzhen')).toEqual([outcome.doc.id]);
    expect(await ids(reader, 'budget')).toEqual([outcome.doc.id]);
    await reader.close();
    expect(await snapshot(dir)).toEqual(onDisk); // read-only: the stale index and its marker stay for the writer to replace

    // The writer, as before, drops it and saves a rebuilt one.
    const next = await open(dir, true);
    expect(await ids(next, 'shenzhen')).toEqual([outcome.doc.id]);
    await next.close();
  });
});
