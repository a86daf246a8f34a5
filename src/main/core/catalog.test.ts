import { describe, expect, it } from 'vitest';
import { Archive } from './archive';
import { normaliseTag } from './catalog';
import { useTempDirs } from './test-support/temp-dir';

const tempDir = useTempDirs();
const bytes = (s: string) => new TextEncoder().encode(s);

async function archiveWith(...texts: string[]) {
  const dir = await tempDir();
  const archive = await Archive.open(dir, { writable: true, owner: 'test' });
  const ids: string[] = [];
  for (const [i, text] of texts.entries()) {
    const outcome = await archive.importFile({ name: `doc-${i}.txt`, bytes: bytes(text) });
    if (outcome.status !== 'imported') throw new Error(`${outcome.status}`);
    ids.push(outcome.doc.id);
  }
  return { dir, archive, ids };
}

describe('catalog', () => {
  it('keeps both of two settings changes made at once (each is applied to the settings as they are when it is written)', async () => {
    const { archive } = await archiveWith();
    const colors = archive.catalog.settings().colors.map((c) => (c.color === 'green' ? { ...c, name: 'Key finding' } : c));
    await Promise.all([
      archive.catalog.updateSettings((current) => ({ ...current, colors })),
      archive.catalog.updateSettings((current) => ({ ...current, ocr: { mode: 'off', languages: 'eng' } })),
      archive.catalog.updateSettings((current) => ({ ...current, trashRetentionDays: 30 })),
    ]);
    expect(archive.catalog.settings()).toMatchObject({ ocr: { mode: 'off', languages: 'eng' }, trashRetentionDays: 30 });
    expect(archive.catalog.settings().colors.find((c) => c.color === 'green')?.name).toBe('Key finding');
    await archive.close();
  });

  it('detects date and language at import, and lets the user edit or clear them', async () => {
    const { dir, archive, ids } = await archiveWith('New Year address\n\nWe thank all staff for the year.\n\nJanuary 1,2024', '年度报告\n\n广州生物医药与健康研究院今年取得了重要进展。\n\n2023年12月31日');
    const [en, zh] = archive.list();
    expect(en).toMatchObject({ date: '2024-01-01', language: 'en' });
    expect(zh).toMatchObject({ date: '2023-12-31', language: 'zh-Hans' });
    await archive.catalog.updateMeta(ids[0]!, { author: 'Party Secretary, Duan Ziyuan', date: null, title: 'Address 2024' });
    await archive.close();
    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    const edited = reopened.list().find((d) => d.id === ids[0])!;
    expect(edited).toMatchObject({ author: 'Party Secretary, Duan Ziyuan', title: 'Address 2024' });
    expect(edited.date).toBeUndefined();
    await reopened.close();
  });

  it('tags in bulk with nested tags, counting parents', async () => {
    const { archive, ids } = await archiveWith('One policy.', 'Two policy.', 'Three news.');
    await archive.catalog.tag([ids[0]!, ids[1]!], [' policy / national ', 'review'], []);
    await archive.catalog.tag([ids[1]!], ['policy/local'], ['review']);
    expect(archive.list().find((d) => d.id === ids[1])!.tags).toEqual(['policy/local', 'policy/national']);
    expect(archive.catalog.tags()).toEqual([
      { tag: 'policy', count: 2 },
      { tag: 'policy/local', count: 1 },
      { tag: 'policy/national', count: 2 },
      { tag: 'review', count: 1 },
    ]);
    await expect(archive.catalog.tag(['missing0000'], ['x'], [])).rejects.toThrow(/No document with id missing0000/);
    await archive.close();
  });

  it('groups documents in collections; deleting a collection keeps its documents', async () => {
    const { archive, ids } = await archiveWith('One.', 'Two.');
    const board = await archive.catalog.createCollection('Board meeting');
    await expect(archive.catalog.createCollection('Board meeting')).rejects.toThrow(/exists already/);
    await archive.catalog.collect(ids, board.id, true);
    expect(archive.list().every((d) => d.collections?.includes(board.id))).toBe(true);
    await archive.catalog.collect([ids[0]!], board.id, false);
    expect(archive.list().find((d) => d.id === ids[0])!.collections).toEqual([]);
    await archive.catalog.renameCollection(board.id, 'Board 2024');
    expect(archive.catalog.collections()).toEqual([{ id: board.id, name: 'Board 2024' }]);
    await archive.catalog.deleteCollection(board.id);
    expect(archive.catalog.collections()).toEqual([]);
    expect(archive.list()).toHaveLength(2);
    expect(archive.list().some((d) => d.collections?.includes(board.id))).toBe(false);
    await archive.close();
  });

  it('saves and deletes searches', async () => {
    const { archive } = await archiveWith('One.');
    const saved = await archive.catalog.saveSearch('Drugs in 2024', 'drug*', { dateFrom: '2024' });
    expect(archive.catalog.savedSearches()).toEqual([saved]);
    await archive.catalog.deleteSearch(saved.id);
    expect(archive.catalog.savedSearches()).toEqual([]);
    await archive.close();
  });

  it('normalises tags', () => {
    expect(normaliseTag(' policy //  national  health ')).toBe('policy/national health');
    expect(normaliseTag('/')).toBe('');
  });
});
