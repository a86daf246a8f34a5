/**
 * BM25 over the postings, accumulated in typed arrays indexed by document number rather
 * than in maps: a common word has a posting in most of 10,000 documents, and map
 * entries (and the garbage they leave) cost more than the rest of a search.
 */
import { lookupTerms, type Clause } from '../../../shared/search/query';
import type { Located, PostingList } from './posting-format';
import type { InvertedIndex } from './postings';

// BM25 constants as in Lucene. A term in the title adds TITLE_BOOST x idf, more than any
// body frequency can (tf saturates below K1 + 1), so for the same terms a title match
// always ranks above a body-only match.
const K1 = 1.2;
const B = 0.75;
const TITLE_BOOST = 2.5;
/** a prefix like `a*` could name every term; the commonest this many stand for it */
const MAX_PREFIX_TERMS = 256;
/** idfs kept per state of the index (prefix searches look up many terms) */
const MAX_CACHED_IDFS = 50_000;

/** Documents with their scores: `nums[0, count)`, `scores` parallel. */
export interface DocScores {
  nums: Int32Array;
  scores: Float64Array;
  count: number;
}

const scorers = new WeakMap<InvertedIndex, Scorer>();

/**
 * Buffers of documents and scores kept for the next query: a common word gives ~60,000 at
 * 100,000 documents, and fresh typed arrays of that size (zeroed pages, then garbage) cost
 * a search several times the writing of them. A query rarely needs more than this many at once.
 */
const KEPT_BUFFERS = 3;

/**
 * BM25 norms and scratch space, one slot per document number, made once per state of the
 * index (searches run one at a time: they are synchronous up to their snippets). Scratch
 * arrays are left zeroed after each use.
 */
export class Scorer {
  /** K1 * (1 - B + B * length / average) per live document; -1 for removed ones */
  private readonly norm: Float64Array;
  private readonly mark: Uint16Array;
  private readonly score: Float64Array;
  /** the documents a clause reached, in the order reached (each once: a term has one posting per document) */
  private readonly found: Int32Array;
  /** free for callers (findCandidates), to be left zeroed */
  readonly seen: Uint16Array;
  readonly total: Float64Array;
  private readonly idfs = new Map<string, number>();
  private readonly buffers: { nums: Int32Array; scores: Float64Array }[] = [];
  private buffersUsed = 0;

  static of(index: InvertedIndex): Scorer {
    let scorer = scorers.get(index);
    if (scorer?.version !== index.version) scorers.set(index, (scorer = new Scorer(index)));
    return scorer;
  }

  private readonly version: number;

  private constructor(private readonly index: InvertedIndex) {
    const n = index.docs.length;
    this.version = index.version;
    this.norm = new Float64Array(n);
    this.mark = new Uint16Array(n);
    this.score = new Float64Array(n);
    this.found = new Int32Array(n);
    this.seen = new Uint16Array(n);
    this.total = new Float64Array(n);
    const avg = index.averageLength;
    index.docs.forEach((doc, num) => (this.norm[num] = doc ? K1 * (1 - B + (B * doc.length) / avg) : -1));
  }

  /**
   * Starts a query: the DocScores that `clauseDocs` and `docScores` answered to the previous
   * one are written over from here on. A query's candidates are used up in one synchronous
   * step (search-index.ts), before the next query begins.
   */
  begin(): void {
    this.buffersUsed = 0;
  }

  /** Room for `count` documents with scores, valid until the next `begin`. */
  docScores(count: number): DocScores {
    const k = this.buffersUsed++;
    if (k >= KEPT_BUFFERS) return { nums: new Int32Array(count), scores: new Float64Array(count), count: 0 };
    const n = this.norm.length;
    const buffer = (this.buffers[k] ??= { nums: new Int32Array(n), scores: new Float64Array(n) });
    return { nums: buffer.nums.subarray(0, count), scores: buffer.scores.subarray(0, count), count: 0 };
  }

  /** Whether document `num` is live (removed ones stay in the postings until compaction). */
  live(num: number): boolean {
    return this.norm[num]! >= 0;
  }

