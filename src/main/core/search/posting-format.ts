/**
 * What a posting is, and the shapes of the index's parts.
 *
 * A posting packs docNum * 512 + (in title ? 256 : 0) + min(tf, 255) into a uint32
 * (BM25 saturates long before tf 255). docNum < 2^23 documents. A posting whose low nine
 * bits are 0 says nothing (an annotation edit took the term out) and is skipped.
 * Positions in the text (see analyze.ts) sit beside each posting as varints.
 */
import type { DocumentAnalysis } from './analyze';
import type { Segment } from './position-segments';
import type { TermTable } from './term-table';
import type { IndexedDocMeta } from './types';

export interface DocEntry {
  id: string;
  title: string;
  /** number of index terms in text + extra: BM25's document length */
  length: number;
  meta: IndexedDocMeta;
  /** the key of its positions in segments: given at `add`, kept through compaction */
  serial: number;
  /** kept (it is small) so that phrases in notes and comments can be checked */
  extra?: string;
  /** [position, offset] pairs of long texts (analyze.ts): where a snippet window starts */
  marks?: ArrayLike<number>;
}

export const TITLE_FLAG = 256;
export const TF_MASK = 255;
export const MAX_DOCS = 2 ** 23;

export interface PostingList {
  data: ArrayLike<number>;
  from: number;
  to: number;
}

/**
 * Postings of one term added since the last compaction. `refs` says where each posting's
 * positions are: -1 none; <= -2 term number -(ref + 2) of its document's live analysis;
 * >= 0 a posting number in the frozen arrays (only when `whole`: the tail then holds the
 * term's frozen postings too, because an annotation edit inserted one among them).
 */
export interface Tail {
  postings: number[];
  refs: number[];
  whole: boolean;
}

/** The positions of one document in one term's posting, as found by `locate`. */
export interface Located {
  /** where the last search in the frozen postings ended; 0 to start afresh */
  hint: number;
  posting: number;
  bytes: Uint8Array;
  from: number;
  to: number;
}

/** What is kept of the analysis of a document added since the last compaction. */
export type LivePositions = Pick<DocumentAnalysis, 'positions' | 'positionEnds'>;

export interface FrozenState {
  docs: DocEntry[];
  /** in code-unit order: strings when built here, the file's bytes when loaded (term-table.ts) */
  terms: string[] | TermTable;
  offsets: Uint32Array;
  frozen: Uint32Array;
  /** where the positions are, in serial order */
  segments: Segment[];
  /** the serial the next document gets */
  nextSerial: number;
  /** removed documents whose positions are still in `segments` */
  deadDocs: number;
}

export const NO_BYTES = new Uint8Array(0);

/** Index of the posting of document `num` in the sorted `data[from, to)`, or -1. */
export function search(data: ArrayLike<number>, from: number, to: number, num: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (data[mid]! >>> 9 < num) lo = mid + 1;
    else hi = mid;
  }
  return lo < to && data[lo]! >>> 9 === num ? lo : -1;
}

/** `search`, starting from `at.hint` when that is in range and not past `num`. */
export function gallop(data: Uint32Array, from: number, to: number, num: number, at: { hint: number }): number {
  let lo = from;
  let hi = to;
  const h = at.hint;
  if (h > from && h < to && data[h]! >>> 9 <= num) {
    lo = h;
    let step = 1;
    while (lo + step < to && data[lo + step]! >>> 9 < num) {
      lo += step;
      step *= 2;
    }
    hi = Math.min(to, lo + step + 1);
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (data[mid]! >>> 9 < num) lo = mid + 1;
    else hi = mid;
  }
  at.hint = lo;
  return lo < to && data[lo]! >>> 9 === num ? lo : -1;
}
