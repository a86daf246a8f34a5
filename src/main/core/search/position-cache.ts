/**
 * The positions a query reads, loaded before it runs (it then runs without awaiting):
 * - views: a term's positions joined with all its postings, for phrase checks, which visit
 *   every candidate; kept between queries, least recently used dropped first;
 * - blocks: a term's blocks as read from the positions file, CRC checked, kept likewise, so
 *   that a term seen again is not read again;
 * - sparse views, for snippets: only the documents of the page, found in the blocks by
 *   serial, instead of joining every posting of a common word for twenty documents.
 * A load answers the views it made or found; the search uses them (`use`) in one synchronous
 * step, so that searches running at once never see each other's sparse views, and a view
 * dropped from the cache by another search's load is not missed.
 */
import { blockOf, decodeBlock, joinBlocks, type Segment, type TermPositions } from './position-segments';
import { DamagedIndexError, type PositionsReader } from './positions-file';

/** Bytes of views kept between queries, and of blocks. */
const VIEW_BYTES = 16 << 20;
const BLOCK_BYTES = 16 << 20;

/** What the cache needs of the index (posting-lookup.ts). */
export interface PositionSource {
  readonly segments: Segment[];
  readonly reader: PositionsReader | undefined;
  readonly frozen: Uint32Array;
  readonly offsets: Uint32Array;
  readonly generation: number;
  /** terms below this have frozen postings */
  readonly frozenTerms: number;
  serialOf(num: number): number;
  termName(t: number): string;
  /** makes term `t`'s postings present in `frozen` (read on first use) */
  ensurePostings(t: number): void;
}

class Lru<V> {
  private readonly map = new Map<number, V>();
  private bytes = 0;

  constructor(
    private readonly max: number,
    private readonly size: (v: V) => number,
  ) {}

  get(k: number): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }

  has(k: number): boolean {
    return this.map.has(k);
  }

  set(k: number, v: V): void {
    if (this.map.has(k)) return;
    this.map.set(k, v);
    this.bytes += this.size(v);
  }

  trim(): void {
    for (const [k, v] of this.map) {
      if (this.bytes <= this.max) break;
      this.map.delete(k);
      this.bytes -= this.size(v);
    }
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }
}

export class PositionCache {
  private readonly views = new Lru<TermPositions>(VIEW_BYTES, (v) => v.bytes.length + v.starts.byteLength);
  private readonly blocks = new Lru<Uint8Array[]>(BLOCK_BYTES, (bs) => bs.reduce((n, b) => n + b.length, 0));
  /** the views of the synchronous step under way (`use`) */
  private current: ReadonlyMap<number, TermPositions> | undefined;
  /**
   * Document serials by number, for one generation, filled as joins reach them: reading each
   * posting's serial from its document's entry cost ~85% of a join (~4 ms for a word in 20,000
   * documents). Numbers are not reused within a generation; a document removed since holds
   * its old serial here, which only joins positions no check reads (removed documents are
   * never candidates).
   */
  private serials = new Int32Array(0);
  private serialsFilled = 0;
  private serialsGeneration = -1;

  constructor(private readonly index: PositionSource) {}

  clear(): void {
    this.views.clear();
    this.blocks.clear();
  }

  /** The loaded positions of term `t`, or undefined when they must be read or joined. */
  loaded(t: number): TermPositions | undefined {
    return this.current?.get(t) ?? this.views.get(t);
  }

  /** Term `t`'s positions from the segments in memory (or blocks already read), joined; throws when some are on disk. */
  joinNow(t: number): TermPositions {
    const blocks = this.blocks.get(t) ?? this.index.segments.flatMap((s) => {
      const b = blockOf(s, t);
      if (!b) return [];
      if (!s.bytes) throw new Error(`search index: the positions of "${this.index.termName(t)}" were not loaded`);
      return [s.bytes.subarray(b[0], b[1])];
    });
    const view = this.join(t, blocks);
    this.views.set(t, view);
    return view;
  }

  /**
   * Reads and joins the positions of `terms` for every posting (phrase checks). Resolves
   * without keeping them when the index was renumbered meanwhile: the caller starts again.
   */
  async load(terms: Iterable<number>): Promise<Map<number, TermPositions>> {
    this.views.trim();
    this.blocks.trim();
    const out = new Map<number, TermPositions>();
    const read = await this.readUnknown(terms, out);
    if (!read) return out;
    for (const [t, blocks] of read) {
      const view = this.join(t, blocks);
      this.views.set(t, view);
      out.set(t, view);
    }
    return out;
  }

  /** The terms among `terms` to read; those with a view already go into `out`. */
  private known(terms: number[], out: Map<number, TermPositions>): number[] {
    return terms.filter((t) => {
      if (t >= this.index.frozenTerms) return false;
      const view = this.views.get(t);
      if (view) out.set(t, view);
      return !view;
    });
  }

  /** Makes `views` (from `load` or `loadSparse`) the ones `loaded` answers first, until `endUse`. */
  use(views: ReadonlyMap<number, TermPositions>): void {
    this.current = views;
  }

  endUse(): void {
    this.current = undefined;
  }

