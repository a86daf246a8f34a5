import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findHits as findQueryHits, parseQuery } from '../../../shared/search/query';
import { emptyAnnotations } from '../store/schemas';
import { diskFailureSentence, isDiskFull } from '../fs-errors';
import { exists, writeFileDurable } from '../store/durable-file';
import { analysisVersion, type DocumentAnalysis } from './analyze';
import type { IndexBytes } from './persist';
import { DamagedIndexError } from './positions-file';
import { SearchIndex } from './search-index';
import { allDocs, annotationPart, indexable, indexOptions, type SearchSources } from './index-sources';
import type { SearchOptions, SearchResult } from './types';

export type { SearchSources } from './index-sources';

/** Wait this long after the last change before saving the index (it is a cache; a crash costs a rebuild, not data). */
const SAVE_DELAY_MS = 2000;
const DIRTY = '.dirty';
/** After a save failed for want of room, try again this much later. */
const RETRY_FULL_MS = 60_000;

/**
 * A document to re-index, by id; or with `analysis`, `analyzeDocument(text)` of the text
 * the work stored (e.g. computed in the worker that parsed the file), so that the text is
 * neither read back nor tokenised on this thread. An analysis of another text length or
 * from other code is ignored and the text is read as usual.
 */
export type Reindex = string | { id: string; analysis: DocumentAnalysis; fresh?: boolean };

/**
 * Runs `work`, then re-indexes the documents `ids` names from its result: the whole
 * document, or with scope 'annotations' only what annotations add (comments, note, tags).
 */
export type Track = <T>(work: () => Promise<T>, ids: (result: T) => readonly Reindex[], scope?: 'document' | 'annotations') => Promise<T>;


/**
 * Keeps the search index in step with the archive: loads or rebuilds it at open, updates
 * it on every change, saves it debounced. A marker file says "changed since the last save",
 * so an index that a crash left behind is rebuilt rather than trusted.
 */
export class SearchService {
  private timer: NodeJS.Timeout | null = null;
  private marked = false;
  private pending = 0;
  private indexing: Promise<void>;
  /** the index once loaded (or rebuilt); null while it loads */
  private loadedIndex: SearchIndex | null = null;
  /** whether a change to what search sees was made this session (the index may then know more than a file saved before) */
  private touched = false;

  private rebuilding: Promise<void> | undefined;
  /** set while an index saved by an older version is read and converted */
  private converting: string | undefined;

  /**
   * The index loads in the background (issue #19: ~400 MB at 100,000 documents): the archive
   * opens, and the library is listed, without waiting for it. Searches, and re-indexing
   * after changes, wait for it.
   */
  private constructor(
    private readonly dir: string,
    private readonly loading: Promise<SearchIndex>,
    private readonly sources: SearchSources,
    private readonly writable: boolean,
  ) {
    this.indexing = loading.then((index) => {
      this.loadedIndex = index;
    });
    // Not unhandled while nobody waits: whoever waits next sees the failure.
    this.indexing.catch(() => undefined);
  }

  private get index(): SearchIndex {
    if (!this.loadedIndex) throw new Error('the search index is not loaded yet');
    return this.loadedIndex;
  }

  /** What the user should know about the index now (an older index being converted: searches wait). */
  get notices(): string[] {
    return this.converting ? [this.converting] : [];
  }

  /** Whether the index has loaded (a caller that must not wait for it asks this). */
  get loaded(): boolean {
    return this.loadedIndex !== null;
  }

  /** Whether anything search sees (documents, annotations) changed since the archive opened. */
  get changedSinceOpen(): boolean {
    return this.touched;
  }

  /** Resolves when the index has loaded (or rebuilt). */
  async ready(): Promise<void> {
    await this.loading;
  }

