import { describe, expect, it } from 'vitest';
import { comparePrintable, rankTitles, titleLocale } from '../../../shared/text/title-collation';
import { rankCount, ranksOf, resetRanks, seedRanks } from './title-order';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Titles of every kind the table shows: English, Chinese, both, numbers, case, accents, punctuation, empty. */
const KINDS = ['', ' ', 'Report', 'report', 'REPORT', 'Report 9', 'Report 10', 'report 010', 'Annual report 2024', 'annual Report 2024', 'Zebra', 'zebra crossing', 'Élan', 'elan', 'Ökonomie', 'Oekonomie', '中文报告', '报告', '报告 2', '报告 10', '第1章', '第10章', '第2章', '政策文件', 'Policy 政策', 'policy 政策', '(draft)', '- notes', '#1', '_underscore', 'a\u00a0b', 'a b', '~tilde', 'x2', 'x10', 'X10'];

function randomTitles(n: number, seed: number): string[] {
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const parts = [...KINDS, 'a', 'B', ' ', '0', '7', '42', '-', '.', '中', '文', 'é', 'the', 'of', 'Shanghai'];
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(random() * 4) }, () => parts[Math.floor(random() * parts.length)]!).join(''));
}

/** Ranks order the titles exactly as the collator does: equal titles equal ranks. */
function expectCollatorOrder(titles: readonly string[], ranks: Int32Array): void {
  const byRank = titles.map((t, i) => ({ t, r: ranks[i]! })).sort((a, b) => a.r - b.r);
  for (let i = 1; i < byRank.length; i++) {
    const [a, b] = [byRank[i - 1]!, byRank[i]!];
    expect(Math.sign(collator.compare(a.t, b.t)), `${JSON.stringify(a.t)} (${a.r}) then ${JSON.stringify(b.t)} (${b.r})`).toBe(a.r === b.r ? 0 : -1);
  }
}

describe('title ranks', () => {
  it('order English, Chinese, mixed and empty titles as the collator does, equal titles one rank', () => {
    resetRanks();
    const titles = [...KINDS, ...randomTitles(3000, 5)];
    expectCollatorOrder(titles, ranksOf(titles));
    const ranks = ranksOf(titles);
    expect(ranks[titles.indexOf('Report')]).toBe(ranks[titles.indexOf('REPORT')]);
    expect(ranks[titles.indexOf('Report 10')]).toBe(ranks[titles.indexOf('report 010')]);
    expect(ranks[titles.indexOf('Report 9')]).toBeLessThan(ranks[titles.indexOf('Report 10')]!);
  });

  it('seeded from the core, place new titles among them in the collator order, a few or many at once', () => {
    const table = randomTitles(4000, 7);
    const core = Int32Array.from(rankTitles(table));
    // A tenth changed or listed since library.bin was written: the core has no rank for them.
    const later = randomTitles(400, 11);
    table.forEach((_, i) => i % 10 === 0 && ((table[i] = later[i / 10]!), (core[i] = -1)));
    resetRanks();
    expect(seedRanks(table, core, titleLocale())).toBe(true);
    expectCollatorOrder(table, ranksOf(table));
    // Appended (an import), a few then many.
    const few = [...table, ...KINDS.slice(0, 5), ...randomTitles(10, 13)];
    expectCollatorOrder(few, ranksOf(few));
    const many = [...few, ...randomTitles(3000, 17)];
    expectCollatorOrder(many, ranksOf(many));
    expect(rankCount()).toBeLessThanOrEqual(new Set(many).size);
  });

  it('rank lists not in the table\'s order (a filter, a removal) as the collator does', () => {
    const table = [...KINDS, ...randomTitles(3000, 19)];
    resetRanks();
    seedRanks(table, Int32Array.from(rankTitles(table)), titleLocale());
    const filtered = table.filter((_, i) => i % 3 === 1);
    expectCollatorOrder(filtered, ranksOf(filtered));
    const shifted = table.slice(1); // a removal: every row one place up
    expectCollatorOrder(shifted, ranksOf(shifted));
    expectCollatorOrder(table, ranksOf(table));
  });

  it('compare printable ASCII titles as the collator does', () => {
    const printable = randomTitles(2000, 23).map((t) => t.replace(/[^\x20-\x7e]/g, '')).concat(KINDS.filter((t) => /^[\x20-\x7e]*$/.test(t)));
    for (let i = 0; i < printable.length; i++) {
      for (const j of [i + 1, (i * 7) % printable.length, (i * 31 + 5) % printable.length]) {
        const [a, b] = [printable[i]!, printable[j % printable.length]!];
        expect(Math.sign(comparePrintable(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(Math.sign(collator.compare(a, b)));
      }
    }
  });
});