  /** Documents whose postings hold the clause, with their scores; `verify` when positions must confirm it. */
  clauseDocs(clause: Clause): { docs: DocScores; verify: boolean } {
    const { index, mark, score, norm, found } = this;
    const lookup = lookupTerms(clause);
    // A typed array as long as the index, not a list grown by push: a common word reaches most documents.
    let reached = 0;
    if (lookup.prefix !== undefined) {
      for (const term of index.termsWithPrefix(lookup.prefix, MAX_PREFIX_TERMS)) {
        const idf = this.idfOf(term);
        if (!idf) continue;
        for (const { data, from, to } of index.postings(term)) {
          for (let i = from; i < to; i++) {
            const p = data[i]!;
            const num = p >>> 9;
            const n = norm[num]!;
            if (n < 0 || !(p & 511)) continue;
            const s = idf * impact(p, n);
            if (mark[num] !== 1) {
              mark[num] = 1;
              score[num] = s;
              found[reached++] = num;
            } else if (s > score[num]!) score[num] = s;
          }
        }
      }
      return { docs: this.collect(reached, 1), verify: false };
    }
    // Intersect from the shortest list: a document must have been seen in every list before.
    const terms = lookup.required.map((t) => ({ term: t, list: index.postings(t) })).sort((a, b) => length(a.list) - length(b.list));
    const [first, ...rest] = terms;
    if (!first) return { docs: { nums: new Int32Array(0), scores: new Float64Array(0), count: 0 }, verify: lookup.verify };
    const idf = this.idfOf(first.term);
    if (!rest.length && !lookup.boost.length) return { docs: this.termDocs(first.list, idf), verify: lookup.verify };
    if (idf) {
      for (const { data, from, to } of first.list) {
        for (let i = from; i < to; i++) {
          const p = data[i]!;
          const num = p >>> 9;
          const n = norm[num]!;
          if (n < 0 || !(p & 511)) continue;
          mark[num] = 1;
          score[num] = idf * impact(p, n);
          found[reached++] = num;
        }
      }
    }
    rest.forEach(({ term, list }, k) => this.addScores(term, list, k + 1, true));
    const full = terms.length;
    for (const term of lookup.boost) this.addScores(term, index.postings(term), full, false);
    return { docs: this.collect(reached, full), verify: lookup.verify };
  }

  /**
   * The documents of one term and their scores, written straight into a buffer in postings
   * order (as `collect` would give them): no marks to set and clear, no second pass. Most
   * clauses are one term (a word, a Chinese word's bigram).
   */
  private termDocs(list: PostingList[], idf: number): DocScores {
    const { norm } = this;
    if (!idf) return { nums: new Int32Array(0), scores: new Float64Array(0), count: 0 };
    const out = this.docScores(Math.min(length(list), norm.length));
    const { nums, scores } = out;
    let count = 0;
    for (const { data, from, to } of list) {
      for (let i = from; i < to; i++) {
        const p = data[i]!;
        const num = p >>> 9;
        const n = norm[num]!;
        if (n < 0 || !(p & 511)) continue;
        nums[count] = num;
        scores[count++] = idf * impact(p, n);
      }
    }
    return { nums: nums.subarray(0, count), scores: scores.subarray(0, count), count };
  }

  /** Adds the term's BM25 contribution to the documents marked `at`; a `required` term moves them on to `at + 1`. */
  private addScores(term: string, list: PostingList[], at: number, required: boolean): void {
    const { mark, score, norm } = this;
    const idf = this.idfOf(term);
    if (!idf) return;
    for (const { data, from, to } of list) {
      for (let i = from; i < to; i++) {
        const p = data[i]!;
        const num = p >>> 9;
        if (mark[num] !== at) continue;
        const n = norm[num]!;
        if (n < 0 || !(p & 511)) continue;
        if (required) mark[num] = at + 1;
        score[num] = score[num]! + idf * impact(p, n);
      }
    }
  }

