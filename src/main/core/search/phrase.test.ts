import { describe, expect, it } from 'vitest';
import { clauseHits, lookupTerms, parseQuery, scanText, type Clause } from '../../../shared/search/query';
import { analyzeDocument } from './analyze';
import { ClauseMatcher } from './phrase';
import { InvertedIndex } from './postings';

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(a: readonly T[]) => a[Math.floor(next() * a.length)]! };
}

const WORDS = ['belt', 'and', 'road', 'the', 'Road', 'belts', "China's", 'u.s', '3.5', '1,000', 'covid'];
const CJK = ['中', '国', '美', '中国', '研究', '研究院', '生物医药', '𠀀', '国中'];
const SEPARATORS = [' ', ' ', ', ', '，', '。', '', '-', '\n\n'];

function text(r: ReturnType<typeof random>, parts: number): string {
  let out = '';
  for (let i = 0; i < parts; i++) out += (r.next() < 0.5 ? r.pick(WORDS) : r.pick(CJK)) + r.pick(SEPARATORS);
  return out;
}

/** What the text check (the reference) says: the clause occurs in the text. */
const inText = (body: string, clause: Clause) => clauseHits(scanText(body), clause, false).length > 0;

function verifiedClauses(query: string): Clause[] {
  return parseQuery(query).all.flat().filter((c) => !c.prefix && lookupTerms(c).verify);
}

describe('ClauseMatcher (phrases by positions)', () => {
  it('agrees with scanning the text, for random texts and phrases', () => {
    const r = random(20261122);
    let compared = 0;
    let matched = 0;
    for (let round = 0; round < 60; round++) {
      const index = new InvertedIndex();
      const bodies = Array.from({ length: 8 }, () => text(r, 6 + Math.floor(r.next() * 30)));
      bodies.forEach((body, i) => index.add({ id: `d${i}`, title: 'x', text: body, meta: { type: 'txt' } }));
      // Half the rounds query the compacted arrays, half the tails.
      if (round % 2) index.compact();
      for (let q = 0; q < 12; q++) {
        const query = q % 3 === 0 ? `"${text(r, 2 + Math.floor(r.next() * 3))}"` : text(r, 1 + Math.floor(r.next() * 3)).replace(/\s+/g, '');
        for (const clause of verifiedClauses(query)) {
          const matcher = new ClauseMatcher(index, clause);
          bodies.forEach((body, num) => {
            const expected = inText(body, clause);
            expect([query, body, matcher.matches(num)]).toEqual([query, body, expected]);
            compared++;
            if (expected) matched++;
          });
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(matched).toBeGreaterThan(50);
  });

  it('matches a phrase across token boundaries and punctuation, as the text check does', () => {
    const index = new InvertedIndex();
    index.add({ id: 'a', title: 'x', text: 'Results of covid-19 trials; the U.S. policy on belt, and road.', meta: { type: 'txt' } });
    const matches = (query: string) => verifiedClauses(query).every((c) => new ClauseMatcher(index, c).matches(0));
    expect(matches('covid-19')).toBe(true);
    expect(matches('"u.s. policy"')).toBe(true);
    expect(matches('"belt and road"')).toBe(true);
    expect(matches('"road and belt"')).toBe(false);
    expect(matches('"covid trials"')).toBe(false);
  });

  it('tells adjacent CJK runs from one run, and finds 3+ character words only where their characters are adjacent', () => {
    const index = new InvertedIndex();
    index.add({ id: 'one-run', title: 'x', text: '中国美国研究。院长', meta: { type: 'txt' } });
    index.add({ id: 'two-runs', title: 'x', text: '中国，美国', meta: { type: 'txt' } });
    const docsMatching = (query: string) =>
      [0, 1].filter((num) => verifiedClauses(query).every((c) => new ClauseMatcher(index, c).matches(num)));
    expect(docsMatching('中国，美国')).toEqual([1]);
    expect(docsMatching('中国美国')).toEqual([0]);
    expect(docsMatching('美国研究')).toEqual([0]);
    // 研究 and 院 occur, but a full stop splits them.
    expect(docsMatching('研究院')).toEqual([]);
  });

  it('finds a CJK word of 3+ characters in the text, title or notes by its own term, and not once the notes lose it', () => {
    for (const compact of [false, true]) {
      const index = new InvertedIndex();
      const docs = [
        { id: 'body', title: 'x', text: '广州生物医药与健康研究院成立于2003年' },
        { id: 'title', title: '研究院年报', text: 'annual report' },
        { id: 'notes', title: 'x', text: 'annual report', extra: '研究院' },
        { id: 'split', title: 'x', text: '研究。院长' },
      ];
      docs.forEach((d) => index.add({ ...d, meta: { type: 'txt' } }));
      if (compact) index.compact();
      // The segmenter's word is a term of its own: what the shortcut reads.
      expect(index.termId('研究院')).toBeDefined();
      const [clause] = verifiedClauses('研究院');
      const reference = (d: (typeof docs)[number]) => [d.text, d.title, d.extra ?? ''].some((t) => inText(t, clause!));
      const matching = () => docs.map((_, num) => num).filter((num) => new ClauseMatcher(index, clause!).matches(index.docNum(docs[num]!.id)!));
      expect(matching()).toEqual([0, 1, 2]);
      expect(docs.map((_, num) => num).filter((num) => reference(docs[num]!))).toEqual([0, 1, 2]);
      index.setExtra('notes', undefined, { type: 'txt' });
      expect(matching()).toEqual([0, 1]);
    }
  });

  it('lists every start of a phrase, for snippets', () => {
    const index = new InvertedIndex();
    index.add({ id: 'a', title: 'x', text: 'belt and road, road belt, belt and road', meta: { type: 'txt' } });
    const [clause] = verifiedClauses('"belt and road"');
    expect(new ClauseMatcher(index, clause!).bodyHits(0)).toEqual([0, 5]);
  });
});

describe('analyzeDocument', () => {
  it('is structured-clone-able, and an index fed with it equals one that analysed the text itself', () => {
    const body = '广州生物医药与健康研究院 studies the Belt and Road. 𠀀𠀁中国，美国。'.repeat(3);
    const analysis = structuredClone(analyzeDocument(body));
    const given = new InvertedIndex();
    given.add({ id: 'a', title: 'Title words', text: '', extra: 'a note', meta: { type: 'txt' } }, analysis);
    const own = new InvertedIndex();
    own.add({ id: 'a', title: 'Title words', text: body, extra: 'a note', meta: { type: 'txt' } });
    given.compact();
    own.compact();
    expect(given.snapshot()).toEqual(own.snapshot());
  });

  it('is recomputed when it comes from other code', () => {
    const index = new InvertedIndex();
    const stale = { ...analyzeDocument('old words'), version: '0.0' };
    index.add({ id: 'a', title: 'x', text: 'new words', meta: { type: 'txt' } }, stale);
    expect(index.postings('new')).not.toEqual([]);
    expect(index.postings('old')).toEqual([]);
  });

  it('marks long texts at unit starts', () => {
    const body = 'alpha beta, 中国美国。'.repeat(4000);
    const { marks } = analyzeDocument(body);
    expect(marks.length).toBeGreaterThan(10);
    for (let m = 0; m < marks.length; m += 2) {
      // the text from a mark scans into the same units as the whole text from there
      const offset = marks[m + 1]!;
      expect(scanText(body.slice(offset, offset + 40)).starts[0]).toBe(0);
    }
  });
});
