import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, MAX_NAME_BYTES } from '../../../shared/export';
import { useTempDirs } from '../test-support/temp-dir';
import { exportToFolder } from './export-to-folder';
import { ENTITIES, fixtureArchive } from './test-fixture';

const tempDir = useTempDirs();

async function readAll(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const data = await readFile(join(dir, name)).catch(() => null);
    if (data) out.set(name, data);
  }
  return out;
}

describe('exportToFolder', () => {
  it('gives byte-identical files when the same archive is exported twice, for every format', async () => {
    const { archive } = await fixtureArchive(await tempDir());
    for (const format of EXPORT_FORMATS) {
      const a = await tempDir();
      const b = await tempDir();
      await exportToFolder(archive, { format, outDir: a, entities: ENTITIES });
      await exportToFolder(archive, { format, outDir: b, entities: ENTITIES });
      const [first, second] = await Promise.all([readAll(a), readAll(b)]);
      expect(first.size, format).toBeGreaterThan(0);
      expect([...second.keys()], format).toEqual([...first.keys()]);
      for (const [name, data] of first) expect(second.get(name)!.equals(data), `${format} ${name}`).toBe(true);
    }
    await archive.close();
  });

  it('names files safely on every OS, keeps Chinese readable and numbers collisions', async () => {
    const { archive } = await fixtureArchive(await tempDir());
    const out = await tempDir();
    const { files } = await exportToFolder(archive, { format: 'markdown', outDir: out });
    for (const name of files) {
      expect(name).not.toMatch(/[\\/:*?"<>|\p{Cc}]/u);
      expect(name).not.toMatch(/^\.\.|[. ]$/);
      expect(name.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    }
    expect(files).toContain('年度报告.md');
    expect(files).toContain('CON_.md');
    expect(files).toContain('nul_.tar.md');
    expect(files).toContain('etc passwd.md');
    expect(files.filter((f) => /^report( \(2\))?\.md$/i.test(f))).toHaveLength(2);
    expect(await readdir(out)).toEqual(expect.arrayContaining(files));
    await archive.close();
  });

  it('refuses a folder that holds files already, unless asked to overwrite', async () => {
    const { archive } = await fixtureArchive(await tempDir(), { hostile: false });
    const out = await tempDir();
    await exportToFolder(archive, { format: 'csv', outDir: out });
    await expect(exportToFolder(archive, { format: 'csv', outDir: out })).rejects.toThrow(/not empty/);
    await expect(exportToFolder(archive, { format: 'csv', outDir: out, overwrite: true })).resolves.toMatchObject({ files: ['mentions.csv'] });
    await expect(exportToFolder(archive, { format: 'csv', outDir: await tempDir(), ids: ['nosuchdoc'] })).rejects.toThrow(/No document with id nosuchdoc/);
    await archive.close();
  });

  it('exports a selection only, and tells what a flat format had to leave out', async () => {
    const { archive, zh } = await fixtureArchive(await tempDir(), { hostile: false });
    const out = await tempDir();
    const summary = await exportToFolder(archive, { format: 'conll', outDir: out, ids: [zh] });
    expect(summary.files).toEqual(['年度报告.conll']);
    expect(summary.notices.join(' ')).toMatch(/2 nested or overlapping mention\(s\) left out/);
    await archive.close();
  });
});
