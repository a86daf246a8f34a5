/**
 * Full-text search over one archive: the inverted index in memory, persisted as a cache
 * under index/, and the text checks and snippets that need the stored text.
 *
 * Texts are not kept in the index (10,000 x 5 KB would be 50 MB more in the main process):
 * the host passes `getText`, and a small LRU keeps the texts of recent results. Hence
 * `search` is async: phrase checks and snippets read text.txt.
 */
import { findHits as findQueryHits, isEmptyQuery, parseQuery, type ParsedQuery } from '../../../shared/search/query';
import { makeSnippet } from '../../../shared/search/snippet';
import { Mutex } from '../store/mutex';
import { checkCandidate, rankCandidates, type Candidate } from './execute';
import { readIndexFile, writeIndexFile } from './persist';
import { InvertedIndex, type DocEntry } from './postings';
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
  /** UTF-16 units of text kept between searches; default 4 M (about 8 MB) */
  textCacheChars?: number;
}

/** Candidates whose text is checked at the same time. */
const CHECK_BATCH = 32;
/** Texts read for checks before the total may be estimated. */
const MIN_CHECKED = 100;

export class SearchIndex {
  private readonly saves = new Mutex();
  private readonly texts = new Map<string, string>();
  private cachedChars = 0;
  private changed: boolean;
  /** bumped by every change: a text fetched across a change is not cached */
  private generation = 0;

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
    const snapshot = await readIndexFile(dir, options.fingerprint?.() ?? '');
    if (snapshot) {
      index.restore(snapshot.docs, snapshot.terms, snapshot.offsets, snapshot.frozen);
      return new SearchIndex(dir, index, options, 'loaded');
    }
    for await (const doc of loadTexts()) index.add(doc);
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

  /** Adds a document; one already indexed under the same id is replaced. */
  add(doc: IndexableDoc): void {
    this.index.add(doc);
    this.forgetText(doc.id);
    this.generation++;
    this.changed = true;
  }

  update(doc: IndexableDoc): void {
    this.add(doc);
  }

  /** Changes only what annotations add (extra text, metadata): the body is not re-read. */
  setExtra(id: string, extra: string | undefined, meta: IndexableDoc['meta']): void {
    this.index.setExtra(id, extra, meta);
    this.forgetText(id);
    this.generation++;
    this.changed = true;
  }

  remove(id: string): boolean {
    this.forgetText(id);
    const removed = this.index.remove(id);
    this.generation++;
    this.changed ||= removed;
    return removed;
  }

  /** Writes index/ durably. Calls run one at a time; the host debounces them. */
  save(): Promise<void> {
    return this.saves.run(async () => {
      // Fingerprint, compaction and snapshot in one synchronous step: nothing can change in between.
      const fingerprint = this.options.fingerprint?.() ?? '';
      this.index.compact();
      const { docs, termList: terms, offsets, frozen } = this.index;
      this.changed = false;
      try {
        await writeIndexFile(this.dir, { fingerprint, docs: docs.filter((d) => d !== null), terms, offsets, frozen });
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
    // Hold entries, not document numbers: a save may renumber while we wait for texts.
    const ranked = rankCandidates(this.index, query, options.filters).map((c) => ({ c, doc: this.index.docs[c.num]! }));
    const { kept, total, approximate } = await this.check(ranked, offset + limit);
    const hits = await Promise.all(
      kept.slice(offset, offset + limit).map(async ({ c, doc }): Promise<SearchHit> => {
        const hit: SearchHit = { id: doc.id, score: c.score, title: doc.title };
        if (!options.snippets) return hit;
        const text = await this.text(doc.id);
        return { ...hit, snippet: makeSnippet(text, findQueryHits(text, query)) };
      }),
    );
    return approximate ? { total, hits, approximate } : { total, hits };
  }

  /**
   * Keeps the candidates that pass their text checks, in rank order. Checking reads each
   * candidate's text, so it stops once the page is full and MIN_CHECKED texts were read;
   * the rest are counted at the pass rate seen so far (the total is then approximate).
   * A phrase of common words would otherwise read thousands of files per keystroke.
   */
  private async check<T extends { c: Candidate; doc: DocEntry }>(ranked: T[], wanted: number) {
    const kept: T[] = [];
    let checked = 0;
    let passed = 0;
    let i = 0;
    for (; i < ranked.length && !(kept.length >= wanted && checked >= MIN_CHECKED); i += CHECK_BATCH) {
      const batch = ranked.slice(i, i + CHECK_BATCH);
      const ok = await Promise.all(
        batch.map(async ({ c, doc }) => {
          if (!c.verify.length && !c.excludeIf.length) return true;
          const pass = checkCandidate(c, doc, await this.text(doc.id));
          checked++;
          if (pass) passed++;
          return pass;
        }),
      );
      batch.forEach((r, k) => ok[k] && kept.push(r));
    }
    const rest = ranked.slice(i);
    const unchecked = rest.filter(({ c }) => c.verify.length || c.excludeIf.length).length;
    const total = kept.length + rest.length - unchecked + Math.round(unchecked * (checked ? passed / checked : 1));
    return { kept, total, approximate: unchecked > 0 };
  }

  /** Every hit of `query` in one document's text, for the reader's next/previous. */
  findHits(text: string, query: ParsedQuery | string): [number, number][] {
    return findQueryHits(text, typeof query === 'string' ? parseQuery(query) : query);
  }

  private async text(id: string): Promise<string> {
    const cached = this.texts.get(id);
    if (cached !== undefined) {
      // Map order is insertion order: re-insert to mark as recently used.
      this.texts.delete(id);
      this.texts.set(id, cached);
      return cached;
    }
    const generation = this.generation;
    let text: string;
    try {
      text = await this.options.getText(id);
    } catch {
      return ''; // removed meanwhile: it fails its checks and shows no snippet
    }
    const budget = this.options.textCacheChars ?? 4_000_000;
    if (text.length > budget / 4 || generation !== this.generation) return text;
    this.forgetText(id);
    this.texts.set(id, text);
    this.cachedChars += text.length;
    for (const [oldId] of this.texts) {
      if (this.cachedChars <= budget) break;
      this.forgetText(oldId);
    }
    return text;
  }

  private forgetText(id: string): void {
    const text = this.texts.get(id);
    if (text === undefined) return;
    this.cachedChars -= text.length;
    this.texts.delete(id);
  }
}
