/**
 * Searches to run once after the index opens. The first searches of a process run before
 * V8 has optimised the search loops and take 10-60 ms where a warm one takes 1-2 ms (a
 * phrase of common words checks thousands of candidates); a user notices exactly those
 * first ones. The queries come from the index itself: its commonest words and Chinese
 * terms, in each shape the search handles (word, AND, phrase, prefix, CJK word and phrase).
 */
import { STOP_WORDS } from '../../../shared/search/query';
import type { InvertedIndex } from './postings';

const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u;
const WORD = /^[a-z]{3,}$/;

export function warmUpQueries(index: InvertedIndex): string[] {
  const commonest = (test: (term: string) => boolean, count: number) => {
    const best: { term: string; n: number }[] = [];
    const terms = index.termList;
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t]!;
      if (!test(term)) continue;
      const n = index.listLengthAt(t);
      if (best.length < count || n > best[best.length - 1]!.n) {
        best.push({ term, n });
        best.sort((a, b) => b.n - a.n);
        best.length = Math.min(best.length, count);
      }
    }
    return best.map((b) => b.term);
  };
  const [w1, w2] = commonest((t) => WORD.test(t) && !STOP_WORDS.has(t), 2);
  const [c2] = commonest((t) => t.length === 2 && CJK.test(t), 1);
  const [c3] = commonest((t) => t.length >= 3 && CJK.test(t), 1);
  const queries: string[] = [];
  if (w1) queries.push(w1, `${w1.slice(0, 3)}*`);
  if (w1 && w2) queries.push(`${w1} ${w2}`, `"${w1} ${w2}"`, `"${w1} ${w2}" -${w1}x`);
  if (c2) queries.push(c2);
  if (c3) queries.push(c3, `"${c3}${c2 ?? ''}"`);
  if (c2 && c3) queries.push(`${c2} ${c3}`);
  return queries;
}
