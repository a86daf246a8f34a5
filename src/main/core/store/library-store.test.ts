import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { documentsOnDisk } from '../test-support/library-on-disk';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const open = (dir: string) => Archive.open(dir, { writable: true, owner: 'test' });

/** An archive with two documents, opened and closed twice so that a backup exists. */
async function archiveWithTwoDocs(): Promise<{ dir: string; titles: string[] }> {
  const dir = await tempDir();
  const archive = await open(dir);
  await archive.importFile({ name: 'a.txt', bytes: new TextEncoder().encode('Alpha report\n\nText.\n') });
  await archive.importFile({ name: 'b.txt', bytes: new TextEncoder().encode('Beta report\n\nText.\n') });
  await archive.close();
  await (await open(dir)).close(); // a session start: takes a backup of the good library
  return { dir, titles: ['Alpha report', 'Beta report'] };
}

const DAMAGE: Record<string, string | Uint8Array> = {
  empty: '',
  'zero-filled': new Uint8Array(512),
  truncated: '{"version":1,"documents":[{"id":"abc',
  null: 'null',
  'wrong shape': '{"version":1,"documents":{"oops":true}}',
};

describe('library.json recovery', () => {
  for (const [kind, content] of Object.entries(DAMAGE)) {
    it(`sets a ${kind} library.json aside, restores it and says so`, async () => {
      const { dir, titles } = await archiveWithTwoDocs();
      await writeFile(join(dir, 'library.json'), content);
      const archive = await open(dir);
      expect(archive.list().map((d) => d.title).sort()).toEqual(titles);
      expect(archive.notices.join(' ')).toMatch(/library\.json is damaged.*set aside as .*library\.json\.damaged-/);
      await archive.close();
      const aside = (await readdir(dir)).filter((n) => n.startsWith('library.json.damaged-'));
      expect(aside).toHaveLength(1);
      expect(new Uint8Array(await readFile(join(dir, aside[0]!)))).toEqual(typeof content === 'string' ? new TextEncoder().encode(content) : content);
      const again = await open(dir);
      expect(again.notices).toEqual([]);
      await again.close();
    });
  }

  it('rebuilds the library from the document folders when no backup is good', async () => {
    const { dir, titles } = await archiveWithTwoDocs();
    for (const name of await readdir(join(dir, 'backups'))) await writeFile(join(dir, 'backups', name), 'garbage');
    await writeFile(join(dir, 'library.json'), '');
    const archive = await open(dir);
    expect(archive.list().map((d) => d.title).sort()).toEqual(titles);
    expect(archive.notices.join(' ')).toMatch(/rebuilt from the document folders/);
    await archive.close();
  });

  it('a read-only open of a damaged library changes nothing on disk', async () => {
    const { dir, titles } = await archiveWithTwoDocs();
    await writeFile(join(dir, 'library.json'), 'null');
    const reader = await Archive.open(dir, { writable: false, owner: 'reader' });
    expect(reader.list().map((d) => d.title).sort()).toEqual(titles);
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe('null');
  });

  it('keeps at most ten backups', async () => {
    const dir = await tempDir();
    await (await open(dir)).close();
    await writeFile(join(dir, 'library.json'), JSON.stringify({ version: 1, documents: [] }));
    for (let i = 0; i < 12; i++) await (await open(dir)).close();
    expect((await readdir(join(dir, 'backups'))).filter((n) => /^library-.*\.json$/.test(n))).toHaveLength(10);
  });

  it('an imported document is committed by its folder: listed on open before the library is written, and written there on close', async () => {
    const dir = await tempDir();
    const again = await open(dir);
    const outcome = await again.importFile({ name: 'c.txt', bytes: new TextEncoder().encode('Gamma report\n\nText.\n') });
    expect(outcome.status).toBe('imported');
    const listed = async () => (await documentsOnDisk(dir)).map((d) => d.title);
    expect(await listed()).toEqual([]); // not yet: one write later covers many imports
    const reader = await Archive.open(dir, { writable: false, owner: 'reader' });
    expect(reader.list().map((d) => d.title)).toEqual(['Gamma report']);
    expect(reader.notices).toEqual([]);
    await again.close();
    expect(await listed()).toEqual(['Gamma report']);
  });
});
