/**
 * Where in a long text a result's snippet comes from, found by the positions in the
 * index, so that only that stretch is scanned for hits rather than the whole text (a
 * 2 MB text takes ~100 ms to scan). The stretch runs between two marks (analyze.ts),
 * which sit at unit starts, so scanning it cuts the same units as scanning the text.
 */
import type { ParsedQuery } from '../../../shared/search/query';
import { decodePositions } from './analyze';
import type { CandidateChecker } from './execute';
import type { DocEntry, Located } from './posting-format';
import type { InvertedIndex } from './postings';

/** Positions a snippet covers, roughly (makeSnippet shows ~200 characters, ~35 words). */
const WINDOW = 24;
export const SNIPPET_PREFIX_TERMS = 64;

export interface TextWindow {
  from: number;
  /** undefined: to the end of the text */
  to?: number;
}

/** The stretch of the text to scan for the snippet of document `num`. */
export function snippetWindow(index: InvertedIndex, checker: CandidateChecker, query: ParsedQuery, num: number, doc: DocEntry): TextWindow {
  const marks = doc.marks;
  if (!marks?.length) return { from: 0 };
  const starts: number[] = [];
  for (const clause of query.all.flat()) {
    if (!clause.prefix) {
      for (const s of checker.matcher(clause).bodyHits(num)) starts.push(s);
      continue;
    }
    const located: Located = { hint: 0, posting: 0, bytes: new Uint8Array(0), from: 0, to: 0 };
    const decoded = { count: 0 };
    let scratch = new Int32Array(16);
    for (const term of index.termsWithPrefix(clause.units[0]!.text, SNIPPET_PREFIX_TERMS)) {
      const t = index.termId(term);
      if (t === undefined || !index.locate(t, num, located)) continue;
      scratch = decodePositions(located.bytes, located.from, located.to, scratch, decoded);
      for (let i = 0; i < decoded.count; i++) starts.push(scratch[i]!);
    }
  }
  if (!starts.length) return { from: 0, to: marks[1]! };
  starts.sort((a, b) => a - b);
  let best = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (j < starts.length && starts[j]! < starts[i]! + WINDOW) j++;
    if (j - i > bestCount) {
      best = starts[i]!;
      bestCount = j - i;
    }
  }
  let from = 0;
  let to: number | undefined;
  for (let m = 0; m < marks.length; m += 2) {
    // Hits up to ~50 characters before the cluster show in the snippet too: start well before it.
    if (marks[m]! <= best - WINDOW) from = marks[m + 1]!;
    else if (marks[m]! > best + WINDOW * 2) {
      to = marks[m + 1]!;
      break;
    }
  }
  return to === undefined ? { from } : { from, to };
}
