import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick';

const naive = (text: string, patterns: string[]) => {
  const hits: string[] = [];
  patterns.forEach((p, i) => {
    if (!p) return;
    for (let at = text.indexOf(p); at !== -1; at = text.indexOf(p, at + 1)) hits.push(`${at}:${at + p.length}:${i}`);
  });
  return hits.sort();
};

describe('AhoCorasick', () => {
  it('finds every occurrence of every pattern, overlapping and nested', () => {
    const ac = new AhoCorasick<string>().add('he', 'he').add('she', 'she').add('his', 'his').add('hers', 'hers');
    const hits = ac.search('ushers').map((h) => `${h.start}:${h.end}:${h.value}`);
    expect(hits.sort()).toEqual(['1:4:she', '2:4:he', '2:6:hers']);
  });

  it('matches Chinese names inside running text without word boundaries', () => {
    const ac = new AhoCorasick<number>().add('广州', 1).add('广州市档案局', 2).add('档案局', 3);
    expect(ac.search('在广州市档案局工作').map((h) => [h.start, h.end, h.value])).toEqual([
      [1, 3, 1],
      [1, 7, 2],
      [4, 7, 3],
    ]);
  });

  it('agrees with a naive search on random texts and patterns, also after more patterns are added', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '中') }), fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '中'), maxLength: 4 }), { maxLength: 6 }), (text, patterns) => {
        const ac = new AhoCorasick<number>();
        patterns.forEach((p, i) => ac.add(p, i));
        const got = () => ac.search(text).map((h) => `${h.start}:${h.end}:${h.value}`).sort();
        expect(got()).toEqual(naive(text, patterns));
        ac.add('ab', patterns.length);
        expect(got()).toEqual(naive(text, [...patterns, 'ab']));
      }),
    );
  });
});
