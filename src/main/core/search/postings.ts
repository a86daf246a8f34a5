/**
 * The inverted index: term -> documents, with what BM25 needs (term frequency, document
 * length), whether the term is in the title, and where in the text it occurs.
 *
 * Why not FlexSearch (installed, and fastest in TOOLCHAIN.md): its ranking is by term
 * position only and its score hook never sees term frequency or document length, so a
 * BM25 re-rank would need a second index of per-document term counts anyway; its prefix
 * search ("forward" tokenize) stores every prefix of every term; and its export is many
 * small key/value chunks. What we need is small enough to own: one packed number per
 * (term, document), one sorted term list for prefixes, one binary file to persist.
 *
 * A posting packs docNum * 512 + (in title ? 256 : 0) + min(tf, 255) into a uint32
 * (BM25 saturates long before tf 255). docNum < 2^23 documents. A posting whose low nine
 * bits are 0 says nothing (an annotation edit took the term out) and is skipped.
 * Positions in the text (see analyze.ts) sit beside each posting as varints.
 *
 * Memory: after a build or load, postings sit in one Uint32Array (`frozen`) addressed by
 * `offsets`, their positions in one Uint8Array (`posBytes`) addressed by `posStarts`.
 * Documents added later get postings in a per-term `Tail` (and keep their analysis for
 * the positions) until the tails grow to an eighth of the frozen part; then, and before a
 * save, `compact()` merges everything back, drops removed documents and renumbers.
 */
import { forEachTerm } from '../../../shared/text/tokenize';
import { analysisVersion, analyzeDocument, type DocumentAnalysis } from './analyze';
import { mergeParts, sortedTermOrder } from './merge';
import type { IndexableDoc, IndexedDocMeta } from './types';

export interface DocEntry {
  id: string;
  title: string;
  /** number of index terms in text + extra: BM25's document length */
  length: number;
  meta: IndexedDocMeta;
  /** kept (it is small) so that phrases in notes and comments can be checked */
  extra?: string;
  /** [position, offset] pairs of long texts (analyze.ts): where a snippet window starts */
  marks?: ArrayLike<number>;
}

const TITLE_FLAG = 256;
const TF_MASK = 255;
export const MAX_DOCS = 2 ** 23;
/** Tails may hold this many postings before they are merged, however small the frozen part. */
const MIN_TAIL_POSTINGS = 200_000;
/**
 * Beyond that, tails are merged once they hold an eighth of the frozen postings (issue #19):
 * a tail posting costs ~24 bytes in its JS arrays against ~11 frozen, so tails as large as
 * the frozen part (as before) took more memory than the index itself at 100,000 documents.
 * Compaction copies the index, but only after it grew by an eighth: its cost per added
 * document stays constant however large the archive (merge.ts moves whole runs).
 */
const TAIL_SHARE = 8;

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
interface Tail {
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
  terms: string[];
  offsets: Uint32Array;
  frozen: Uint32Array;
  posStarts: Uint32Array;
  posBytes: Uint8Array;
}

const NO_BYTES = new Uint8Array(0);

export class InvertedIndex {
  /** by docNum; null once removed */
  docs: (DocEntry | null)[] = [];
  /** bumped by every change: what is derived from the index (norms, scratch) is kept until it moves */
  version = 0;
  private readonly byId = new Map<string, number>();
  private liveCount = 0;
  private totalLength = 0;

  /** termIdx -> term; terms below `sortedCount` are in code-unit order (prefix search) */
  termList: string[] = [];
  private readonly termIds = new Map<string, number>();
  private sortedCount = 0;
  frozen: Uint32Array = new Uint32Array(0);
  /** termIdx -> start in `frozen`; length sortedCount + 1 */
  offsets: Uint32Array = new Uint32Array(1);
  /** posting number -> start of its positions in `posBytes`; length frozen.length + 1 */
  posStarts: Uint32Array = new Uint32Array(1);
  posBytes: Uint8Array = NO_BYTES;
  private readonly tails = new Map<number, Tail>();
  private tailPostings = 0;
  /** analyses of the documents added since the last compaction, for their positions */
  private readonly liveDocs = new Map<number, LivePositions>();

