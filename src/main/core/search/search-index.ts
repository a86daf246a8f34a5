/**
 * Full-text search over one archive: the inverted index in memory, persisted as a cache
 * under index/, and the snippets that need the stored text.
 *
 * Texts are not kept in the index (10,000 x 5 KB would be 50 MB more in the main process):
 * the host passes `getText` (the archive's DocStore keeps recent texts in memory). Hence
 * `search` is async: snippets read text.txt. Phrase checks use the positions in the index.
 */
import { findHits as findQueryHits, isEmptyQuery, parseQuery, type ParsedQuery } from '../../../shared/search/query';
import { makeSnippet } from '../../../shared/search/snippet';
import { Mutex } from '../store/mutex';
import { MARKED_CHARS, type DocumentAnalysis } from './analyze';
import { allCandidates, byRank, byRankAt, CandidateChecker, findCandidates, topByRank, type Candidate, type Candidates } from './execute';
import { readIndexFile, writeIndexFile, type IndexBytes } from './persist';
import { InvertedIndex } from './postings';
import { RankOrder } from './rank-order';
import { snippetWindow, type TextWindow } from './snippet-window';
import type { IndexableDoc, SearchHit, SearchOptions, SearchResult } from './types';

export interface SearchIndexOptions {
  /** the current text of a document (text.txt); rejects or returns '' when gone */
  getText: (id: string) => Promise<string>;
  /**
   * Names the state of the archive the index must match (e.g. a hash of ids and update
   * times). Called at open, and at save right before the snapshot, synchronously, so that
   * the saved fingerprint always describes the saved content. A saved index with another
   * fingerprint is rebuilt. Without it, only format and tokeniser versions are checked.
   */
  fingerprint?: () => string;
  /** index/search.bin as `readIndexBytes` read it, started by the host before it needed it */
  saved?: Promise<IndexBytes | null>;
  /** candidates needing a position check up to which all are checked and totals are exact; default 20,000 */
  checkAll?: number;
}

/** Candidates needing checks, up to which all are checked and the total is exact (~0.3 µs each). */
const CHECK_ALL = 20_000;
/** Candidates checked, in rank order, before the total of a larger set is estimated. */
const MIN_CHECKED = 1000;

export class SearchIndex {
  private readonly saves = new Mutex();
  private changed: boolean;

  private constructor(
    private readonly dir: string,
    private readonly index: InvertedIndex,
    private readonly options: SearchIndexOptions,
    /** 'loaded' from index/, or 'rebuilt' from the documents */
    readonly origin: 'loaded' | 'rebuilt',
  ) {
    this.changed = origin === 'rebuilt';
  }

  /**
   * Loads index/ when it matches the versions and the fingerprint; otherwise rebuilds from
   * `loadTexts()`. A rebuilt index is not written until `save()`: a read-only host never writes.
   */
  static async open(dir: string, loadTexts: () => AsyncIterable<IndexableDoc>, options: SearchIndexOptions): Promise<SearchIndex> {
    const index = new InvertedIndex();
    const snapshot = await readIndexFile(dir, options.fingerprint?.() ?? '', options.saved);
    if (snapshot) {
      index.restore(snapshot);
      return new SearchIndex(dir, index, options, 'loaded');
    }
    for await (const doc of loadTexts()) index.add(doc, doc.analysis);
    index.compact();
    return new SearchIndex(dir, index, options, 'rebuilt');
  }

  /** number of documents indexed */
  get size(): number {
    return this.index.size;
  }

  /** changed since the last save (or rebuilt and never saved) */
  get dirty(): boolean {
    return this.changed;
  }

