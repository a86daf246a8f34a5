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
 * `offsets`. Their positions are not held (issue #19: ~60% of the index): they are in
 * segments (position-segments.ts), in the positions file once saved, and a query loads the
 * terms it needs first (`loadPositions`), kept in a small cache of terms.
 * Documents added later get postings in a per-term `Tail` (and keep their analysis for
 * the positions) until the tails grow to an eighth of the frozen part; then, and before a
 * save, `compact()` merges the postings back, drops removed documents, renumbers, and
 * moves the new documents' positions into a new segment.
 */
import { forEachTerm } from '../../../shared/text/tokenize';
import { analysisVersion, analyzeDocument, type DocumentAnalysis } from './analyze';
import { mergeParts, sortedTermOrder } from './merge';
import { PositionCache } from './position-cache';
import { positionsAt, renumberSegment, type Segment, type TermPositions } from './position-segments';
import type { PositionsReader } from './positions-file';
import type { IndexableDoc, IndexedDocMeta } from './types';

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
  /** where the positions are, in serial order */
  segments: Segment[];
  /** the serial the next document gets */
  nextSerial: number;
  /** removed documents whose positions are still in `segments` */
  deadDocs: number;
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
  /** the positions of the frozen postings, in serial order */
  segments: Segment[] = [];
  /** reads the segments on disk; set by the owner of the positions file */
  reader: PositionsReader | undefined;
  nextSerial = 0;
  /** removed documents whose positions are in `segments` (garbage until the file is rewritten) */
  deadDocs = 0;
  /** bumped whenever document and term numbers change (restore, compaction) */
  generation = 0;
  /** the positions queries have read */
  private readonly cache = ((index: InvertedIndex) =>
    new PositionCache({
    get segments() {
      return index.segments;
    },
    get reader() {
      return index.reader;
    },
    get frozen() {
      return index.frozen;
    },
    get offsets() {
      return index.offsets;
    },
    get generation() {
      return index.generation;
    },
    get frozenTerms() {
      return index.sortedCount;
    },
    serialOf: (num) => index.docs[num]?.serial ?? -1,
    termName: (t) => index.termList[t] ?? '',
  }))(this);
  /** serials below this have their positions in `segments` */
  private segmentedUpTo = 0;
  /** while above 0 (a save is writing), `add` does not compact: numbers stay put */
  private holds = 0;
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
      serial: this.nextSerial++,
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
    if (this.holds === 0 && this.tailPostings > Math.max(MIN_TAIL_POSTINGS, this.frozen.length / TAIL_SHARE)) this.compact();
  }

  /** Keeps document and term numbers as they are (no compaction) until `release`. */
  hold(): void {
    this.holds++;
  }

  release(): void {
    this.holds--;
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
    if (this.docs[num]!.serial < this.segmentedUpTo) this.deadDocs++;
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
  locate(t: number, num: number, out: Located, positions = true): boolean {
    const tail = this.tails.get(t);
    if (!tail?.whole && t < this.sortedCount) {
      const i = gallop(this.frozen, this.offsets[t]!, this.offsets[t + 1]!, num, out);
      if (i >= 0) {
        out.posting = this.frozen[i]!;
        out.from = out.to = 0;
        out.bytes = NO_BYTES;
        if (positions) this.frozenPositions(t, i, out);
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
    if (!positions) return true;
    if (ref >= 0) this.frozenPositions(t, ref, out);
    else if (ref <= -2) {
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

  /** Where the positions of frozen posting `i` (of term `t`) are, into `out`. */
  private frozenPositions(t: number, i: number, out: Located): void {
    positionsAt(this.termPositions(t), i - this.offsets[t]!, out);
  }

  /**
   * The positions of term `t`'s frozen postings. Those on disk must have been loaded by
   * `loadPositions` (a query loads every term it checks before it runs, synchronously).
   */
  termPositions(t: number): TermPositions {
    if (t >= this.sortedCount) return { starts: new Uint32Array(1), bytes: NO_BYTES };
    return this.cache.loaded(t) ?? this.cache.joinNow(t);
  }

  /**
   * Reads the positions of terms `terms` (frozen term numbers) that are on disk; with `nums`,
   * only those documents' (snippets). The synchronous checks that follow run inside
   * `withPositions` with what this answers. When the index was renumbered meanwhile
   * (`generation` moved) the answer is incomplete: the caller starts again.
   */
  loadPositions(terms: Iterable<number>, nums?: readonly number[]): Promise<ReadonlyMap<number, TermPositions>> {
    return nums ? this.cache.loadSparse(terms, nums) : this.cache.load(terms);
  }

  /** Runs `work` (synchronous) with `views` from `loadPositions` answered first. */
  withPositions<T>(views: ReadonlyMap<number, TermPositions>, work: () => T): T {
    this.cache.use(views);
    try {
      return work();
    } finally {
      this.cache.endUse();
    }
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
      sortedCount: this.sortedCount,
      tails: this.tails,
      liveDocs: this.liveDocs,
      serialOf: (num) => this.docs[num]!.serial,
    });
    const newOf = new Int32Array(this.termList.length).fill(-1);
    merged.terms.forEach((old, t) => (newOf[old] = t));
    const segments = this.segments.map((s) => {
      const copy = { ...s };
      renumberSegment(copy, newOf);
      return copy;
    });
    if (merged.segment.terms.length) segments.push(merged.segment);
    const upTo = this.nextSerial;
    this.restore({ docs, terms: merged.terms.map((t) => this.termList[t]!), ...merged.arrays, segments, nextSerial: this.nextSerial, deadDocs: this.deadDocs });
    this.segmentedUpTo = upTo;
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
    this.segments = state.segments;
    this.nextSerial = state.nextSerial;
    this.segmentedUpTo = state.nextSerial;
    this.deadDocs = state.deadDocs;
    this.generation++;
    this.cache.clear();
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
      segments: this.segments.map((s) => ({ ...s })),
      nextSerial: this.nextSerial,
      deadDocs: this.deadDocs,
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
