/**
 * Full-text search over one archive: the inverted index in memory, persisted as a cache
 * under index/, and the snippets that need the stored text.
 *
 * Texts are not kept in the index (10,000 x 5 KB would be 50 MB more in the main process):
 * the host passes `getText` (the archive's DocStore keeps recent texts in memory). Hence
 * `search` is async: snippets read text.txt. Phrase checks use the positions in the index,
 * which stay on disk (positions-file.ts): a search first reads the positions of the terms
 * its checks and snippets will look at, then runs without awaiting anything.
 */
import { findHits as findQueryHits, isEmptyQuery, parseQuery, type ParsedQuery } from '../../../shared/search/query';
import { makeSnippet } from '../../../shared/search/snippet';
import { Mutex } from '../store/mutex';
import { MARKED_CHARS, type DocumentAnalysis } from './analyze';
import { CandidateChecker, findCandidates } from './execute';
import { StoredDoc } from './doc-columns';
import { FORMAT_VERSION, readIndexBytes, readIndexFile, type IndexBytes } from './persist';
import { removeOtherPositionFiles } from './positions-file';
import { flushPositions, openPositions, writePositionsAndIndex, type PositionsAt } from './positions-saving';
import { InvertedIndex } from './postings';
import { checkedTerms, checkInRankOrder, snippetTerms } from './rank-checks';
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
  /** told when the saved index is of an older format, before it is read and converted (which may take a while) */
  onOldFormat?: (format: number) => void;
  /** candidates needing a position check up to which all are checked and totals are exact; default 20,000 */
  checkAll?: number;
}

/** Candidates needing checks, up to which all are checked and the total is exact (~0.3 µs each). */
const CHECK_ALL = 20_000;
/**
 * Positions made in memory (by compactions during an import) are appended to the file past
 * this size, without waiting for a save: about two compactions' worth at 100,000 documents.
 * Each append is a segment of the file, and past 12 segments a save rewrites the whole file
 * (positions-saving.ts): 16 MB made a 70,000-file import's close rewrite it (~2 min).
 */
const FLUSH_BYTES = 32 << 20;

export class SearchIndex {
  private readonly saves = new Mutex();
  private changed: boolean;
  private flushing = false;

  private constructor(
    private readonly dir: string,
    private readonly index: InvertedIndex,
    private readonly options: SearchIndexOptions,
    /** 'loaded' from index/, or 'rebuilt' from the documents */
    readonly origin: 'loaded' | 'rebuilt',
    /** the positions file the index's segments on disk are in, and its length */
    private positions: PositionsAt,
    /** read from an older format: saved in the current one at the next save */
    old = false,
  ) {
    // An index read from format 3 or 4 holds its positions in memory until it is saved.
    this.changed = origin === 'rebuilt' || old || index.segments.some((g) => g.bytes);
  }

  /**
   * Loads index/ when it matches the versions and the fingerprint; otherwise rebuilds from
   * `loadTexts()`. A rebuilt index is not written until `save()`: a read-only host never writes.
   */
  static async open(dir: string, loadTexts: () => AsyncIterable<IndexableDoc>, options: SearchIndexOptions): Promise<SearchIndex> {
    const index = new InvertedIndex();
    const saved = options.saved ?? readIndexBytes(dir);
    const format = (await saved)?.format;
    if (format !== undefined && format !== FORMAT_VERSION) options.onOldFormat?.(format);
    const snapshot = await readIndexFile(dir, options.fingerprint?.() ?? '', saved);
    const reader = snapshot ? await openPositions(dir, snapshot) : undefined;
    if (snapshot && reader !== null) {
      index.restore(snapshot);
      index.reader = reader;
      return new SearchIndex(dir, index, options, 'loaded', snapshot.positions, snapshot.format !== FORMAT_VERSION);
    }
    snapshot?.postings?.close();
    return SearchIndex.rebuild(dir, loadTexts, options);
  }

