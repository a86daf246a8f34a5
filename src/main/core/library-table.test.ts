import { describe, expect, it } from 'vitest';
import { createEventHub } from './events';
import { decodeLibraryTable, type LibraryEntry } from '../../shared/model';
import { createCore } from './service';
import { useTempDirs } from './test-support/temp-dir';

const tempDir = useTempDirs();

describe('library.table beside library.list', () => {
  it('answers the rows library.list lists (the table’s fields), before and after a reopen; document.meta the rest', async () => {
    const archiveDir = await tempDir();
    const open = () => createCore({ archiveDir, shell: 'browser', version: '0', emit: createEventHub().emit });
    let core = await open();
    const files = ['Zeta report', 'alpha notice', '广州 报告'].map((title, i) => ({ name: `f${i}.txt`, data: Buffer.from(`${title}\n\nBody ${i}.\n`).toString('base64') }));
    await core.handlers['import.files']({ files });
    const [first] = await core.handlers['library.list']({});
    await core.handlers['annotations.create']({ docId: first!.id, kind: 'highlight', start: 0, end: 4 });
    await core.handlers['documents.tag']({ ids: [first!.id], add: ['policy/national'], remove: [] });
    const rows = (list: LibraryEntry[]) =>
      list.map(({ id, title, type, size, sourceName, importedAt, date, language, tags, collections, notices, hasAnnotations }) => ({
        id, title, type, size, sourceName, importedAt, hasAnnotations,
        ...(date ? { date } : {}), ...(language ? { language } : {}), ...(tags ? { tags } : {}), ...(collections ? { collections } : {}), ...(notices ? { notices } : {}),
      }));
    for (let round = 0; round < 2; round++) {
      const list = await core.handlers['library.list']({});
      const table = await core.handlers['library.table']({});
      expect(decodeLibraryTable(JSON.parse(JSON.stringify(table)))).toEqual(rows(list));
      expect(list.filter((d) => d.hasAnnotations).map((d) => d.id)).toEqual([first!.id]);
      expect(await core.handlers['document.meta']({ id: first!.id })).toEqual(list[0]);
      await core.close();
      core = await open(); // the second round reads library.bin, its ranks and library.annotated
    }
    const table = await core.handlers['library.table']({});
    expect(table.titleRanks?.ranks).toHaveLength(3);
    await core.close();
  }, 60_000);
});
