import { describe, expect, it } from 'vitest';
import { findHits, isEmptyQuery, lookupTerms, parseQuery, type Clause } from './query';

const words = (c: Clause) => c.units.map((u) => u.text).join(' ');
const shape = (input: string) => {
  const q = parseQuery(input);
  return {
    all: q.all.map((alts) => alts.map((c) => `${c.quoted ? '"' : ''}${words(c)}${c.prefix ? '*' : ''}`)),
    none: q.none.map(words),
  };
};
const marked = (text: string, query: string) => findHits(text, parseQuery(query)).map(([s, e]) => text.slice(s, e));

describe('parseQuery', () => {
  it('ANDs words, keeps phrases, prefixes and exclusions', () => {
    expect(shape('Carbon "Belt and Road" biomed* -capture -"city plan"')).toEqual({
      all: [['carbon'], ['"belt and road'], ['biomed*']],
      none: ['capture', 'city plan'],
    });
  });

  it('makes uppercase OR join its neighbours only', () => {
    expect(shape('a1 b2 OR c3 d4')).toEqual({ all: [['a1'], ['b2', 'c3'], ['d4']], none: [] });
    expect(shape('b2 or c3').all).toEqual([['b2'], ['c3']]);
    expect(shape('OR c3').all).toEqual([['c3']]);
  });

  it('gives an empty query for nothing or only stop words', () => {
    for (const q of ['', '   ', 'the and of', 'the OR a', '-carbon', '"', '*']) expect(isEmptyQuery(parseQuery(q)), q).toBe(true);
  });

  it('treats a chunk the tokeniser splits as a phrase', () => {
    expect(shape('covid-19 AI中心').all).toEqual([['covid 19'], ['ai 中心']]);
  });

  it('looks up Chinese words by bigrams, and checks those of 3+ characters in the text', () => {
    const [[health]] = parseQuery('健康').all as [[Clause]];
    expect(lookupTerms(health)).toEqual({ required: ['健康'], boost: [], verify: false });
    const [[bio]] = parseQuery('生物医药').all as [[Clause]];
    const lookup = lookupTerms(bio);
    expect(lookup.required).toEqual(['生物', '物医', '医药']);
    expect(lookup.verify).toBe(true);
    const [[inst]] = parseQuery('研究院').all as [[Clause]];
    expect(lookupTerms(inst).boost).toEqual(['研究院']);
  });

  it('does not look up stop words inside phrases', () => {
    const [[phrase]] = parseQuery('"belt and road"').all as [[Clause]];
    expect(lookupTerms(phrase)).toMatchObject({ required: ['belt', 'road'], verify: true });
    const [[prefix]] = parseQuery('Biomed*').all as [[Clause]];
    expect(lookupTerms(prefix)).toMatchObject({ required: [], prefix: 'biomed' });
  });
});

describe('findHits', () => {
  it('marks words, prefixes and phrases with offsets into the original text', () => {
    const text = 'Belt and Road: the belt, and road. Biomedicine and BIOMEDICAL work.';
    expect(marked(text, '"belt and road"')).toEqual(['Belt and Road', 'belt, and road']);
    expect(marked(text, 'biomed*')).toEqual(['Biomedicine', 'BIOMEDICAL']);
    expect(marked(text, 'road -belt')).toEqual(['Road', 'road']);
    expect(marked(text, 'bio')).toEqual([]);
  });

  it('finds Chinese words as substrings, however the text is segmented', () => {
    const text = '中国科学院广州生物医药与健康研究院。生物技术';
    expect(marked(text, '物医')).toEqual(['物医']);
    expect(marked(text, '生物')).toEqual(['生物', '生物']);
    expect(marked(text, '"广州 生物"')).toEqual(['广州生物']);
    expect(marked(text, '研究院 健康')).toEqual(['健康', '研究院']);
  });

  it('matches a phrase across the script change', () => {
    expect(marked('深圳AI中心, AI 中心, AI研究中心', 'AI中心')).toEqual(['AI中心', 'AI 中心']);
  });

  it('merges overlapping hits', () => {
    expect(findHits('carbon neutrality', parseQuery('"carbon neutrality" carbon'))).toEqual([[0, 17]]);
  });
});
