import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { useTempDirs } from '../test-support/temp-dir';
import { exportBundle } from './export-bundle';
import { fixtureArchive } from './test-fixture';

const tempDir = useTempDirs();

function zipNames(data: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names.sort()));
      zip.readEntry();
    }),
  );
}

describe('exportBundle', () => {
  it('gives one document as its single file, and several as a deterministic zip', async () => {
    const { archive, en } = await fixtureArchive(await tempDir(), { hostile: false });
    const single = await exportBundle(archive, 'markdown', [en]);
    expect(single.name).toMatch(/\.md$/);
    expect(single.data.toString('utf8')).toMatch(/^---\n/);
    const all = await exportBundle(archive, 'doccano');
    expect(all.name).toBe('marginalia-doccano.zip');
    expect(await zipNames(all.data)).toEqual(['marginalia.jsonl']);
    const again = await exportBundle(archive, 'doccano');
    expect(again.data.equals(all.data)).toBe(true);
    const brat = await exportBundle(archive, 'brat');
    expect((await zipNames(brat.data)).filter((n) => n.endsWith('.ann')).length).toBe(archive.list().length);
    await archive.close();
  });
});
