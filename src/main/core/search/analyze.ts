/**
 * What the search index needs from one document's text, computed without the index:
 * its terms, their counts and their positions. Pure and self-contained (it imports only
 * the shared tokeniser), so a worker thread can run it on a text it has just parsed and
 * post the result (plain arrays and typed arrays: structured-clone-able, and the typed
 * arrays' buffers are transferable) to the thread that owns the index.
 *
 * Positions count units, not characters: every word takes one position, every CJK
 * character (code point) one, and between two CJK runs with no word in between (split
 * by punctuation) one position holds GAP. A phrase then matches where its words and
 * characters sit at consecutive positions: a word or a GAP between two CJK parts proves
 * the run boundary that the phrase rules need (see `clauseHits` in shared/search/query),
 * and without one the characters are in the same run. Only words and CJK unigrams carry
 * positions; bigrams and segmenter words are counted (they find candidates) but carry none.
 */
import { forEachTerm, scanUnits, TOKENIZER_VERSION } from '../../../shared/text/tokenize';

/** Bump when the analysis changes shape or meaning (the index format version follows it). */
export const ANALYSIS_VERSION = 3;
/** The position-holding term between two adjacent CJK runs; no token ever contains U+0000. */
export const GAP = '\u0000';
/** Marks are every this many positions, in texts of at least MARKED_CHARS UTF-16 units. */
export const MARK_STRIDE = 64;
export const MARKED_CHARS = 1_000;

export interface DocumentAnalysis {
  /** `${ANALYSIS_VERSION}.${TOKENIZER_VERSION}`: an analysis from other code is recomputed, not used */
  version: string;
  /** UTF-16 length of the analysed text: lets the receiver check it analysed the text it stores */
  textLength: number;
  /** index terms in the text, GAP excluded: the text's part of BM25's document length */
  length: number;
  /** distinct terms, GAP included when present */
  terms: string[];
  /** per term: occurrences in the text (GAP's too, though it is no term of BM25's) */
  counts: Uint32Array;
  /** per term: the end of its positions in `positions` (the start is the previous end) */
  positionEnds: Uint32Array;
  /** per term: ascending positions, the first as is and then the gaps, as LEB128 varints */
  positions: Uint8Array;
  /**
   * [position, UTF-16 offset] pairs: the first unit starting at or after each multiple of
   * MARK_STRIDE positions, so a snippet can scan a window of a long text. Empty for texts
   * shorter than MARKED_CHARS (they are scanned whole).
   */
  marks: number[];
}

export const analysisVersion = (): string => `${ANALYSIS_VERSION}.${TOKENIZER_VERSION}`;

/** Analyses one document's body text (title, tags and notes are indexed by the host). */
export function analyzeDocument(text: string): DocumentAnalysis {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  let counts: Uint32Array<ArrayBuffer> = new Uint32Array(256);
  const idOf = (term: string) => {
    let id = ids.get(term);
    if (id === undefined) {
      id = terms.push(term) - 1;
      ids.set(term, id);
      if (id >= counts.length) counts = grow(counts, id + 1);
    }
    return id;
  };
  // (term id, position) pairs in position order; sorted by term below.
  let pairs: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  let pairCount = 0;
  const place = (id: number, position: number) => {
    if (pairCount * 2 + 2 > pairs.length) pairs = grow(pairs, pairCount * 2 + 2);
    pairs[pairCount * 2] = id;
    pairs[pairCount * 2 + 1] = position;
    pairCount++;
  };
  const marks: number[] = [];
  let nextMark = MARK_STRIDE;
  let length = 0;
  let position = 0;
  let previousCjk = false;
  scanUnits(text, (unit, start, _end, cjk) => {
    if (cjk && previousCjk) {
      const gap = idOf(GAP);
      counts[gap]!++; // counted, so its posting is not taken for an empty one; not in `length`
      place(gap, position++);
    }
    previousCjk = cjk;
    if (position >= nextMark) {
      marks.push(position, start);
      nextMark = (Math.floor(position / MARK_STRIDE) + 1) * MARK_STRIDE;
    }
    if (!cjk) {
      const id = idOf(unit);
      counts[id]!++;
      length++;
      place(id, position++);
      return;
    }
    // The run on its own gives exactly the terms forEachTerm gives it inside the text.
    const base = position;
    let surrogates = 0;
    forEachTerm(unit, (term, s, e) => {
      const id = idOf(term);
      counts[id]!++;
      length++;
      if (e - s === 1 || (e - s === 2 && isPair(term))) {
        place(id, base + s - surrogates);
        if (e - s === 2) surrogates++;
        position++;
      }
    });
  });
  counts = counts.slice(0, terms.length);
  return { version: analysisVersion(), textLength: text.length, length, terms, counts, ...encode(terms.length, pairs, pairCount), marks: text.length >= MARKED_CHARS ? marks : [] };
}

const isPair = (s: string) => {
  const c = s.charCodeAt(0);
  return c >= 0xd800 && c <= 0xdbff;
};

function grow(a: Uint32Array, min: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/** Groups the positions by term (a counting sort keeps each term's positions ascending) and varint-encodes them. */
function encode(termCount: number, pairs: Uint32Array, pairCount: number): { positionEnds: Uint32Array; positions: Uint8Array } {
  const starts = new Uint32Array(termCount + 1);
  for (let i = 0; i < pairCount; i++) starts[pairs[i * 2]! + 1]!++;
  for (let t = 0; t < termCount; t++) starts[t + 1]! += starts[t]!;
  const sorted = new Uint32Array(pairCount);
  const fill = starts.slice(0, termCount);
  for (let i = 0; i < pairCount; i++) sorted[fill[pairs[i * 2]!]!++] = pairs[i * 2 + 1]!;
  const out = new Uint8Array(pairCount * 5);
  const positionEnds = new Uint32Array(termCount);
  let at = 0;
  for (let t = 0; t < termCount; t++) {
    let previous = 0;
    for (let i = starts[t]!; i < starts[t + 1]!; i++) {
      at = writeVarint(out, at, sorted[i]! - previous);
      previous = sorted[i]!;
    }
    positionEnds[t] = at;
  }
  return { positionEnds, positions: out.slice(0, at) };
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    out[at++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  out[at++] = value;
  return at;
}

/**
 * Decodes the positions in `bytes[from, to)` into `into` (grown when too small); returns
 * the array holding them and sets `decoded.count`.
 */
export function decodePositions(bytes: Uint8Array, from: number, to: number, into: Int32Array<ArrayBuffer>, decoded: { count: number }): Int32Array<ArrayBuffer> {
  let n = 0;
  let value = 0;
  let shift = 0;
  let position = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    value |= (b & 0x7f) << shift;
    if (b & 0x80) {
      shift += 7;
      continue;
    }
    position += value;
    if (n === into.length) {
      const bigger = new Int32Array(into.length * 2 || 16);
      bigger.set(into);
      into = bigger;
    }
    into[n++] = position;
    value = 0;
    shift = 0;
  }
  decoded.count = n;
  return into;
}
