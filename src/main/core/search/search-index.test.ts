import { describe, expect, it } from 'vitest';
import { makeSnippet } from '../../../shared/search/snippet';
import { useTempDirs } from '../test-support/temp-dir';
import { DOCS, openWith } from './test-docs';
import type { SearchIndex } from './search-index';
import type { SearchOptions } from './types';

const tempDir = useTempDirs();
const ids = async (index: SearchIndex, q: string, options?: SearchOptions) => (await index.search(q, options)).hits.map((h) => h.id);

describe('SearchIndex.search', () => {
  it('ranks a title match above body matches, and more frequent terms higher', async () => {
    const { index } = await openWith(await tempDir(), DOCS);
    expect(await ids(index, 'carbon neutrality')).toEqual(['en-title', 'en-body']);
    // en-body says carbon three times in a text about as long as en-road's, which says it once
    expect(await ids(index, 'carbon -neutrality')).toEqual(['en-road']);
    expect(await ids(index, 'carbon')).toEqual(['en-title', 'en-body', 'en-road']);
  });

  it('tells a phrase from an AND of its words', async () => {
    const { index } = await openWith(await tempDir(), DOCS);
    expect(await ids(index, '"belt and road"')).toEqual(['en-body']);
    expect((await ids(index, 'belt road')).sort()).toEqual(['en-body', 'en-road']);
    expect(await ids(index, '"road belt"')).toEqual([]);
  });

  it('matches prefixes, exclusions and OR', async () => {
    const { index } = await openWith(await tempDir(), DOCS);
    expect(await ids(index, 'neutral*')).toEqual(['en-title', 'en-body']);
    expect(await ids(index, 'neutral')).toEqual([]);
    expect(await ids(index, 'carbon -capture -"dust on"')).toEqual(['en-title']);
    expect(await ids(index, 'belt -"belt and road"')).toEqual(['en-road']);
    expect((await ids(index, 'safety OR neutrality')).sort()).toEqual(['en-body', 'en-road', 'en-title']);
    expect(await ids(index, 'the of')).toEqual([]);
  });

  it('finds Chinese by any two characters, however the segmenter split them', async () => {
    const { index } = await openWith(await tempDir(), DOCS);
    expect(await ids(index, '健康')).toEqual(['zh-gz']);
    expect(await ids(index, '物医')).toEqual(['zh-gz']);
    expect((await ids(index, '生物')).sort()).toEqual(['zh-gz', 'zh-sz']);
    expect(await ids(index, '医药与健')).toEqual(['zh-gz']);
    expect(await ids(index, '干细胞 研究院')).toEqual(['zh-gz']);
    // both halves occur, but not next to each other
    expect(await ids(index, '广州研究')).toEqual([]);
    expect(await ids(index, '深')).toEqual(['zh-sz']);
  });

  it('searches notes and comments passed as extra, phrases included', async () => {
    const { index } = await openWith(await tempDir(), DOCS);
    expect(await ids(index, '"biodiversity matters"')).toEqual(['en-title']);
  });

  it('applies filters', async () => {
    const { index } = await openWith(await tempDir(), DOCS);
    expect(await ids(index, 'carbon', { filters: { type: ['pdf', 'txt'] } })).toEqual(['en-title', 'en-road']);
    expect(await ids(index, 'carbon', { filters: { tags: ['economy'] } })).toEqual(['en-body']);
    expect(await ids(index, 'carbon', { filters: { hasAnnotations: true } })).toEqual(['en-body']);
    expect(await ids(index, 'carbon', { filters: { hasAnnotations: false } })).toEqual(['en-title', 'en-road']);
    expect(await ids(index, 'carbon', { filters: { dateFrom: '2023-01-01', dateTo: '2023-12' } })).toEqual(['en-body']);
    expect(await ids(index, '生物', { filters: { language: ['zh'], collections: ['institutes'] } })).toEqual(['zh-gz']);
    expect(await ids(index, '生物', { filters: { language: ['en'] } })).toEqual([]);
  });

  it('pages through results and counts them all', async () => {
    const { index } = await openWith(await tempDir(), DOCS);
    const page = await index.search('carbon', { limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.hits.map((h) => h.id)).toEqual(['en-body']);
    expect(page.hits[0]!.title).toBe('Annual report 2023');
  });

  it('marks the hits in snippets', async () => {
    const { index } = await openWith(await tempDir(), DOCS);
    const [hit] = (await index.search('"carbon capture"', { snippets: true })).hits;
    const snippet = hit!.snippet!;
    expect(snippet.highlights.map(([s, e]) => snippet.text.slice(s, e))).toEqual(['Carbon capture']);
    const [zh] = (await index.search('健康', { snippets: true })).hits;
    expect(zh!.snippet!.highlights.map(([s, e]) => zh!.snippet!.text.slice(s, e))).toEqual(['健康']);
    expect((await index.search('carbon')).hits[0]!.snippet).toBeUndefined();
  });

  it('cuts the snippet of a long text from the window the positions point to, as scanning all of it would', async () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i} says little, 中文段落${i % 10}。`).join('\n\n');
    const text = `${filler(3000)}\n\nHere the Belt and Road forum met in 广州研究院.\n\n${filler(2000)}`;
    const long = { id: 'long', title: 'Long', text, meta: { type: 'txt' } };
    const { index } = await openWith(await tempDir(), [...DOCS, long]);
    for (const query of ['"belt and road"', 'forum', '广州研究院', 'foru*', 'nothinghere OR forum']) {
      const hit = (await index.search(query, { snippets: true })).hits.find((h) => h.id === 'long')!;
      expect(hit.snippet).toEqual(makeSnippet(text, index.findHits(text, query)));
      expect(hit.snippet!.highlights.length).toBeGreaterThan(0);
    }
    // Only the title matches: the snippet is the start of the text.
    const title = (await index.search('long', { snippets: true })).hits.find((h) => h.id === 'long')!;
    expect(title.snippet).toEqual(makeSnippet(text, []));
  });

  it('scores a query of one phrase (confirmed before scoring) as it scores the phrase among other clauses', async () => {
    const docs = [
      ...DOCS,
      { id: 'br-2', title: 'Belt and Road review', text: 'The belt and road plan; belt and road again.', meta: { type: 'txt' } },
      { id: 'br-3', title: 'Notes', text: 'On the Belt and Road.', extra: 'belt and road', meta: { type: 'txt' } },
    ];
    const { index } = await openWith(await tempDir(), docs);
    for (const phrase of ['"belt and road"', '研究院']) {
      const alone = await index.search(phrase);
      // An exclusion of a word no document has sends the query down the general path.
      const general = await index.search(`${phrase} -zzzz`);
      expect(alone.hits.length).toBeGreaterThan(0);
      expect(alone).toEqual(general);
      expect(await index.search(phrase, { filters: { type: ['txt'] } })).toEqual(await index.search(`${phrase} -zzzz`, { filters: { type: ['txt'] } }));
    }
  });

  it('finds every hit in one text for the reader', async () => {
    const { index } = await openWith(await tempDir(), DOCS);
    const text = DOCS[1]!.text;
    expect(index.findHits(text, 'carbon').map(([s, e]) => text.slice(s, e))).toEqual(['carbon', 'Carbon', 'carbon']);
  });

  it('checks phrases in rank order, and estimates the total when it stops early', async () => {
    // More candidates than are all checked (here 100) and than are checked before estimating (1,000): half pass.
    const many = Array.from({ length: 2200 }, (_, i) => ({
      id: `d${String(i).padStart(4, '0')}`,
      title: `Doc ${i}`,
      text: i % 2 ? 'beta alpha gamma' : 'alpha beta gamma',
      meta: { type: 'txt' },
    }));
    const { index } = await openWith(await tempDir(), many, { checkAll: 100 });
    const page = await index.search('"alpha beta"', { limit: 10 });
    expect(page.hits.map((h) => h.id)).toEqual(many.filter((_, i) => i % 2 === 0).slice(0, 10).map((d) => d.id));
    expect(page.approximate).toBe(true);
    expect(page.total).toBeGreaterThan(1000);
    expect(page.total).toBeLessThan(1200);
    const all = await index.search('"alpha beta"', { limit: 2200 });
    expect([all.total, all.approximate, all.hits.length]).toEqual([1100, undefined, 1100]);
  });
});
