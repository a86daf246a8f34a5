import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { killChild } from './kill-child';

const tempDir = useTempDirs();
const CHILD = resolve(import.meta.dirname, 'flags-crash-child.ts');
const KILLS = 6;

/** Which documents have annotations, read from their annotation files (the truth the flags stand for). */
async function truth(archive: Archive): Promise<string[]> {
  const ids: string[] = [];
  for (const doc of archive.list()) if ((await archive.annotations.list(doc.id)).length) ids.push(doc.id);
  return ids.sort();
}

describe('library.annotated (the "has annotations" flags read at open)', () => {
  it(`is never trusted stale: after a writer is killed mid-save, the flags match the annotation files (${KILLS} kills)`, async () => {
    const archiveDir = await tempDir();
    for (let i = 0; i < KILLS; i++) {
      // Each session starts from a flags file written at a clean close, then changes what it says.
      await killChild(CHILD, archiveDir, i + 1, 10 + ((i * 29) % 120), 3);
      // Opened as the app and serve open it (a read-only open after a crash reads the index as the crash left it).
      const archive = await Archive.open(archiveDir, { writable: true, owner: 'flags crash test' });
      const expected = await truth(archive);
      expect([...(await archive.annotatedIds())].sort(), 'after the kill').toEqual(expected);
      await archive.close();
      // A clean close wrote the flags: the next open trusts them, and they are right.
      expect((await readFile(join(archiveDir, 'library.annotated'), 'utf8')).split('\n').slice(1).filter(Boolean).sort()).toEqual(expected);
      const again = await Archive.open(archiveDir, { writable: false, owner: 'flags crash test' });
      expect([...(await again.annotatedIds())].sort()).toEqual(expected);
      await again.close();
    }
  }, 300_000);

  it('a damaged or missing flags file is rebuilt from the search index; damage is reported and the file set aside', async () => {
    const archiveDir = await tempDir();
    let archive = await Archive.open(archiveDir, { writable: true, owner: 'flags test' });
    const [a, b] = await Promise.all(['a', 'b'].map((n) => archive.importFile({ name: `${n}.txt`, bytes: new TextEncoder().encode(`Document ${n}\n\nSome text about ${n}.\n`) })));
    const docA = a!.status === 'imported' ? a!.doc.id : '';
    expect(b!.status).toBe('imported');
    await archive.annotations.create(docA, { kind: 'highlight', start: 0, end: 8 });
    await archive.close();
    const file = join(archiveDir, 'library.annotated');
    expect(await readFile(file, 'utf8')).toContain(docA);

    // Damaged: an id changed under the checksum.
    await writeFile(file, (await readFile(file, 'utf8')).replace(docA, docA.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'))));
    archive = await Archive.open(archiveDir, { writable: true, owner: 'flags test' });
    expect(archive.notices.join(' ')).toMatch(/library\.annotated is damaged: its checksum does not match.*set aside/);
    expect(archive.repairList().some((r) => r.file === 'library.annotated')).toBe(true);
    expect([...(await archive.annotatedIds())]).toEqual([docA]);
    await archive.close();
    expect((await readdir(archiveDir)).some((n) => n.startsWith('library.annotated.damaged-'))).toBe(true);
    expect(await readFile(file, 'utf8')).toMatch(new RegExp(`^marginalia-annotated 1 1 [0-9a-f]+\\n${docA}$`));

    // Missing (an archive from before the file): taken from the index, written at close.
    await rm(file);
    archive = await Archive.open(archiveDir, { writable: true, owner: 'flags test' });
    expect(archive.notices).toEqual([]);
    expect([...(await archive.annotatedIds())]).toEqual([docA]);
    await archive.close();
    expect(await readFile(file, 'utf8')).toContain(docA);
  }, 60_000);
});