  /** An index built from `loadTexts()`, not written until `save()` (its positions then go to a new file). */
  static async rebuild(dir: string, loadTexts: () => AsyncIterable<IndexableDoc>, options: SearchIndexOptions): Promise<SearchIndex> {
    const index = new InvertedIndex();
    for await (const doc of loadTexts()) index.add(doc, doc.analysis);
    index.compact();
    return new SearchIndex(dir, index, options, 'rebuilt', undefined);
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
    // A loaded document answers from its flags column, without making its metadata.
    for (const doc of this.index.docs) if (doc && (doc instanceof StoredDoc ? doc.annotated : doc.meta.hasAnnotations)) ids.add(doc.id);
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
    if (this.canWrite && !this.flushing && this.unsavedBytes() > FLUSH_BYTES) {
      this.flushing = true;
      this.saves
        .run(() => this.flush())
        .catch((error: unknown) => console.error('[marginalia] writing search positions failed; they stay in memory until the next save:', error))
        .finally(() => (this.flushing = false));
    }
  }

  /** Only a host that saves the index writes positions (a read-only one never writes). */
  canWrite = false;

  private unsavedBytes(): number {
    let n = 0;
    for (const g of this.index.segments) n += g.bytes?.length ?? 0;
    return n;
  }

  /** Appends the positions held in memory to the positions file (positions-saving.ts), numbers held meanwhile. */
  private async flush(): Promise<void> {
    this.index.hold();
    try {
      this.positions = await flushPositions(this.dir, this.index, this.positions);
    } finally {
      this.index.release();
    }
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

  /** Closes the positions file (after any save under way). */
  close(): Promise<void> {
    return this.saves.run(async () => {
      await this.index.reader?.close();
      this.index.reader = undefined;
      this.index.closeFiles();
    });
  }

  /** Writes index/ durably. Calls run one at a time; the host debounces them. */
  save(): Promise<void> {
    return this.saves.run(async () => {
      // Fingerprint, compaction and snapshot in one synchronous step: nothing can change in between.
      const fingerprint = this.options.fingerprint?.() ?? '';
      this.index.compact();
      const snapshot = this.index.snapshot();
      this.changed = false;
      // Numbers stay put until the save is done, so that what it wrote can replace what is in memory.
      this.index.hold();
      try {
        this.positions = await writePositionsAndIndex(this.dir, this.index, this.positions, { fingerprint, ...snapshot });
        await removeOtherPositionFiles(this.dir, this.positions?.file);
      } catch (error) {
        this.changed = true;
        throw error;
      } finally {
        this.index.release();
      }
    });
  }

  async search(input: string, options: SearchOptions = {}): Promise<SearchResult> {
    const query = parseQuery(input);
    if (isEmptyQuery(query)) return { total: 0, hits: [] };
    const limit = Math.max(0, options.limit ?? 20);
    const offset = Math.max(0, options.offset ?? 0);
    let page;
    let result;
    // Positions are read first; when a compaction renumbered the index meanwhile, again.
    for (;;) {
      const generation = this.index.generation;
      const checker = new CandidateChecker(this.index);
      const checked = await this.index.loadPositions(checkedTerms(checker, query));
      if (generation !== this.index.generation) continue;
      const found = this.index.withPositions(checked, () => checkInRankOrder(this.index, findCandidates(this.index, query, options.filters, checker, this.options.checkAll ?? CHECK_ALL), checker, offset + limit));
      const kept = found.kept.slice(offset, offset + limit);
      const marked = options.snippets ? kept.flatMap((c) => (this.index.docs[c.num]!.marks ? [c.num] : [])) : [];
      // Only the page's documents: a common word's positions in every document are not needed for twenty.
      const sparse = marked.length ? await this.index.loadPositions(snippetTerms(this.index, checker, query), marked) : new Map();
      if (generation !== this.index.generation) continue;
      // Everything that needs document numbers happens before the next await: a change may renumber.
      // A new checker: the matchers of the checks keep the views they used, not the page's.
      const pageChecker = new CandidateChecker(this.index);
      page = this.index.withPositions(sparse, () =>
        kept.map((c) => {
          const doc = this.index.docs[c.num]!;
          const window = options.snippets && doc.marks ? snippetWindow(this.index, pageChecker, query, c.num, doc) : undefined;
          return { c, doc, window };
        }),
      );
      result = found;
      break;
    }
    const { total, approximate } = result;
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