  /**
   * The documents that hold a clause which needs a position check, and their scores, when
   * that clause is the whole query: the term lists are intersected without scoring, each
   * document is confirmed by `confirm`, and only those that pass are scored. A phrase of
   * common words has thousands of candidates and a few dozen matches. Undefined when more
   * than `limit` documents would need the check (the caller then defers it).
   */
  confirmedDocs(clause: Clause, confirm: (num: number) => boolean, limit: number): DocScores | undefined {
    const { index, mark, norm } = this;
    const lookup = lookupTerms(clause);
    if (lookup.prefix !== undefined || !lookup.verify) return undefined;
    const terms = [...lookup.required].sort((a, b) => index.listLength(a) - index.listLength(b));
    const [first, ...rest] = terms;
    if (first === undefined || index.listLength(first) > limit) return undefined;
    const found: number[] = [];
    for (const { data, from, to } of index.postings(first)) {
      for (let i = from; i < to; i++) {
        const p = data[i]!;
        if (!(p & 511) || norm[p >>> 9]! < 0) continue;
        mark[p >>> 9] = 1;
        found.push(p >>> 9);
      }
    }
    rest.forEach((term, k) => {
      for (const { data, from, to } of index.postings(term)) {
        for (let i = from; i < to; i++) {
          const p = data[i]!;
          if (p & 511 && mark[p >>> 9] === k + 1) mark[p >>> 9] = k + 2;
        }
      }
    });
    const passed: number[] = [];
    for (const num of found) {
      if (mark[num] === terms.length && confirm(num)) passed.push(num);
      mark[num] = 0;
    }
    const scores = new Float64Array(passed.length);
    const located: Located = { hint: 0, posting: 0, bytes: new Uint8Array(0), from: 0, to: 0 };
    for (const term of [...terms, ...lookup.boost]) {
      const t = index.termId(term);
      const idf = this.idfOf(term);
      if (t === undefined || !idf) continue;
      located.hint = 0;
      passed.forEach((num, k) => {
        if (index.locate(t, num, located, false)) scores[k] = scores[k]! + idf * this.bm25(located.posting, norm[num]!);
      });
    }
    return { nums: Int32Array.from(passed), scores, count: passed.length };
  }

  /**
   * The term's idf over live documents, counted once per state of the index: counting
   * walked the whole list again at every search, as long as scoring it.
   */
  private idfOf(term: string): number {
    let idf = this.idfs.get(term);
    if (idf === undefined) {
      let df = 0;
      for (const { data, from, to } of this.index.postings(term)) {
        for (let i = from; i < to; i++) {
          const p = data[i]!;
          if (p & 511 && this.norm[p >>> 9]! >= 0) df++;
        }
      }
      idf = df ? Math.log(1 + (this.index.size - df + 0.5) / (df + 0.5)) : 0;
      if (this.idfs.size >= MAX_CACHED_IDFS) this.idfs.clear();
      this.idfs.set(term, idf);
    }
    return idf;
  }

  private bm25(p: number, n: number): number {
    return p & 511 ? impact(p, n) : 0;
  }

  /** The documents of `found[0, reached)` marked `full`, with their scores; clears the scratch. */
  private collect(reached: number, full: number): DocScores {
    const { mark, score, found } = this;
    let count = 0;
    for (let k = 0; k < reached; k++) if (mark[found[k]!] === full) count++;
    const { nums, scores } = this.docScores(count);
    count = 0;
    for (let k = 0; k < reached; k++) {
      const num = found[k]!;
      if (mark[num] === full) {
        nums[count] = num;
        scores[count++] = score[num]!;
      }
      mark[num] = 0;
      score[num] = 0;
    }
    return { nums, scores, count };
  }
}

/** A posting's BM25 weight before idf: saturated term frequency, plus the title boost. Document norm `n`. */
function impact(p: number, n: number): number {
  const tf = p & 255;
  let s = tf ? (tf * (K1 + 1)) / (tf + n) : 0;
  if (p & 256) s += TITLE_BOOST;
  return s;
}

const length = (parts: PostingList[]) => parts.reduce((n, p) => n + p.to - p.from, 0);