  /**
   * `saved`: index/search.bin as `readIndexBytes(dir)` read it, started before the library
   * loaded so that the read overlaps it (issue #19); dropped when a crash left the index stale.
   */
  static async open(dir: string, sources: SearchSources, writable: boolean, saved?: Promise<IndexBytes | null>, after?: Promise<void>): Promise<SearchService> {
    // Marked dirty: a writer changed what the index holds and did not save it (a crash, or a
    // writer at work). A writer drops it; a read-only host builds a fresh one in memory and
    // writes nothing: either way the stale one is never answered from.
    const stale = await exists(join(dir, DIRTY));
    if (stale) saved = undefined;
    if (writable) {
      await mkdir(dir, { recursive: true });
      if (stale) await rm(join(dir, 'search.bin'), { force: true });
    }
    const state: { service?: SearchService; converting?: string } = {};
    // An index from an older version is read whole and converted once (minutes at 100,000 documents under load): said, not silent.
    const onOldFormat = (format: number) => {
      state.converting = `The search index was saved by an earlier version of Marginalia (format ${format}); it is being converted once. Searches answer when it is done.`;
      console.error(`[marginalia] ${state.converting}`);
      if (state.service) state.service.converting = state.converting;
    };
    // `after`: the host's signal to start (the library table answered first: Archive's OpenOptions.indexAfterTable).
    const open = () =>
      stale ? SearchIndex.rebuild(dir, () => allDocs(sources), indexOptions(sources)) : SearchIndex.open(dir, () => allDocs(sources), { ...indexOptions(sources), onOldFormat, ...(saved ? { saved } : {}) });
    const loading = (after ? after.then(open) : open()).then((index) => {
      index.canWrite = writable;
      return index;
    });
    const service = new SearchService(dir, loading, sources, writable);
    state.service = service;
    service.converting = state.converting;
    void loading
      .finally(() => {
        service.converting = undefined;
      })
      .catch(() => undefined);
    // The index is only a cache: a rebuilt one is saved in the background, so that an archive
    // on a nearly full disk opens and works; it is saved once there is room.
    void loading.then((index) => writable && index.dirty && service.schedule()).catch(() => undefined);
    return service;
  }

  /** Documents in the index (0 while it loads). */
  get size(): number {
    return this.loadedIndex?.size ?? 0;
  }

  async search(query: string, options: SearchOptions): Promise<SearchResult> {
    await this.indexing;
    try {
      return await this.index.search(query, options);
    } catch (error) {
      if (!(error instanceof DamagedIndexError)) throw error;
      await this.rebuild(error);
      return this.index.search(query, options);
    }
  }

