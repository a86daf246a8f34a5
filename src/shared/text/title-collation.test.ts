import { describe, expect, it } from 'vitest';
import { rankTitles, rerankTitles } from './title-collation';

/** A seeded generator of numbers in [0, 1) (mulberry32): the same titles every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Titles as an archive holds them: English with numbers (numeric order, leading zeros),
 * case and accent variants that the collator holds equal, Chinese, mixed scripts,
 * punctuation, and exact repeats.
 */
function titles(count: number, seed: number): string[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const words = ['Annual Report', 'annual report', 'ANNUAL REPORT', 'Résumé', 'Resume', 'résumé', 'Minutes', 'Budget', 'Élan', 'elan', 'Zeta', 'report', 'Report-', '(Draft)', '#1', 'a', 'Ä'];
  const chinese = ['年度报告', '会议纪要', '預算', '预算', '中文', '报告', '第三季度', '工作总结'];
  const number = () => (random() < 0.3 ? '0' : '') + String(Math.floor(random() * 120));
  return Array.from({ length: count }, () => {
    const shape = random();
    if (shape < 0.35) return `${pick(words)} ${number()}`;
    if (shape < 0.55) return `${pick(chinese)}${random() < 0.5 ? number() : ''}`;
    if (shape < 0.7) return `${pick(words)} ${pick(chinese)} ${number()}`;
    if (shape < 0.8) return pick(words);
    if (shape < 0.9) return `${pick(words)}${pick(['', ' ', ', '])}${pick(words)}`;
    return `${number()} ${pick(words)}`;
  });
}

describe('rerankTitles', () => {
  it('ranks as rankTitles of every title, through documents added, retitled and removed', () => {
    let list = titles(3000, 1);
    let known = Int32Array.from(rankTitles(list));
    const random = seeded(2);
    for (let round = 0; round < 4; round++) {
      // Removed (every title of some ranks gone with them), retitled (-1, a new title or the same one), added (repeats and variants of titles held).
      const kept = list.flatMap((t, i) => (random() < 0.1 ? [] : [{ title: t, rank: known[i]! }]));
      for (const row of kept) {
        if (random() < 0.05) Object.assign(row, { title: random() < 0.3 ? row.title : titles(1, Math.floor(random() * 1e9))[0]!, rank: -1 });
      }
      const added = titles(600, 10 + round).map((title) => ({ title, rank: -1 }));
      const rows = [...kept, ...added, ...kept.slice(0, 50).map((r) => ({ title: r.title.toUpperCase(), rank: -1 }))];
      list = rows.map((r) => r.title);
      const expected = Array.from(rankTitles(list));
      for (const check of [false, true]) expect(Array.from(rerankTitles(list, Int32Array.from(rows, (r) => r.rank), check)!), `round ${round}, check ${check}`).toEqual(expected);
      known = Int32Array.from(expected);
    }
  });

  it('ranks titles when none or all are new, and nothing when there are none', () => {
    const list = titles(500, 3);
    const expected = Array.from(rankTitles(list));
    expect(Array.from(rerankTitles(list, new Int32Array(list.length).fill(-1))!)).toEqual(expected);
    expect(Array.from(rerankTitles(list, Int32Array.from(expected), true)!)).toEqual(expected);
    expect(Array.from(rerankTitles([], new Int32Array(0))!)).toEqual([]);
  });

  it('with check, answers null when the known ranks do not follow the collator (made under another ICU, or damaged)', () => {
    const list = ['Alpha', 'beta', 'Gamma', '中文', 'alpha'];
    const good = Array.from(rankTitles(list));
    expect(good[0]).toBe(good[4]);
    // Two ranks swapped: their order is not the collator's.
    const swapped = good.map((r) => (r === good[1] ? good[2]! : r === good[2] ? good[1]! : r));
    expect(rerankTitles(list, Int32Array.from(swapped), true)).toBeNull();
    // Two titles the collator tells apart under one rank.
    expect(rerankTitles(list, Int32Array.from(good.map((r, i) => (i === 1 ? good[0]! : r))), true)).toBeNull();
    expect(Array.from(rerankTitles(list, Int32Array.from(good), true)!)).toEqual(good);
  });
});
