/**
 * Query-time access to the inverted index (postings.ts changes it): a term's postings,
 * where one document's posting and positions are, terms by prefix.
 *
 * Memory: after a build or load, postings sit in one Uint32Array (`frozen`) addressed by
 * `offsets`. Their positions are not held (issue #19: ~60% of the index): they are in
 * segments (position-segments.ts), in the positions file once saved, and a query loads the
 * terms it needs first (`loadPositions`), kept in a small cache of terms.
 * Documents added later get postings in a per-term `Tail` (and keep their analysis for
 * the positions) until they are merged back (`InvertedIndex.compact`).
 */
import { PositionCache } from './position-cache';
import { positionsAt, type Segment, type TermPositions } from './position-segments';
import type { PositionsReader } from './positions-file';
import type { PostingFile } from './posting-file';
import { ArrayTerms, type TermTable } from './term-table';
import { gallop, NO_BYTES, search, type DocEntry, type LivePositions, type Located, type PostingList, type Tail } from './posting-format';

/** The parts of the index a query reads; `InvertedIndex` (postings.ts) adds what changes them. */
export class PostingLookup {
  /** by docNum; null once removed */
  docs: (DocEntry | null)[] = [];
  /** terms 0..sortedCount-1, in code-unit order (prefix search) */
  protected frozenTerms: TermTable = new ArrayTerms([]);
  /** a Map of the frozen terms, made for bulk lookups (`add`) only: a query's few use binary searches */
  protected frozenIds: Map<string, number> | null = null;
  /** terms added since the last compaction: term number sortedCount + k */
  protected addedTerms: string[] = [];
  protected readonly addedIds = new Map<string, number>();
  protected sortedCount = 0;
  /** format 6: reads the frozen postings per block the first time a term's are needed */
  protected postingFile: PostingFile | undefined;
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
  protected readonly cache = ((index: PostingLookup) =>
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
    termName: (t) => index.termName(t),
    ensurePostings: (t) => index.ensurePostings(t),
  }))(this);
  protected readonly tails = new Map<number, Tail>();
  /** analyses of the documents added since the last compaction, for their positions */
  protected readonly liveDocs = new Map<number, LivePositions>();

  termId(term: string): number | undefined {
    const added = this.addedIds.get(term);
    if (added !== undefined) return added;
    const t = this.frozenIds ? (this.frozenIds.get(term) ?? -1) : this.frozenTerms.find(term);
    return t < 0 ? undefined : t;
  }

  /** Term number `t`'s text. */
  termName(t: number): string {
    return t < this.sortedCount ? this.frozenTerms.at(t) : (this.addedTerms[t - this.sortedCount] ?? '');
  }

  /** Number of terms (frozen and added). */
  get termCount(): number {
    return this.sortedCount + this.addedTerms.length;
  }

  /** Makes term `t`'s frozen postings present in `frozen` (format 6 reads them on first use). */
  ensurePostings(t: number): void {
    if (this.postingFile && t < this.sortedCount) this.postingFile.ensure(t);
  }

  /** Where term `t`'s postings are when all of them are in the frozen arrays (no tail), else undefined. */
  frozenRange(t: number): [from: number, to: number] | undefined {
    if (t >= this.sortedCount || this.tails.has(t)) return undefined;
    this.ensurePostings(t);
    return [this.offsets[t]!, this.offsets[t + 1]!];
  }

  /** Postings of `term` in one or two sorted parts, dead documents and empty postings included (callers skip them). */
  postings(term: string): PostingList[] {
    const t = this.termId(term);
    return t === undefined ? [] : this.partsOf(t);
  }

  /** Number of postings of `term` (an upper bound on its document frequency). */
  listLength(term: string): number {
    const t = this.termId(term);
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
      this.ensurePostings(t);
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
    const frozen = this.frozenTerms;
    const test = frozen.prefixTest(prefix);
    // Term numbers, not texts: a loaded index decodes only the terms it answers.
    const found: number[] = [];
    for (let t = frozen.lowerBound(prefix); t < this.sortedCount && frozen.startsWith(t, test); t++) found.push(t);
    this.addedTerms.forEach((term, k) => term.startsWith(prefix) && found.push(this.sortedCount + k));
    if (found.length > max) {
      const df = new Map(found.map((t) => [t, this.listLengthAt(t)]));
      found.sort((a, b) => df.get(b)! - df.get(a)!);
      found.length = max;
    }
    return found.map((t) => this.termName(t));
  }

  private partsOf(t: number): PostingList[] {
    const tail = this.tails.get(t);
    const parts: PostingList[] = [];
    if (!tail?.whole && t < this.sortedCount) {
      this.ensurePostings(t);
      parts.push({ data: this.frozen, from: this.offsets[t]!, to: this.offsets[t + 1]! });
    }
    if (tail) parts.push({ data: tail.postings, from: 0, to: tail.postings.length });
    return parts;
  }
}
