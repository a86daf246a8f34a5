import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const bytes = (text: string) => new TextEncoder().encode(text);

async function withArchive(run: (archive: Archive) => Promise<void>, dir?: string) {
  const archive = await Archive.open(dir ?? (await tempDir()), { writable: true, owner: 'test' });
  try {
    await run(archive);
  } finally {
    await archive.close();
  }
}

describe('rules in the archive', () => {
  it('refuses a rule that would not compile or assigns nothing, naming it; keeps the saved list', async () => {
    await withArchive(async (archive) => {
      await archive.rules.add({ name: 'Weekly', field: 'text', mode: 'any', pattern: 'weekly', tags: ['weekly'] });
      const bad = archive.rules.add({ name: 'Bad', field: 'text', mode: 'regex', pattern: '[a-', tags: ['x'] });
      await expect(bad).rejects.toBeInstanceOf(ApiError);
      await expect(bad).rejects.toThrow('Rule "Bad": the regular expression is not valid: missing closing ]: `[a-`.');
      await expect(archive.rules.add({ name: 'weekly', field: 'text', mode: 'any', pattern: 'x', tags: ['x'] })).rejects.toThrow(/Two rules are named/);
      await expect(archive.rules.add({ name: 'Empty', field: 'text', mode: 'any', pattern: 'x' })).rejects.toThrow(/assigns nothing/);
      expect(archive.rules.list().map((r) => r.name)).toEqual(['Weekly']);
    });
  });

  it('files every import: tags, collections created once by name, the date; new versions keep the user’s tags and add the rules’', async () => {
    const dir = await tempDir();
    await withArchive(async (archive) => {
      await archive.rules.add({ name: 'Weekly', field: 'title', mode: 'all', pattern: 'weekly report', tags: ['reports/weekly'], collections: ['Weekly'] });
      await archive.rules.add({ name: '周报', field: 'text', mode: 'phrase', pattern: '工作周报', tags: ['周报'], collections: ['Weekly'], date: '2024-03-18' });
      const outcomes = await Promise.all([
        archive.importFile({ name: 'a.txt', bytes: bytes('Weekly report 1\n\nText.\n') }),
        archive.importFile({ name: 'b.txt', bytes: bytes('Weekly report 2\n\n本周工作\n周报。\n') }),
        archive.importFile({ name: 'c.txt', bytes: bytes('Minutes\n\nNothing to file.\n') }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported']);
      expect(archive.catalog.collections().map((c) => c.name)).toEqual(['Weekly']);
      const weekly = archive.catalog.collections()[0]!.id;
      const byTitle = Object.fromEntries(archive.list().map((d) => [d.title, d]));
      expect(byTitle['Weekly report 1']).toMatchObject({ tags: ['reports/weekly'], collections: [weekly] });
      expect(byTitle['Weekly report 2']).toMatchObject({ tags: ['reports/weekly', '周报'], collections: [weekly], date: '2024-03-18' });
      expect(byTitle['Minutes']!.tags).toBeUndefined();
      expect(outcomes[1]).toMatchObject({ rules: ['Weekly', '周报'] });

      const first = byTitle['Weekly report 1']!;
      await archive.catalog.updateMeta(first.id, { tags: ['mine', 'reports/weekly'] });
      const version = await archive.importFile({ name: 'a.txt', bytes: bytes('Weekly report 1\n\nText, revised: 工作周报.\n'), asVersionOf: first.id });
      expect(version.status).toBe('new-version');
      expect(archive.list().find((d) => d.id === first.id)).toMatchObject({ tags: ['mine', 'reports/weekly', '周报'], collections: [weekly] });
    }, dir);
    // Stored durably with the archive.
    await withArchive(async (archive) => expect(archive.rules.list().map((r) => r.name)).toEqual(['Weekly', '周报']), dir);
  });

  it('previews what the rules would change in the library, then applies exactly that', async () => {
    await withArchive(async (archive) => {
      await archive.importFile({ name: 'budget.txt', bytes: bytes('Budget 2024\n\nThe budget was approved.\n') });
      await archive.importFile({ name: 'other.txt', bytes: bytes('Minutes\n\nNothing.\n') });
      await archive.rules.add({ name: 'Money', field: 'text', mode: 'fuzzy', pattern: 'budgett', tags: ['finance'], collections: ['Finance'], date: '2024-01-01' });
      const preview = await archive.rules.preview();
      expect(preview).toEqual([{ docId: expect.any(String), title: 'Budget 2024', rules: ['Money'], addTags: ['finance'], addCollections: ['Finance'], date: '2024-01-01' }]);
      expect(archive.list().every((d) => !d.tags)).toBe(true);
      expect(archive.catalog.collections()).toEqual([]);

      expect(await archive.rules.apply()).toEqual(preview);
      const doc = archive.list().find((d) => d.title === 'Budget 2024')!;
      expect(doc).toMatchObject({ tags: ['finance'], collections: [archive.catalog.collections()[0]!.id], date: '2024-01-01' });
      expect(await archive.rules.preview()).toEqual([]);
    });
  });
});
