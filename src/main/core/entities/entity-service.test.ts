import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const ADDRESS =
  'On behalf of the Guangzhou Institutes of Biomedicine and Health (GIBH), Chinese Academy of Sciences (CAS), I thank Maurice Wilkins. ' +
  'The Chinese Academy of Sciences funded 12 million yuan on January 1, 2024. CAS and GIBH will work with the chinese academy of sciences again.';
const REPORT = '广州生物医药与健康研究院是中国科学院的研究所。中国科学院支持了这项研究。';

async function setUp() {
  const dir = await tempDir();
  const archive = await Archive.open(dir, { writable: true, owner: 'test' });
  const ids: string[] = [];
  for (const [name, text] of [['address.txt', ADDRESS], ['report.txt', REPORT]] as const) {
    const o = await archive.importFile({ name, bytes: new TextEncoder().encode(text) });
    if (o.status !== 'imported') throw new Error(o.status);
    ids.push(o.doc.id);
  }
  const [en, zh] = ids as [string, string];
  const at = (text: string, quote: string, from = 0) => ({ start: text.indexOf(quote, from), end: text.indexOf(quote, from) + quote.length });
  return { dir, archive, en, zh, at };
}

describe('entities', () => {
  it('tags a selection snapped to words, matching the registry by name and creating new entities', async () => {
    const { archive, en, at } = await setUp();
    const sloppy = at(ADDRESS, 'e Chinese Academy of Sci');
    const first = await archive.entities.tag(en, { ...sloppy, label: 'ORG' });
    expect(first.annotation.target.quote).toBe('The Chinese Academy of Sciences');
    const exact = at(ADDRESS, 'Chinese Academy of Sciences', ADDRESS.indexOf('funded') - 40);
    const second = await archive.entities.tag(en, { ...exact, label: 'ORG' });
    expect(second.annotation).toMatchObject({ kind: 'entity', label: 'ORG', target: { quote: 'Chinese Academy of Sciences' } });
    expect(second.entity.id).not.toBe(first.entity.id); // "The …" is another name until the user merges
    const again = await archive.entities.tag(en, { ...at(ADDRESS, 'chinese academy of sciences'), label: 'ORG' });
    expect(again.entity.id).toBe(second.entity.id); // case-insensitive match
    await expect(archive.entities.tag(en, { ...exact, label: 'NOPE' })).rejects.toThrow(/No label NOPE/);
    await archive.close();
  });

  it('counts mentions and documents, shows mentions in context, merges and splits', async () => {
    const { dir, archive, en, zh, at } = await setUp();
    const cas = (await archive.entities.tag(en, { ...at(ADDRESS, 'Chinese Academy of Sciences'), label: 'ORG' })).entity;
    const abbrev = (await archive.entities.tag(en, { ...at(ADDRESS, 'CAS'), label: 'ORG' })).entity;
    const zhCas = (await archive.entities.tag(zh, { ...at(REPORT, '中国科学院'), label: 'ORG' })).entity;
    const merged = await archive.entities.merge(cas.id, [abbrev.id, zhCas.id]);
    expect(merged.aliases).toEqual(['CAS', '中国科学院']);
    const [summary] = await archive.entities.list({ label: 'ORG' });
    expect(summary).toMatchObject({ id: cas.id, mentionCount: 3, documentCount: 2 });
    const { mentions } = await archive.entities.get(cas.id);
    expect(mentions.map((m) => m.quote).sort()).toEqual(['CAS', 'Chinese Academy of Sciences', '中国科学院']);
    await archive.close();

    // Counts are rebuilt from the annotation files after a restart.
    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    expect((await reopened.entities.list({ query: 'cas' }))[0]).toMatchObject({ mentionCount: 3, documentCount: 2 });
    const zhMention = (await reopened.entities.get(cas.id)).mentions.find((m) => m.quote === '中国科学院')!;
    const split = await reopened.entities.split(cas.id, [{ docId: zh, annotationId: zhMention.annotationId }], '中国科学院 (Chinese name)');
    const after = await reopened.entities.list({ label: 'ORG' });
    expect(after.find((e) => e.id === split.id)).toMatchObject({ mentionCount: 1, documentCount: 1 });
    expect(after.find((e) => e.id === cas.id)).toMatchObject({ mentionCount: 2, documentCount: 1 });
    await reopened.close();
  });

  it('finds untagged occurrences in the document or the archive and tags the confirmed ones', async () => {
    const { archive, en, zh, at } = await setUp();
    const { annotation, entity } = await archive.entities.tag(zh, { ...at(REPORT, '中国科学院'), label: 'ORG' });
    const inDoc = await archive.entities.findAll(zh, annotation.id, 'document', false);
    expect(inDoc.map((o) => o.start)).toEqual([REPORT.lastIndexOf('中国科学院')]);
    expect(inDoc[0]!.context).toContain('[中国科学院]');
    const casMention = await archive.entities.tag(en, { ...at(ADDRESS, 'CAS'), label: 'ORG' });
    const archiveWide = await archive.entities.findAll(en, casMention.annotation.id, 'archive', true);
    expect(archiveWide.map((o) => o.text)).toEqual(['CAS']);
    expect(await archive.entities.tagAll('ORG', entity.id, inDoc)).toBe(1);
    expect(await archive.entities.tagAll('ORG', entity.id, inDoc)).toBe(0); // already tagged: skipped
    expect((await archive.entities.list())[0]).toMatchObject({ id: entity.id, mentionCount: 2 });
    await archive.close();
  });

  it('tag-all makes one mention of an item sent many times, or of overlapping items', async () => {
    const { archive, zh, at } = await setUp();
    const { annotation, entity } = await archive.entities.tag(zh, { ...at(REPORT, '中国科学院'), label: 'ORG' });
    const [hit] = await archive.entities.findAll(zh, annotation.id, 'document', false);
    const item = { docId: zh, start: hit!.start, end: hit!.end };
    const items = [item, item, { ...item }, { ...item, start: item.start + 1 }, item];
    expect(await archive.entities.tagAll('ORG', entity.id, items)).toBe(1);
    const mentions = (await archive.annotations.list(zh)).filter((a) => a.kind === 'entity');
    expect(mentions).toHaveLength(2);
    expect(mentions.filter((a) => a.target.start === item.start)).toHaveLength(1);
    await archive.close();
  });

  it('tag-all finds possessive and inflected forms, and says what it skips and why', async () => {
    const dir = await tempDir();
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const text = "Guangzhou is large. Guangzhou's parks, the Guangzhouese dialect, GUANGZHOU in capitals, Guangzhou again. The Institute and two Institutes.";
    const o = await archive.importFile({ name: 'gz.txt', bytes: new TextEncoder().encode(text) });
    if (o.status !== 'imported') throw new Error(o.status);
    const id = o.doc.id;
    const first = await archive.entities.tag(id, { start: 0, end: 9, label: 'LOCATION' });
    const again = text.lastIndexOf('Guangzhou again');
    await archive.entities.tag(id, { start: again, end: again + 9, label: 'ORG' });
    const found = await archive.entities.findAll(id, first.annotation.id, 'document', true);
    expect(found.map((f) => [f.text, f.form, f.skip ?? ''])).toEqual([
      ['Guangzhou', 'possessive', ''],
      ['Guangzhou', 'exact', 'inside the longer word “Guangzhouese”'],
      ['GUANGZHOU', 'exact', 'written “GUANGZHOU” (match case is on)'],
      ['Guangzhou', 'exact', 'already tagged as ORG (“Guangzhou”)'],
    ]);
    const possessive = found[0]!;
    expect(text.slice(possessive.start, possessive.end + 2)).toBe("Guangzhou's");
    expect(await archive.entities.tagAll('LOCATION', first.entity.id, found.filter((f) => !f.skip))).toBe(1);
    const institute = text.indexOf('Institute');
    const org = await archive.entities.tag(id, { start: institute, end: institute + 9, label: 'ORG' });
    expect((await archive.entities.findAll(id, org.annotation.id, 'document', false)).map((f) => [f.text, f.form])).toEqual([['Institutes', 'inflected']]);
    await archive.close();
  });

  it('suggests registry names and NER finds, and remembers rejections per document', async () => {
    const { archive, en, zh, at } = await setUp();
    await archive.entities.tag(zh, { ...at(REPORT, '中国科学院'), label: 'ORG' });
    const zhSuggestions = await archive.entities.suggestions(zh);
    expect(zhSuggestions).toEqual([
      expect.objectContaining({ text: '广州生物医药与健康研究院', label: 'ORG', source: 'rule', start: 0 }),
      expect.objectContaining({ text: '中国科学院', label: 'ORG', source: 'registry', start: REPORT.lastIndexOf('中国科学院') }),
    ]);

    const enSuggestions = await archive.entities.suggestions(en);
    const found = (label: string) => enSuggestions.filter((s) => s.label === label).map((s) => s.text);
    expect(found('PERSON')).toContain('Maurice Wilkins');
    expect(found('MONEY')).toContain('12 million yuan');
    expect(found('DATE')).toContain('January 1, 2024');
    for (const s of enSuggestions) expect(ADDRESS.slice(s.start, s.end)).toBe(s.text);

    await archive.entities.reject(en, 'PERSON', 'Maurice Wilkins');
    expect((await archive.entities.suggestions(en)).some((s) => s.text === 'Maurice Wilkins')).toBe(false);
    await archive.close();
  });

  it('relabels mentions and deletes labels by moving or deleting their mentions', async () => {
    const { archive, en, at } = await setUp();
    const m = await archive.entities.tag(en, { ...at(ADDRESS, 'Maurice Wilkins'), label: 'ORG' });
    const moved = await archive.entities.relabel(en, m.annotation.id, 'PERSON');
    expect(moved.annotation.label).toBe('PERSON');
    expect(moved.entity.label).toBe('PERSON');
    await expect(archive.entities.saveLabels(archive.entities.labels().filter((l) => l.id !== 'PERSON'))).rejects.toThrow(/in use/);
    await archive.entities.deleteLabel('PERSON', { mentions: 'relabel', to: 'EVENT' });
    expect((await archive.annotations.list(en))[0]).toMatchObject({ label: 'EVENT' });
    await archive.entities.deleteLabel('EVENT', { mentions: 'delete' });
    expect(await archive.annotations.list(en)).toEqual([]);
    expect(archive.entities.labels().map((l) => l.id)).toEqual(['ORG', 'LOCATION', 'DATE', 'MONEY', 'DRUG', 'DISEASE', 'POLICY', 'PERCENT']);
    await archive.close();
  });

  it('lets search filter documents by the entities they mention', async () => {
    const { archive, zh, at } = await setUp();
    const { entity } = await archive.entities.tag(zh, { ...at(REPORT, '中国科学院'), label: 'ORG' });
    const result = await archive.search.search('研究', { filters: { entities: [entity.id] } });
    expect(result.hits.map((h) => h.id)).toEqual([zh]);
    await archive.close();
  });

  it('deletes an entity removing its mentions, or keeping them unlinked, and undoes either', async () => {
    const { archive, en, zh, at } = await setUp();
    const cas = await archive.entities.tag(en, { ...at(ADDRESS, 'Chinese Academy of Sciences'), label: 'ORG' });
    await archive.entities.tag(zh, { ...at(REPORT, '中国科学院'), label: 'ORG' });
    await archive.entities.update(cas.entity.id, { aliases: ['中国科学院'] });
    const zhMention = await archive.entities.tag(zh, { ...at(REPORT, '中国科学院', 15), label: 'ORG', entityId: cas.entity.id });
    const highlight = await archive.annotations.create(en, { kind: 'highlight', ...at(ADDRESS, 'Maurice Wilkins') });
    const mentionCount = async () => (await archive.entities.list()).find((e) => e.id === cas.entity.id)?.mentionCount;
    expect(await mentionCount()).toBe(2);

    // Unlink: the mentions stay, with their label and no entity.
    const unlinked = await archive.entities.delete(cas.entity.id, 'unlink');
    expect(unlinked.mentions.map((m) => m.annotation.id).sort()).toEqual([cas.annotation.id, zhMention.annotation.id].sort());
    expect((await archive.entities.list()).some((e) => e.id === cas.entity.id)).toBe(false);
    const kept = (await archive.annotations.list(en)).find((a) => a.id === cas.annotation.id);
    expect(kept).toMatchObject({ kind: 'entity', label: 'ORG', target: { quote: 'Chinese Academy of Sciences' } });
    expect(kept?.entityId).toBeUndefined();
    await expect(archive.entities.get(cas.entity.id)).rejects.toThrow(/No entity/);
    // Undo: the entity and its links come back.
    await archive.entities.restoreEntity(unlinked.entity, unlinked.mentions);
    expect(await mentionCount()).toBe(2);
    expect((await archive.entities.get(cas.entity.id)).entity.aliases).toEqual(['中国科学院']);

    // Remove: the mentions go; other annotations stay.
    const removed = await archive.entities.delete(cas.entity.id, 'remove');
    expect(removed.mentions).toHaveLength(2);
    expect((await archive.annotations.list(en)).map((a) => a.id)).toEqual([highlight.id]);
    expect((await archive.annotations.list(zh)).some((a) => a.id === zhMention.annotation.id)).toBe(false);
    await archive.entities.restoreEntity(removed.entity, removed.mentions);
    expect(await mentionCount()).toBe(2);
    expect((await archive.annotations.list(zh)).find((a) => a.id === zhMention.annotation.id)).toMatchObject({ entityId: cas.entity.id, target: { quote: '中国科学院' } });
    await expect(archive.entities.delete('nosuchentity', 'remove')).rejects.toThrow(/No entity/);
    await archive.close();
  });
});