  get size(): number {
    return this.liveCount;
  }

  get averageLength(): number {
    return this.liveCount ? this.totalLength / this.liveCount : 1;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  docNum(id: string): number | undefined {
    return this.byId.get(id);
  }

  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  /**
   * Adds a document; `analysis` is `analyzeDocument(doc.text)`, computed here when not
   * given (or when made by other code). `doc.text` is not read when a usable analysis is given.
   */
  add(doc: IndexableDoc, given?: DocumentAnalysis): void {
    if (this.byId.has(doc.id)) this.remove(doc.id);
    const num = this.docs.length;
    if (num >= MAX_DOCS) throw new Error('search index: too many documents; compact first');
    const analysis = given?.version === analysisVersion() ? given : analyzeDocument(doc.text);
    const counts = new Map<string, number>();
    let length = analysis.length;
    if (doc.extra) {
      forEachTerm(doc.extra, (term) => {
        counts.set(term, (counts.get(term) ?? 0) + 1);
        length++;
      });
    }
    const inTitle = new Set<string>();
    forEachTerm(doc.title, (term) => inTitle.add(term));
    const { terms } = analysis;
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k]!;
      const tf = analysis.counts[k]! + (counts.get(term) ?? 0);
      counts.delete(term);
      const title = inTitle.delete(term) ? TITLE_FLAG : 0;
      this.append(term, num * 512 + title + Math.min(tf, TF_MASK), analysis.positionEnds[k]! > (k ? analysis.positionEnds[k - 1]! : 0) ? -(k + 2) : -1);
    }
    for (const [term, tf] of counts) this.append(term, num * 512 + (inTitle.delete(term) ? TITLE_FLAG : 0) + Math.min(tf, TF_MASK), -1);
    for (const term of inTitle) this.append(term, num * 512 + TITLE_FLAG, -1);
    this.liveDocs.set(num, { positions: analysis.positions, positionEnds: analysis.positionEnds });
    this.docs.push({
      id: doc.id,
      title: doc.title,
      length,
      meta: doc.meta,
      ...(doc.extra ? { extra: doc.extra } : {}),
      ...(analysis.marks.length ? { marks: analysis.marks } : {}),
    });
    this.byId.set(doc.id, num);
    this.liveCount++;
    this.version++;
    this.totalLength += length;
    if (this.tailPostings > Math.max(MIN_TAIL_POSTINGS, this.frozen.length / TAIL_SHARE)) this.compact();
  }

  /**
   * Replaces a document's extra text (comments, notes, tags) and metadata without
   * re-reading its body: only the postings of terms whose count changed are touched.
   * Annotation edits come here, so saving a comment on a 2 MB document stays cheap.
   */
  setExtra(id: string, extra: string | undefined, meta: IndexedDocMeta): void {
    const num = this.byId.get(id);
    if (num === undefined) return;
    const entry = this.docs[num]!;
    const counts = (text: string | undefined) => {
      const out = new Map<string, number>();
      if (text) forEachTerm(text, (term) => out.set(term, (out.get(term) ?? 0) + 1));
      return out;
    };
    const before = counts(entry.extra);
    const after = counts(extra);
    let lengthDelta = 0;
    for (const term of new Set([...before.keys(), ...after.keys()])) {
      const delta = (after.get(term) ?? 0) - (before.get(term) ?? 0);
      if (delta === 0) continue;
      lengthDelta += delta;
      this.changePosting(term, num, delta);
    }
    this.totalLength += lengthDelta;
    this.version++;
    this.docs[num] = { ...entry, length: entry.length + lengthDelta, meta, ...(extra ? { extra } : {}) };
    if (!extra) delete this.docs[num]!.extra;
  }

  remove(id: string): boolean {
    const num = this.byId.get(id);
    if (num === undefined) return false;
    this.totalLength -= this.docs[num]!.length;
    this.docs[num] = null;
    this.liveDocs.delete(num);
    this.byId.delete(id);
    this.liveCount--;
    this.version++;
    return true;
  }

  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  /** Where term `t`'s postings are when all of them are in the frozen arrays (no tail), else undefined. */
  frozenRange(t: number): [from: number, to: number] | undefined {
    if (t >= this.sortedCount || this.tails.has(t)) return undefined;
    return [this.offsets[t]!, this.offsets[t + 1]!];
  }

  /** Postings of `term` in one or two sorted parts, dead documents and empty postings included (callers skip them). */
  postings(term: string): PostingList[] {
    const t = this.termIds.get(term);
    return t === undefined ? [] : this.partsOf(t);
  }

  /** Number of postings of `term` (an upper bound on its document frequency). */
  listLength(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.listLengthAt(t);
  }

  /** Number of postings of term number `t`. */
  listLengthAt(t: number): number {
    const tail = this.tails.get(t);
    const frozen = !tail?.whole && t < this.sortedCount ? this.offsets[t + 1]! - this.offsets[t]! : 0;
    return frozen + (tail?.postings.length ?? 0);
  }

  /**
   * Finds document `num` in term `t`'s postings: its posting and where its positions are.
   * Returns false when the document has no posting for the term. `out.hint` is where the
   * last search ended: documents looked up in ascending order are found by galloping on.
   */
  locate(t: number, num: number, out: Located): boolean {
    const tail = this.tails.get(t);
    if (!tail?.whole && t < this.sortedCount) {
      const i = gallop(this.frozen, this.offsets[t]!, this.offsets[t + 1]!, num, out);
      if (i >= 0) {
        out.posting = this.frozen[i]!;
        out.bytes = this.posBytes;
        out.from = this.posStarts[i]!;
        out.to = this.posStarts[i + 1]!;
        return true;
      }
    }
    if (!tail) return false;
    const j = search(tail.postings, 0, tail.postings.length, num);
    if (j < 0) return false;
    out.posting = tail.postings[j]!;
    const ref = tail.refs[j]!;
    out.from = out.to = 0;
    out.bytes = NO_BYTES;
    if (ref >= 0) {
      out.bytes = this.posBytes;
      out.from = this.posStarts[ref]!;
      out.to = this.posStarts[ref + 1]!;
    } else if (ref <= -2) {
      const a = this.liveDocs.get(num);
      const k = -(ref + 2);
      if (a) {
        out.bytes = a.positions;
        out.from = k ? a.positionEnds[k - 1]! : 0;
        out.to = a.positionEnds[k]!;
      }
    }
    return true;
  }

  /** Terms starting with `prefix`, at most `max`, those in the most documents first. */
  termsWithPrefix(prefix: string, max: number): string[] {
    let lo = 0;
    let hi = this.sortedCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.termList[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let t = lo; t < this.sortedCount && this.termList[t]!.startsWith(prefix); t++) found.push(this.termList[t]!);
    for (let t = this.sortedCount; t < this.termList.length; t++) {
      if (this.termList[t]!.startsWith(prefix)) found.push(this.termList[t]!);
    }
    if (found.length <= max) return found;
    const df = new Map(found.map((term) => [term, this.listLength(term)]));
    return found.sort((a, b) => df.get(b)! - df.get(a)!).slice(0, max);
  }

  private termIndex(term: string): number {
    let t = this.termIds.get(term);
    if (t === undefined) {
      t = this.termList.length;
      this.termList.push(term);
      this.termIds.set(term, t);
    }
    return t;
  }

  private tailOf(t: number): Tail {
    let tail = this.tails.get(t);
    if (!tail) this.tails.set(t, (tail = { postings: [], refs: [], whole: false }));
    return tail;
  }

  /** Appends a posting of the newest document (its number is above every other). */
  private append(term: string, posting: number, ref: number): void {
    const tail = this.tailOf(this.termIndex(term));
    tail.postings.push(posting);
    tail.refs.push(ref);
    this.tailPostings++;
  }

  /** Adds `delta` to document `num`'s count of `term`, making a posting when it has none. */
  private changePosting(term: string, num: number, delta: number): void {
    const t = this.termIndex(term);
    const update = (p: number) => (p & ~TF_MASK) + Math.max(0, Math.min(TF_MASK, (p & TF_MASK) + delta));
    const tail = this.tails.get(t);
    if (!tail?.whole && t < this.sortedCount) {
      const i = search(this.frozen, this.offsets[t]!, this.offsets[t + 1]!, num);
      if (i >= 0) {
        this.frozen[i] = update(this.frozen[i]!);
        return;
      }
    }
    if (tail) {
      const j = search(tail.postings, 0, tail.postings.length, num);
      if (j >= 0) {
        tail.postings[j] = update(tail.postings[j]!);
        return;
      }
    }
    if (delta <= 0) return;
    const whole = this.wholeTail(t);
    let at = whole.postings.length;
    while (at > 0 && whole.postings[at - 1]! >>> 9 > num) at--;
    whole.postings.splice(at, 0, num * 512 + Math.min(delta, TF_MASK));
    whole.refs.splice(at, 0, -1);
    this.tailPostings++;
  }

  /** The term's tail, holding its frozen postings too, so that one can go in among them. */
  private wholeTail(t: number): Tail {
    const tail = this.tailOf(t);
    if (tail.whole || t >= this.sortedCount) return tail;
    const from = this.offsets[t]!;
    const to = this.offsets[t + 1]!;
    const postings = Array.from(this.frozen.subarray(from, to));
    const refs = Array.from({ length: to - from }, (_, k) => from + k);
    tail.postings = postings.concat(tail.postings);
    tail.refs = refs.concat(tail.refs);
    tail.whole = true;
    this.tailPostings += to - from;
    return tail;
  }

  private partsOf(t: number): PostingList[] {
    const tail = this.tails.get(t);
    const parts: PostingList[] = [];
    if (!tail?.whole && t < this.sortedCount) parts.push({ data: this.frozen, from: this.offsets[t]!, to: this.offsets[t + 1]! });
    if (tail) parts.push({ data: tail.postings, from: 0, to: tail.postings.length });
    return parts;
  }

  /**
   * Drops removed documents and empty postings, renumbers the rest 0..n-1, sorts the
   * terms and moves every list and its positions into typed arrays. Runs after a
   * rebuild, when the tails have grown, and before a save.
   */
  compact(): void {
    const renumber = new Int32Array(this.docs.length).fill(-1);
    const docs: DocEntry[] = [];
    this.docs.forEach((d, num) => {
      if (d) renumber[num] = docs.push(d) - 1;
    });
    const order = sortedTermOrder(this.termList, this.sortedCount);
    const merged = mergeParts(order, renumber, {
      frozen: this.frozen,
      offsets: this.offsets,
      posStarts: this.posStarts,
      posBytes: this.posBytes,
      sortedCount: this.sortedCount,
      tails: this.tails,
      liveDocs: this.liveDocs,
    });
    this.restore({ docs, terms: merged.terms.map((t) => this.termList[t]!), ...merged.arrays });
  }

  /** Installs a compacted state (from `compact()` or from disk). */
  restore(state: FrozenState): void {
    const { docs, terms } = state;
    this.docs = docs;
    this.byId.clear();
    this.totalLength = 0;
    docs.forEach((d, num) => {
      this.byId.set(d.id, num);
      this.totalLength += d.length;
    });
    this.liveCount = docs.length;
    this.version++;
    this.termList = terms;
    this.termIds.clear();
    terms.forEach((term, t) => this.termIds.set(term, t));
    this.sortedCount = terms.length;
    this.offsets = state.offsets;
    this.frozen = state.frozen;
    this.posStarts = state.posStarts;
    this.posBytes = state.posBytes;
    this.tails.clear();
    this.tailPostings = 0;
    this.liveDocs.clear();
  }

  /** The compacted state, for a save (call `compact()` first). */
  snapshot(): FrozenState {
    return {
      docs: this.docs.filter((d) => d !== null),
      terms: this.termList,
      offsets: this.offsets,
      frozen: this.frozen,
      posStarts: this.posStarts,
      posBytes: this.posBytes,
    };
  }
}


/** Index of the posting of document `num` in the sorted `data[from, to)`, or -1. */
function search(data: ArrayLike<number>, from: number, to: number, num: number): number {
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
function gallop(data: Uint32Array, from: number, to: number, num: number, at: { hint: number }): number {
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