  /**
   * The positions file failed a check while a search read it (the index is a cache): said
   * once, naming the file and the reason, and the index rebuilt from the documents before
   * any search answers again; changes queued meanwhile wait for it.
   */
  private rebuild(error: DamagedIndexError): Promise<void> {
    this.rebuilding ??= (async () => {
      console.error(`[marginalia] the search index's positions file ${error.message}; rebuilding the index from the documents.`);
      const run = this.indexing.then(async () => {
        if (this.writable) await rm(join(this.dir, 'search.bin'), { force: true });
        const rebuilt = await SearchIndex.rebuild(this.dir, () => allDocs(this.sources), indexOptions(this.sources));
        rebuilt.canWrite = this.writable;
        // The damaged index lets go of its files (search.bin is read per block of postings).
        const damaged = this.loadedIndex;
        this.loadedIndex = rebuilt;
        void damaged?.close();
        this.schedule();
      });
      this.indexing = run.catch(() => {});
      await run;
    })().finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  /** Documents with annotations, as of every change so far. */
  async annotatedIds(): Promise<Set<string>> {
    await this.indexing;
    return this.index.annotatedIds();
  }

  findHits(text: string, query: string): [number, number][] {
    return findQueryHits(text, parseQuery(query));
  }

  /**
   * Runs a change to what search sees of some documents; the documents are re-indexed
   * right after, in the background, so that a save is not slowed by indexing. Searches
   * wait for the re-indexing queued before them, so they never answer from a stale index.
   * While a change or its re-indexing is under way the index is not saved.
   */
  track: Track = async (work, ids, scope = 'document') => {
    this.pending++;
    this.touched = true;
    let result: Awaited<ReturnType<typeof work>>;
    try {
      await this.mark();
      result = await work();
    } catch (error) {
      this.pending--;
      throw error;
    }
    const docs = ids(result);
    this.indexing = this.indexing
      .then(async () => {
        for (const entry of docs) {
          const [id, analysis, fresh] = typeof entry === 'string' ? [entry, undefined, false] : [entry.id, entry.analysis, entry.fresh === true];
          await (scope === 'annotations' ? this.reindexExtra(id) : this.reindex(id, analysis, fresh));
        }
      })
      .catch((error: unknown) => console.error('[marginalia] re-indexing failed; the index will be rebuilt at the next start:', error))
      .finally(() => {
        this.pending--;
        this.schedule();
      });
    return result;
  };

  /** Resolves when every change so far is in the index. */
  settled(): Promise<void> {
    return this.indexing;
  }

  private async reindexExtra(id: string): Promise<void> {
    const meta = this.sources.meta(id);
    if (!meta || !this.index.has(id)) return this.reindex(id);
    const { extra, meta: indexMeta } = annotationPart(meta, await this.sources.readAnnotations(id));
    this.index.setExtra(id, extra, indexMeta);
  }

  /** `fresh`: a document just created, which has no annotations file yet (reading it cost an import ~0.7 ms). */
  private async reindex(id: string, analysis?: DocumentAnalysis, fresh = false): Promise<void> {
    const meta = this.sources.meta(id);
    if (!meta) this.index.remove(id);
    else if (analysis?.version === analysisVersion() && analysis.textLength === meta.textLength) {
      const annotations = fresh ? emptyAnnotations() : await this.sources.readAnnotations(id);
      const { extra, meta: indexMeta } = annotationPart(meta, annotations);
      this.index.update({ id, title: meta.title, text: '', ...(extra ? { extra } : {}), meta: indexMeta }, analysis);
    } else this.index.update(await indexable(meta, this.sources));
  }

  async close(): Promise<void> {
    await this.indexing.catch(() => undefined);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closed = true;
    if (this.writable && this.loadedIndex?.dirty) await this.save().catch((error: unknown) => this.saveFailed(error));
    await this.loadedIndex?.close();
  }

  /** Saves now what a scheduled save would: a backup (archive.settle) then reads an index that holds still. */
  async flush(): Promise<void> {
    await this.indexing;
    if (!this.writable || this.closed || !this.index.dirty) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.save().catch((error: unknown) => this.saveFailed(error));
  }

  private async mark(): Promise<void> {
    if (!this.writable || this.marked) return;
    try {
      await writeFileDurable(join(this.dir, DIRTY), '');
    } catch (error) {
      // No room even for the marker: drop the saved index instead, so a crash cannot leave a stale one trusted.
      if (!isDiskFull(error)) throw error;
      await rm(join(this.dir, 'search.bin'), { force: true });
    }
    this.marked = true;
  }

  private warnedFull = false;
  private closed = false;

  /** A save that failed costs a rebuild at the next start, nothing else: say so once, try again later. */
  private saveFailed(error: unknown): void {
    if (isDiskFull(error)) {
      if (!this.warnedFull) {
        const disk = diskFailureSentence(error, 'x')!.split(':')[0];
        console.error(`[marginalia] ${disk}: the search index (a cache, rebuilt from your documents) could not be saved. Your documents and annotations are kept; search works meanwhile, and the index is saved once there is room.`);
      }
      this.warnedFull = true;
      if (!this.timer && !this.closed) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.schedule();
        }, RETRY_FULL_MS);
        this.timer.unref();
      }
      return;
    }
    console.error('[marginalia] saving the search index failed; it will be rebuilt at the next start:', error);
  }

  schedule(): void {
    if (!this.writable) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.pending > 0) return this.schedule();
      this.save().catch((error: unknown) => this.saveFailed(error));
    }, SAVE_DELAY_MS);
    this.timer.unref();
  }

  private async save(): Promise<void> {
    await this.index.save();
    this.warnedFull = false;
    if (this.pending > 0) return; // a change started meanwhile: keep the marker
    await rm(join(this.dir, DIRTY), { force: true });
    this.marked = false;
  }
}