  /** Ids of the indexed documents that have annotations (the library's "has annotations" filter). */
  annotatedIds(): Set<string> {
    const ids = new Set<string>();
    for (const doc of this.index.docs) if (doc?.meta.hasAnnotations) ids.add(doc.id);
    return ids;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /**
   * Adds a document; one already indexed under the same id is replaced. With `analysis`
   * (`analyzeDocument(doc.text)`, e.g. from a worker) the text is not tokenised again, and
   * `doc.text` may be '' as long as `analysis.version === analysisVersion()` (an analysis
   * from other code is ignored and `doc.text` analysed instead).
   */
  add(doc: IndexableDoc, analysis?: DocumentAnalysis): void {
    this.index.add(doc, analysis ?? doc.analysis);
    this.changed = true;
  }

  update(doc: IndexableDoc, analysis?: DocumentAnalysis): void {
    this.add(doc, analysis);
  }

  /** Changes only what annotations add (extra text, metadata): the body is not re-read. */
  setExtra(id: string, extra: string | undefined, meta: IndexableDoc['meta']): void {
    this.index.setExtra(id, extra, meta);
    this.changed = true;
  }

  remove(id: string): boolean {
    const removed = this.index.remove(id);
    this.changed ||= removed;
    return removed;
  }

  /** Writes index/ durably. Calls run one at a time; the host debounces them. */
  save(): Promise<void> {
    return this.saves.run(async () => {
      // Fingerprint, compaction and snapshot in one synchronous step: nothing can change in between.
      const fingerprint = this.options.fingerprint?.() ?? '';
      this.index.compact();
      const snapshot = this.index.snapshot();
      this.changed = false;
      try {
        await writeIndexFile(this.dir, { fingerprint, ...snapshot });
      } catch (error) {
        this.changed = true;
        throw error;
      }
    });
  }

  async search(input: string, options: SearchOptions = {}): Promise<SearchResult> {
    const query = parseQuery(input);
    if (isEmptyQuery(query)) return { total: 0, hits: [] };
    const limit = Math.max(0, options.limit ?? 20);
    const offset = Math.max(0, options.offset ?? 0);
    const checker = new CandidateChecker(this.index);
    const { kept, total, approximate } = this.check(findCandidates(this.index, query, options.filters, checker, this.options.checkAll ?? CHECK_ALL), checker, offset + limit);
    // Everything that needs document numbers happens before the first await: a change may renumber.
    const page = kept.slice(offset, offset + limit).map((c) => {
      const doc = this.index.docs[c.num]!;
      const window = options.snippets && doc.marks ? snippetWindow(this.index, checker, query, c.num, doc) : undefined;
      return { c, doc, window };
    });
    const hits = await Promise.all(
      page.map(async ({ c, doc, window }): Promise<SearchHit> => {
        const hit: SearchHit = { id: doc.id, score: c.score, title: doc.title };
        if (!options.snippets) return hit;
        const text = await this.text(doc.id);
        return { ...hit, snippet: makeSnippet(text, hitsIn(text, query, window)) };
      }),
    );
    return approximate ? { total, hits, approximate } : { total, hits };
  }

  /**
   * The first `wanted` candidates that pass their checks, in rank order, and how many pass.
   * Up to CHECK_ALL candidates, `findCandidates` has run every check already, on the
   * positions in memory and in document order (the matchers gallop through the
   * postings), and the total is exact. Beyond that (a phrase of stop words in a large
   * archive) they are checked here in rank order until the page is full and MIN_CHECKED
   * were checked, and the rest are counted at the pass rate seen so far.
   */
  private check(found: Candidates, checker: CandidateChecker, wanted: number) {
    if (found.pending.length === 0 && found.verify.length === 0) return { kept: topByRank(this.index, found, wanted), total: found.count, approximate: false };
    if (found.pending.length === 0) return this.checkShared(found, checker, wanted);
    const candidates = allCandidates(found);
    const needs = (c: Candidate) => c.verify.length > 0 || c.excludeIf.length > 0;
    const toCheck = found.pending.length;
    const kept: Candidate[] = [];
    const order = new RankOrder(candidates, byRank(this.index));
    let passing = 0;
    let checked = 0;
    let passed = 0;
    while (order.remaining && (kept.length < wanted || checked < MIN_CHECKED)) {
      const c = order.next()!;
      if (needs(c)) {
        checked++;
        if (!checker.passes(c)) continue;
        passed++;
      }
      passing++;
      if (kept.length < wanted) kept.push(c);
    }
    const unchecked = toCheck - checked;
    const total = passing + (order.remaining - unchecked) + Math.round((unchecked * passed) / checked);
    return { kept, total, approximate: unchecked > 0 };
  }

  /**
   * `check` when every candidate needs the same checks (`found.verify`): the candidates are
   * taken in rank order from a heap of their indices, no object per candidate (a phrase of
   * common words has tens of thousands at 100,000 documents).
   */
  private checkShared(found: Candidates, checker: CandidateChecker, wanted: number) {
    const order = new RankOrder(Array.from({ length: found.count }, (_, i) => i), byRankAt(this.index, found));
    const kept: Candidate[] = [];
    let checked = 0;
    let passed = 0;
    while (order.remaining && (kept.length < wanted || checked < MIN_CHECKED)) {
      const i = order.next()!;
      checked++;
      if (!checker.confirms(found.nums[i]!, found.verify)) continue;
      passed++;
      if (kept.length < wanted) kept.push({ num: found.nums[i]!, score: found.scores[i]!, verify: [], excludeIf: [] });
    }
    const unchecked = found.count - checked;
    return { kept, total: passed + (checked ? Math.round((unchecked * passed) / checked) : 0), approximate: unchecked > 0 };
  }

  /** Every hit of `query` in one document's text, for the reader's next/previous. */
  findHits(text: string, query: ParsedQuery | string): [number, number][] {
    return findQueryHits(text, typeof query === 'string' ? parseQuery(query) : query);
  }

  private async text(id: string): Promise<string> {
    try {
      return await this.options.getText(id);
    } catch {
      return ''; // removed meanwhile: it fails its checks and shows no snippet
    }
  }
}

/** The query's hits in `text`, looking only inside `window` when one is given. */
function hitsIn(text: string, query: ParsedQuery, window: TextWindow | undefined): [number, number][] {
  if (!window || text.length < MARKED_CHARS) return findQueryHits(text, query);
  const { from, to = text.length } = window;
  return findQueryHits(text.slice(from, to), query).map(([s, e]) => [s + from, e + from]);
}