  /**
   * Reads the positions of `terms` for documents `nums` only (snippet windows): views for
   * those documents and no others, never kept in the cache. Terms with a view loaded keep it.
   */
  async loadSparse(terms: Iterable<number>, nums: readonly number[]): Promise<Map<number, TermPositions>> {
    this.blocks.trim();
    const out = new Map<number, TermPositions>();
    const read = await this.readUnknown(terms, out);
    if (!read) return out;
    const serials = nums.map((num) => this.index.serialOf(num));
    for (const [t, blocks] of read) out.set(t, this.sparseView(t, blocks, nums, serials));
    return out;
  }

  /** Term `t`'s blocks, from the cache or read (CRC checked) and cached. */
  /**
   * The blocks of the terms in `terms` that `out` has no view of yet (known() fills it with the
   * loaded ones); null when the index was renumbered while they were read.
   */
  private async readUnknown(terms: Iterable<number>, out: Map<number, TermPositions>): Promise<(readonly [number, Uint8Array[]])[] | null> {
    const wanted = this.known([...new Set(terms)], out);
    const generation = this.index.generation;
    const read = await Promise.all(wanted.map(async (t) => [t, await this.read(t)] as const));
    return generation === this.index.generation ? read : null;
  }

  private async read(t: number): Promise<Uint8Array[]> {
    const cached = this.blocks.get(t);
    if (cached) return cached;
    const { reader } = this.index;
    const blocks = await Promise.all(
      this.index.segments.flatMap((s): (Uint8Array | Promise<Uint8Array>)[] => {
        const b = blockOf(s, t);
        if (!b) return [];
        if (s.bytes) return [s.bytes.subarray(b[0], b[1])];
        if (!reader) throw new Error('search index: positions on disk but no file to read them from');
        return [reader.block(s, b[2])];
      }),
    );
    this.blocks.set(t, blocks);
    return blocks;
  }

  private join(t: number, blocks: readonly Uint8Array[]): TermPositions {
    this.index.ensurePostings(t);
    const { frozen, offsets } = this.index;
    const from = offsets[t]!;
    const to = offsets[t + 1]!;
    // Postings are sorted by document: the last one has the highest number.
    const serials = to > from ? this.serialsUpTo(frozen[to - 1]! >>> 9) : this.serials;
    const view = joinBlocks(blocks, frozen, from, to, (num) => serials[num]!);
    if (!view) throw this.damaged(t);
    return view;
  }

  /** `serials`, filled up to document number `last`. */
  private serialsUpTo(last: number): Int32Array {
    if (this.serialsGeneration !== this.index.generation) {
      this.serialsGeneration = this.index.generation;
      this.serialsFilled = 0;
    }
    if (last < this.serialsFilled) return this.serials;
    if (last >= this.serials.length) {
      const grown = new Int32Array(Math.max(last + 1, this.serials.length * 2));
      grown.set(this.serials.subarray(0, this.serialsFilled));
      this.serials = grown;
    }
    for (let num = this.serialsFilled; num <= last; num++) this.serials[num] = this.index.serialOf(num);
    this.serialsFilled = last + 1;
    return this.serials;
  }

  /** A view of term `t` where only the postings of documents `nums` have their positions. */
  private sparseView(t: number, blocks: readonly Uint8Array[], nums: readonly number[], serials: readonly number[]): TermPositions {
    this.index.ensurePostings(t);
    const { frozen, offsets } = this.index;
    const from = offsets[t]!;
    const to = offsets[t + 1]!;
    const ranges = new Map<number, [number, number]>();
    const parts = blocks.map((b) => decodeBlock(b) ?? this.fail(t));
    const chunks: Uint8Array[] = [];
    let at = 0;
    nums.forEach((num, j) => {
      const i = findPosting(frozen, from, to, num);
      if (i < 0) return;
      for (const part of parts) {
        const e = findSerial(part.serials, serials[j]!);
        if (e < 0) continue;
        const a = e ? part.ends[e - 1]! : 0;
        const b = part.ends[e]!;
        chunks.push(part.bytes.subarray(a, b));
        ranges.set(i - from, [at, at + b - a]);
        at += b - a;
        break;
      }
    });
    const bytes = new Uint8Array(at);
    let w = 0;
    for (const c of chunks) {
      bytes.set(c, w);
      w += c.length;
    }
    return { starts: new Uint32Array(0), bytes, ranges };
  }

  private damaged(t: number): DamagedIndexError {
    return new DamagedIndexError(this.index.reader?.path ?? 'search index positions', `the positions of "${this.index.termName(t)}" do not check out`);
  }

  private fail(t: number): never {
    throw this.damaged(t);
  }
}

/** Index of document `num`'s posting in the sorted `frozen[from, to)`, or -1. */
function findPosting(frozen: Uint32Array, from: number, to: number, num: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (frozen[mid]! >>> 9 < num) lo = mid + 1;
    else hi = mid;
  }
  return lo < to && frozen[lo]! >>> 9 === num ? lo : -1;
}

function findSerial(serials: Uint32Array, serial: number): number {
  let lo = 0;
  let hi = serials.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (serials[mid]! < serial) lo = mid + 1;
    else hi = mid;
  }
  return lo < serials.length && serials[lo] === serial ? lo : -1;
}
