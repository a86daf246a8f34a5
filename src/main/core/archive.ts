import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ApiError } from '../../shared/api';
import { findDocumentDate } from '../../shared/text/dates';
import { detectLanguage } from '../../shared/text/language';
import { DEFAULT_IMPORT_LIMITS, DEFAULT_OCR_SETTINGS, type Block, type DocumentContent, type DocumentMeta, type ImportLimits, type ImportOutcome, type LibraryTable, type OcrProgress, type OcrSettings, type OcrState, type RepairEntry, isPaged } from '../../shared/model';
import { Catalog } from './catalog';
import { EntityService } from './entities/entity-service';
import { EntityStore } from './entities/entity-store';
import { ChangeLog } from './sync/change-log';
import { RelationService } from './entities/relation-service';
import { AnnotationService } from './annotations/annotation-service';
import { AnnotationStore } from './annotations/annotation-store';
import { describeFsError, diskFailureSentence, isDiskFull } from './fs-errors';
import { newId } from './ids';
import { analyseFile, type AnalysedFile } from './importers/analyse';
import { parsePool, type StagedFile } from './importers/parse-pool';
import { importerFor, importers } from './importers/registry';
import { ImportError, type ImportedComment } from './importers/types';
import { checkDocument, documentChecks } from './store/doc-checks';
import { DocStore, type NewDocument } from './store/doc-store';
import { newDocumentMeta, optional, type MetaBase } from './store/new-meta';
import { reanchorAnnotations } from './versions';
import { RuleService } from './rules/rule-service';
import { PdfMaps } from './pdf-maps';
import type { OcrDocumentResult } from './ocr/ocr-document';
import { OcrQueue } from './ocr/ocr-queue';
import { readIndexBytes } from './search/persist';
import { SearchService } from './search/search-service';
import { Trash } from './trash';
import { archiveLayout, type ArchiveLayout } from './store/layout';
import { LibraryStore } from './store/library-store';
import type { DocumentCursor } from './store/library-cursor';
import { exists, sweepTempFiles } from './store/durable-file';
import { FlagsDamagedError, readFlags, setFlagsAside, writeFlags } from './store/library-flags';
import { acquireLock, type ArchiveLock } from './store/lock';
import { RepairsStore } from './store/repairs-store';
import { LayerRightsReader } from './layers/layer-rights';

export interface OpenOptions {
  /** false: read only, no lock taken (list, show) */
  writable: boolean;
  /** who holds the lock, named in the message a second writer gets */
  owner: string;
  /**
   * The search index starts loading only once the library table has been answered (or a
   * search, or INDEX_START_FALLBACK_MS after open): the app's first screen is the library,
   * and the index's load (~0.5 s of CPU at 100,000 documents, on the same thread) no longer
   * runs ahead of its answer (issue #19). Shells that show the library first (serve, the app).
   */
  indexAfterTable?: boolean;
}

/** How long the index waits for the library table's answer at most (OpenOptions.indexAfterTable). */
const INDEX_START_FALLBACK_MS = 2000;

export interface ImportSource {
  name: string;
  bytes: Uint8Array;
  /** for a PDF that needs a user password */
  password?: string;
  /** store as a new version of this document (its annotations are re-anchored) */
  asVersionOf?: string;
  /** store as a new document even if it looks like a version of a known one */
  separate?: boolean;
  /** this import's limits, over the archive's settings (CLI flags) */
  limits?: Partial<ImportLimits>;
  /** OCR for this import, over the archive's setting: force reads every page of a PDF */
  ocr?: 'auto' | 'off' | 'force';
  /** OCR languages for this import, e.g. "chi_sim+eng" */
  ocrLanguages?: string;
  /** plain text stored exactly as given, for annotations whose offsets count into it (annotation import) */
  verbatim?: boolean;
}

export const SUPPORTED_EXTENSIONS = importers.flatMap((i) => i.extensions);

/** The archive: one folder on disk, free of Electron, the same for the desktop app, the server and the CLI. */
export class Archive {
  /** imports under way, by SHA-256 of their bytes (several files are imported at once) */
  private readonly importing = new Map<string, Promise<ImportOutcome>>();
  readonly annotations: AnnotationService;
  /**
   * The layer this session's new annotations go into instead of the user's own: the gold layer
   * while a reviewer edits it in the reader (#18). Held in memory only, so a restart (or the
   * CLI) always annotates as the user.
   */
  workingLayer: string | null = null;
  /** who writes here and their team role: what the core refuses to change (#18) */
  readonly layerRights: LayerRightsReader;
  readonly catalog: Catalog;
  readonly entities: EntityService;
  readonly rules: RuleService;
  /** PDF source maps (pages.json), built on first use for PDFs imported before them */
  readonly pdfMaps: PdfMaps;
  readonly trash: Trash;
  /** what emptying the trash by age did at open, for the user */
  private readonly retentionNotices: string[] = [];
  /** library.annotated as the last clean close left it; null when it cannot be trusted (annotatedIds) */
  private savedFlags: Set<string> | null = null;
  /** a damaged library.annotated, told */
  private readonly flagNotices: string[] = [];
  /** starts the search index's load when it waits for the library table (OpenOptions.indexAfterTable); harmless when it started */
  startIndex: () => void = () => undefined;
  readonly relations: RelationService;
  /** scanned pages waiting for OCR (null when the archive is open read-only) */
  readonly ocr: OcrQueue | null;
  /** who hears how OCR is getting on (the shells forward it as the ocr.progress event) */
  readonly ocrListeners = new Set<(progress: OcrProgress) => void>();

  private constructor(
    readonly layout: ArchiveLayout,
    private readonly library: LibraryStore,
    private readonly docs: DocStore,
    private readonly annotationStore: AnnotationStore,
    readonly search: SearchService,
    private readonly entityStore: EntityStore,
    private readonly lock: ArchiveLock | null,
    readonly repairs: RepairsStore,
    /** which documents changed since the last sync (core/sync reads only those) */
    private readonly changes: ChangeLog,
  ) {
    const readText = (id: string) => {
      this.meta(id);
      return this.docs.readText(id);
    };
    this.catalog = new Catalog(library, docs, search.track);
    this.layerRights = new LayerRightsReader(layout.root, () => this.catalog.settings().team?.user);
    this.rules = new RuleService(library, (id) => this.docs.readText(id), search.track);
    this.pdfMaps = new PdfMaps({
      docs,
      meta: (id) => this.meta(id),
      writable: lock !== null,
      addNotice: async (id, notice) => {
        await library.update(id, (meta) => ({ ...meta, notices: [...(meta.notices ?? []).filter((n) => n !== notice), notice] }));
        await docs.writeMeta(this.meta(id));
      },
    });
    this.ocr = lock
      ? new OcrQueue({
          meta: (id) => library.get(id),
          readOriginal: (id) => docs.readPagedPdf(this.meta(id)),
          // A page takes far longer to recognise than a file to read: three times the read limit.
          timeoutMs: () => this.importLimits().timeoutSeconds * 3000,
          commit: (id, result, state) => this.storeOcrText(id, result, state),
          setState: (id, state) => this.setOcrState(id, state),
          progress: (progress) => this.ocrListeners.forEach((listener) => listener(progress)),
        })
      : null;
    this.annotations = new AnnotationService(
      annotationStore,
      (id) => void this.meta(id),
      readText,
      search.track,
      (docId, list) => this.entities.onAnnotationsChanged(docId, list),
      () => this.workingLayer ?? (this.catalog.settings().team?.user?.trim() || undefined),
      () => this.layerRights.rights(),
    );
    this.entities = new EntityService({
      store: entityStore,
      annotations: this.annotations,
      catalog: this.catalog,
      docIds: () => this.library.documents().map((d) => d.id),
      annotatedIds: () => this.annotatedIds(),
      title: (id) => this.library.get(id)?.title ?? id,
      readText,
    });
    this.trash = new Trash({
      library,
      docs,
      annotationStore,
      annotations: this.annotations,
      track: search.track,
      mentionsChanged: (docId, list) => this.entities.onAnnotationsChanged(docId, list),
      entityFor: (mention) => {
        if (mention.entityId && entityStore.has(mention.entityId)) return mention.entityId;
        return mention.label ? entityStore.find(mention.label, mention.target.quote)?.id : undefined;
      },
    });
    this.relations = new RelationService({ annotations: this.annotations, catalog: this.catalog, labels: () => this.entities.labels() });
  }

  static async open(dir: string, options: OpenOptions): Promise<Archive> {
    const layout = archiveLayout(dir);
    let lock: ArchiveLock | null = null;
    if (options.writable) {
      try {
        await mkdir(layout.docs, { recursive: true });
      } catch (error) {
        throw new ApiError('io', `Cannot create the archive at ${dir}: ${describeFsError(error)}.`);
      }
      try {
        lock = await acquireLock(dir, options.owner);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError('io', `Cannot open the archive at ${dir} for writing: ${describeFsError(error)}. Reading still works (marginalia list, show, search).`);
      }
    }
    try {
      const docs = new DocStore(layout);
      // Leftovers in docs/ (.staging-, .replaced-) come only from a writer that did not close, which leaves library.open
      // behind (LibraryStore); listing 100,000 folders cost every start ~0.25-0.4 s (issue #19). An archive without
      // library.bin (new, or from before it) is swept as before.
      const unclosed = options.writable && ((await exists(layout.libraryOpen)) || !(await exists(layout.libraryCompact)));
      const swapped = unclosed ? await docs.sweep() : [];
      // A crashed writer's temp files go before anything of this session writes (the library's backup starts in LibraryStore.open).
      if (options.writable) for (const dir of [layout.root, layout.index, layout.backups]) await sweepTempFiles(dir);
      // The saved search index (hundreds of MB at 100,000 documents) is read while the library loads (issue #19),
      // or, for a shell that shows the library first, once the library table is answered.
      let startIndex = () => undefined as void;
      const indexGate = options.indexAfterTable
        ? new Promise<void>((resolve) => {
            startIndex = resolve;
            setTimeout(resolve, INDEX_START_FALLBACK_MS).unref();
          })
        : undefined;
      const savedIndex = indexGate ? indexGate.then(() => readIndexBytes(layout.index)) : readIndexBytes(layout.index);
      const repairs = await RepairsStore.open(layout, options.writable);
      // Read before the library marks this session open: the flags hold only if the last writer closed.
      const flags = await readSavedFlags(layout, options.writable, repairs);
      const library = await LibraryStore.open(layout, options.writable, repairs);
      // A version swap that finished on disk but not in library.json: the folder's meta.json is the truth.
      for (const id of swapped) {
        if (!library.get(id)) continue;
        const meta = await docs.readMeta(id);
        await library.update(id, () => meta);
      }
      const annotationStore = new AnnotationStore(layout, options.writable, repairs);
      const search = await SearchService.open(
        layout.index,
        {
          documents: () => library.documents(),
          versions: (visit) => library.versions(visit),
          meta: (id) => library.get(id),
          readText: (id) => docs.readText(id),
          readAnnotations: (id) => annotationStore.read(id),
        },
        options.writable,
        savedIndex,
        indexGate,
      );
      const entityStore = await EntityStore.open(layout.entities, options.writable, repairs, layout.backups);
      const changes = await ChangeLog.open(dir, options.writable);
      library.onDocumentsChanged = (ids) => changes.markDocs(ids);
      annotationStore.onChange = (id) => changes.markDocs([id]);
      const archive = new Archive(layout, library, docs, annotationStore, search, entityStore, lock, repairs, changes);
      archive.savedFlags = flags.ids;
      archive.startIndex = startIndex;
      archive.flagNotices.push(...flags.notices);
      if (options.writable) await archive.applyTrashRetention();
      // What was waiting for OCR when the archive last closed is read now, in the background.
      archive.ocr?.resume(library.withOcrState());
      return archive;
    } catch (error) {
      await lock?.release();
      const full = diskFailureSentence(error, 'opening the archive for writing');
      if (full) throw new ApiError('io', `${full} Reading still works (marginalia list, show, search).`);
      throw error;
    }
  }

  /**
   * The archive-wide setting: documents in the trash longer than N days are removed for good.
   * A failure here (a read-only disk) is told, never a reason not to open the archive.
   */
  private async applyTrashRetention(): Promise<void> {
    const days = this.library.settings().trashRetentionDays;
    try {
      await this.docs.sweepTrash();
      if (!days) return;
      const removed = await this.trash.emptyOlderThan(days);
      if (removed) this.retentionNotices.push(`${removed} document(s) in the trash for more than ${days} day(s) were removed for good (Settings → Trash).`);
    } catch (error) {
      this.retentionNotices.push(`The trash could not be emptied of old documents: ${describeFsError(error)}. They stay in the trash.`);
    }
  }

  get notices(): readonly string[] {
    return [...this.library.notices, ...this.flagNotices, ...this.annotationStore.notices, ...this.entityStore.notices, ...this.retentionNotices, ...this.search.notices];
  }

  /** The archive's OCR settings, or the defaults. */
  ocrSettings(): OcrSettings {
    return { ...DEFAULT_OCR_SETTINGS, ...this.library.settings().ocr };
  }

  /** Queues a PDF for OCR (the reader's Read text button, marginalia ocr ID). */
  async queueOcr(id: string, mode: OcrState['mode'] = 'auto', languages = this.ocrSettings().languages): Promise<void> {
    const meta = this.meta(id);
    if (!isPaged(meta.type)) throw new ApiError('unsupported', `${meta.title} is not a PDF or an image: only pages are read by OCR.`);
    if (!this.ocr) throw new ApiError('locked', 'The archive is open read-only: OCR needs to write.');
    await this.ocr.enqueue(id, mode, languages);
  }

  /** What one imported file may cost: the archive's settings, or the defaults, under the caller's overrides. */
  importLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
    return { ...DEFAULT_IMPORT_LIMITS, ...this.library.settings().importLimits, ...overrides };
  }

  /** Each document's files are checked once a session, on first read; concurrent reads share the check. */
  private readonly checked = new Map<string, Promise<void>>();

  private check(meta: DocumentMeta): Promise<void> {
    let running = this.checked.get(meta.id);
    if (running) return running;
    const writable = this.lock !== null;
    running = checkDocument(meta, {
      layout: this.layout,
      repairs: this.repairs,
      writable,
      reimport: async (bytes, fileName) => {
        const timeoutMs = this.importLimits().timeoutSeconds * 1000;
        const parsed = isPaged(importerFor(fileName)?.type) ? await analyseFile(bytes, fileName, { timeoutMs }) : await parsePool.parse(bytes, fileName, {}, { timeoutMs });
        return parsed.text;
      },
      saveChecks: async (next) => {
        const saved = await this.library.update(next.id, (doc) => ({ ...doc, checks: next.checks! }));
        await this.docs.writeMeta(saved);
      },
      textReplaced: (id) => this.docs.forget(id),
    }).then(
      ({ blocks, blocksInMemory }) => {
        if (blocksInMemory) this.repairedBlocks.set(meta.id, blocks);
      },
      (error: unknown) => {
        this.checked.delete(meta.id);
        throw error;
      },
    );
    this.checked.set(meta.id, running);
    return running;
  }
  /** blocks as checked (rebuilt in memory when blocks.json could not be used or rewritten) */
  private readonly repairedBlocks = new Map<string, Block[]>();

  /** Files set aside or rebuilt, newest first, with their document's title. */
  repairList(): RepairEntry[] {
    return [...this.repairs.list()].reverse().map((r) => {
      const title = r.docId ? this.library.get(r.docId)?.title : undefined;
      return title ? { ...r, docTitle: title } : { ...r };
    });
  }

  /** Puts a repair's good copy back (annotations.json: merged with what was written since) and dismisses it. */
  async restoreRepair(id: string): Promise<{ restored: number }> {
    const repair = this.repairs.get(id);
    if (!repair.backup || !repair.docId || !repair.file.endsWith('/annotations.json')) {
      throw new ApiError('unsupported', `Nothing to restore for ${repair.file}: ${repair.action}`);
    }
    const { restored } = await this.annotations.restoreBackup(repair.docId, join(this.layout.root, repair.backup));
    await this.repairs.dismiss(id);
    return { restored };
  }

  /** The stores themselves, for sync (core/sync), which reads and applies whole records through them as the services do. */
  syncStores() {
    return { library: this.library, docs: this.docs, annotationStore: this.annotationStore, entityStore: this.entityStore, changes: this.changes, writable: this.lock !== null };
  }

  list(): DocumentMeta[] {
    return [...this.library.documents()];
  }

  /** Every listed document one at a time, each made when asked for (library.list: LibraryStore.cursor). */
  listCursor(): DocumentCursor {
    return this.library.cursor();
  }

  /** Every listed document, without a copy of the list (the caller does not keep it). */
  documents(): readonly DocumentMeta[] {
    return this.library.documents();
  }

  /** One document's metadata; not_found when it is not listed. */
  getMeta(id: string): DocumentMeta {
    return this.meta(id);
  }

  /** Each listed document's title rank in the library table's order, as library.bin holds it (LibraryStore.titleRanks). */
  titleRanks(): { ranks: Int32Array; locale: string } | null {
    return this.library.titleRanks();
  }

  /** The library table (library.table); at start straight from library.bin's columns (LibraryStore.table). */
  async libraryTable(): Promise<LibraryTable> {
    const table = this.library.table(await this.annotatedIds());
    // After this answer is sent (its JSON is made in this turn of the event loop): the index's load follows.
    setImmediate(this.startIndex);
    return table;
  }

  /** The PDF the page view reads: a PDF's original file, an image's pages.pdf; null for an unknown id or a document without pages. */
  originalPdfPath(id: string): string | null {
    const meta = this.library.get(id);
    if (meta?.type === 'pdf') return this.layout.original(id, originalExt(meta.sourceName));
    return meta && isPaged(meta.type) ? this.docs.pagedPdfPath(meta) : null;
  }

  async get(id: string): Promise<DocumentContent> {
    await this.check(this.meta(id));
    const meta = this.meta(id);
    const checkedBlocks = this.repairedBlocks.get(id);
    const [text, blocks] = await Promise.all([this.docs.readText(id), checkedBlocks ?? this.docs.readBlocks(id)]);
    return { meta, text, blocks };
  }

  /**
   * Imports one file. Never throws for a bad file: the outcome names the reason, and
   * nothing is stored unless all of it is stored durably.
   */
  importFile(source: ImportSource): Promise<ImportOutcome> {
    const sha256 = createHash('sha256').update(source.bytes).digest('hex');
    // The same bytes twice at once: the second waits for the first and is its duplicate.
    const inFlight = this.importing.get(sha256);
    if (inFlight) {
      return inFlight.then((first) =>
        first.status === 'imported' || first.status === 'new-version' ? { file: source.name, status: 'duplicate', doc: first.doc } : this.importFile(source),
      );
    }
    const running = this.importOne(source, sha256).finally(() => this.importing.delete(sha256));
    this.importing.set(sha256, running);
    return running;
  }

  /** Waits for imports under way, saves the search index, and always frees the lock. */
  /** Waits for the library's background writes (this session's backup of library.json, documents not yet logged) and saves the search index if it is due: a backup then reads files that hold still. */
  async settle(): Promise<void> {
    if (!this.lock) return;
    await this.library.flush();
    await this.search.flush();
  }

  /**
   * Which documents have annotations. From library.annotated (saved at the last clean close)
   * while the search index loads and nothing has changed, so that the library is listed
   * without waiting for the index (issue #19); else from the index, which every change reaches.
   */
  async annotatedIds(): Promise<Set<string>> {
    if (this.savedFlags && !this.search.loaded && !this.search.changedSinceOpen) return this.savedFlags;
    this.startIndex();
    return this.search.annotatedIds();
  }

  /** Rewrites library.annotated from the index before the library's open marker goes (the order that makes the file trusted). */
  private async saveFlags(): Promise<void> {
    if (this.savedFlags && !this.search.changedSinceOpen) return;
    try {
      await writeFlags(this.layout.libraryFlags, await this.search.annotatedIds());
    } catch (error) {
      // Without the file the next open takes the flags from the index: slower, never wrong.
      await rm(this.layout.libraryFlags, { force: true }).catch(() => undefined);
      const why = isDiskFull(error) ? 'the disk is full' : describeFsError(error);
      console.error(`[marginalia] library.annotated (which documents have annotations, a cache) could not be saved (${why}); the next start takes it from the search index.`);
    }
  }

  async close(): Promise<void> {
    this.startIndex();
    try {
      await Promise.allSettled([...this.importing.values()]);
      // Documents still waiting stay queued in their metadata and are read at the next open.
      await this.ocr?.stop();
      await parsePool.releaseIdle();
      // Every step runs even when one fails (a read-only disk fails the flags' save): a search
      // index left open would fire its pending save later and write into a closed archive.
      const steps: Array<() => Promise<void>> = [
        async () => { if (this.lock) await this.saveFlags(); },
        async () => { if (this.lock) await this.library.close(); },
        () => this.search.close(),
        () => this.changes.close(),
      ];
      let failure: unknown;
      for (const step of steps) {
        try { await step(); } catch (error) { failure ??= error; }
      }
      if (failure !== undefined) throw failure;
    } finally {
      await this.lock?.release();
    }
  }

  private meta(id: string): DocumentMeta {
    const meta = this.library.get(id);
    if (!meta) throw new ApiError('not_found', `No document with id ${id} in this archive.`);
    return meta;
  }

  private async importOne(source: ImportSource, sha256: string): Promise<ImportOutcome> {
    const { name: file, bytes } = source;
    const importer = importerFor(file);
    if (!importer) {
      const ext = extname(file) || '(none)';
      return { file, status: 'failed', reason: `unsupported file type ${ext}; Marginalia imports ${SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(', ')}` };
    }
    const limits = this.importLimits(source.limits);
    const tooLarge = sizeProblem(bytes.byteLength, limits);
    if (tooLarge) return { file, status: 'failed', reason: tooLarge };
    // A verbatim text is looked up by its exact text before (interchange/document-finder): an
    // earlier, normalised import of the same file holds other offsets, so it is no duplicate.
    const existing = source.verbatim ? undefined : this.library.findBySha(sha256);
    if (existing) return { file, status: 'duplicate', doc: existing };

    const id = newId();
    const base: MetaBase = { id, type: importer.type, size: bytes.byteLength, sha256, sourceName: baseName(file), now: new Date().toISOString() };
    // A new document parsed in a worker thread is also written there, into its staging folder,
    // meta.json included: the main thread (which stores and indexes every file) writes none of it.
    const stage = !isPaged(importer.type) && !source.asVersionOf ? { dir: this.docs.stagingFor(id), originalName: `original${originalExt(file) ? `.${originalExt(file)}` : ''}`, meta: base } : undefined;
    let parsed: StagedFile;
    try {
      const options = { ...(source.password === undefined ? {} : { password: source.password }), ...(source.verbatim ? { verbatim: true } : {}) };
      // PDFs and images go to their own sandboxed processes; every other format to a parse worker thread.
      const timeoutMs = limits.timeoutSeconds * 1000;
      parsed = isPaged(importer.type) ? await analyseFile(bytes, file, { ...options, timeoutMs }) : await parsePool.parse(bytes, file, options, { timeoutMs }, stage);
    } catch (error) {
      // A worker stopped while it wrote (time limit, memory) may have left part of the folder.
      if (stage) await this.docs.discardStaged(id);
      if (!(error instanceof ImportError)) {
        return { file, status: 'failed', reason: `could not be read as ${importer.type.toUpperCase()}: ${(error as Error).message}` };
      }
      const needsPassword = error.code === 'password_required' || error.code === 'password_wrong';
      return { file, status: 'failed', reason: error.message, ...(needsPassword ? { needsPassword } : {}) };
    }

    const ocr = this.ocrFor(source, parsed);
    const staged = parsed.staged;
    if (staged && 'error' in staged) return { file, status: 'failed', reason: storeFailure(Object.assign(new Error(staged.error.message), staged.error)) };
    // As the worker wrote it into meta.json (same function, same inputs); a text format has no OCR.
    const firstMeta = newDocumentMeta(base, parsed, staged ? staged.checks : documentChecks(parsed.text, parsed.blocks), ocr);
    let meta = firstMeta;
    if (!source.separate && !source.asVersionOf) {
      const candidate = this.library.findVersionCandidate(meta.sourceName, meta.title, meta.type);
      if (candidate) {
        if (staged) await this.docs.discardStaged(id);
        return { file, status: 'version-candidate', doc: candidate };
      }
    }
    // The archive's filing rules: their tags, collections and date are part of the first write.
    const effect = this.rules.effectFor({ text: parsed.text, title: parsed.title, filename: meta.sourceName });
    if (effect.rules.length) {
      try {
        meta = RuleService.merge(meta, effect, await this.rules.collectionIds(effect.collections));
      } catch (error) {
        if (staged) await this.docs.discardStaged(id);
        return { file, status: 'failed', reason: `could not create the collections its rules name: ${describeFsError(error)}` };
      }
    }
    const doc: NewDocument = {
      meta,
      text: parsed.text,
      blocks: parsed.blocks,
      original: bytes,
      originalExt: originalExt(file),
      ...(parsed.sourceMap ? { pdfMap: parsed.sourceMap } : {}),
      ...(parsed.pagesPdf ? { pagesPdf: parsed.pagesPdf } : {}),
    };
    if (source.asVersionOf) return this.storeVersion(file, this.meta(source.asVersionOf), doc);
    try {
      await this.search.track(
        async () => {
          // The worker's meta.json stands unless the rules changed the metadata (or OCR is queued).
          await (staged ? this.docs.createStaged(meta, staged.metaWritten && meta === firstMeta && !ocr) : this.docs.create(doc));
          this.library.add(meta);
        },
        () => [{ id: meta.id, analysis: parsed.analysis, fresh: true }],
      );
    } catch (error) {
      return { file, status: 'failed', reason: storeFailure(error) };
    }
    if (parsed.comments?.length) await this.storeComments(meta, parsed.comments);
    // Listed now; its scanned pages are read in the background and the text follows.
    if (ocr) this.ocr?.resume([meta]);
    return { file, status: 'imported', doc: meta, ...(effect.rules.length ? { rules: effect.rules } : {}) };
  }

  /**
   * Reviewers' comments the file carried (Word comments) become highlights with a comment,
   * keeping their author and date. The document is stored already: should this write fail,
   * it stays, with a notice saying the comments were not kept.
   */
  private async storeComments(meta: DocumentMeta, comments: ImportedComment[]): Promise<void> {
    try {
      await this.annotations.createMany(
        meta.id,
        comments.map((c) => ({
          kind: 'highlight' as const,
          start: c.start,
          end: c.end,
          comment: { type: 'doc' as const, content: c.paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) },
          ...(c.author ? { author: c.author } : {}),
          ...(c.date && !Number.isNaN(Date.parse(c.date)) ? { createdAt: new Date(c.date).toISOString() } : {}),
        })),
      );
    } catch (error) {
      const notices = [...(meta.notices ?? []), `the file's ${comments.length} comments could not be stored: ${describeFsError(error)}`];
      await this.library.update(meta.id, (m) => ({ ...m, notices }));
      meta.notices = notices;
    }
  }

  /** The OCR a newly imported file gets: its pages without text (or all, when forced), unless OCR is off. */
  private ocrFor(source: ImportSource, parsed: AnalysedFile): OcrState | undefined {
    if (!this.ocr || !parsed.sourceMap) return undefined;
    const mode = source.ocr ?? this.ocrSettings().mode;
    if (mode === 'off' || (mode === 'auto' && !parsed.needsOcr?.length)) return undefined;
    return { state: 'queued', mode: mode === 'force' ? 'force' : 'auto', languages: source.ocrLanguages ?? this.ocrSettings().languages };
  }

  private async setOcrState(id: string, state: OcrState): Promise<void> {
    const meta = await this.library.update(id, (current) => ({ ...current, ocr: state }));
    await this.docs.writeMeta(meta);
  }

  /** OCR's text becomes the document's text, as a new version (annotations re-anchored, the earlier text kept). */
  private async storeOcrText(id: string, result: OcrDocumentResult, state: OcrState): Promise<void> {
    const current = this.meta(id);
    const { parsed } = result;
    const language = current.language ?? detectLanguage(parsed.text);
    const date = current.date ?? findDocumentDate(parsed.text);
    const now = new Date().toISOString();
    const blocks = parsed.blocks.map((block, i) => ({ ...block, page: parsed.blockPages[i]! }));
    const incoming: NewDocument = {
      meta: {
        ...current,
        textLength: parsed.text.length,
        // The new text and blocks get their own checksums, or the next read would take them for damaged.
        checks: documentChecks(parsed.text, blocks),
        notices: parsed.notices ?? [],
        ocr: state,
        ...optional('language', language),
        ...optional('date', date),
        updatedAt: now,
      },
      text: parsed.text,
      blocks,
      original: await this.docs.readOriginal(id, originalExt(current.sourceName)),
      originalExt: originalExt(current.sourceName),
      pdfMap: parsed.sourceMap,
      ...(current.type === 'image' ? { pagesPdf: await this.docs.readPagedPdf(current) } : {}),
    };
    const outcome = await this.storeVersion(current.sourceName, current, incoming);
    if (outcome.status === 'failed') throw new Error(outcome.reason);
  }

  /** A new version of a known document: same id, the user's title kept, annotations re-anchored. */
  private async storeVersion(file: string, current: DocumentMeta, incoming: NewDocument): Promise<ImportOutcome> {
    const now = incoming.meta.updatedAt;
    const version = (current.version ?? 1) + 1;
    // What the user gave the document (title, tags, collections, edited metadata) stays.
    const meta: DocumentMeta = {
      ...incoming.meta,
      id: current.id,
      title: current.title,
      importedAt: current.importedAt,
      version,
      ...optional('date', current.date ?? incoming.meta.date),
      ...optional('author', current.author ?? incoming.meta.author),
      ...optional('language', current.language ?? incoming.meta.language),
      // The user's tags and collections stay; the rules' (on incoming) are added.
      ...union('tags', current.tags, incoming.meta.tags),
      ...union('collections', current.collections, incoming.meta.collections),
    };
    try {
      const work = () =>
        this.annotationStore.exclusive(current.id, async (annotations) => {
          const { file: carried, summary } = reanchorAnnotations(annotations, incoming.text, now);
          await this.docs.replace({ ...incoming, meta }, carried, current.version ?? 1);
          await this.library.update(current.id, () => meta);
          return { file, status: 'new-version' as const, doc: meta, anchoring: summary };
        });
      return await this.search.track(work, () => [current.id]);
    } catch (error) {
      return { file, status: 'failed', reason: `could not store the new version: ${describeFsError(error)}${diskFailureSentence(error, '') ? ' (the previous version and its annotations are kept)' : ''}` };
    }
  }
}

/** Why a file of this size is refused, or null. */
export function sizeProblem(bytes: number, limits: ImportLimits): string | null {
  if (bytes <= limits.maxFileMb * 1048576) return null;
  return `file too large (${Math.ceil(bytes / 1048576)} MB; the limit is ${limits.maxFileMb} MB, set in Settings → Import or with --max-file-mb)`;
}

function union<K extends 'tags' | 'collections'>(key: K, kept: string[] | undefined, added: string[] | undefined): { [P in K]?: string[] } {
  const all = [...new Set([...(kept ?? []), ...(added ?? [])])];
  return (all.length ? { [key]: key === 'tags' ? all.sort() : all } : {}) as { [P in K]?: string[] };
}

function originalExt(name: string): string {
  return extname(name).slice(1).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 10);
}

/** The file name without folders, whichever separator the client used. */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || name;
}

/** Why a new document could not be stored (its staging folder, its commit), as a user reads it. */
function storeFailure(error: unknown): string {
  return `could not be stored in the archive: ${describeFsError(error)}${diskFailureSentence(error, '') ? ' (nothing of it was kept; the archive is as it was)' : ''}`;
}

/**
 * library.annotated, when the last writer closed cleanly (no library.open left behind): else
 * null, and the flags come from the search index. A damaged file is reported (notice and
 * Repairs entry) and set aside; the next clean close writes it again.
 */
async function readSavedFlags(layout: ArchiveLayout, writable: boolean, repairs: RepairsStore): Promise<{ ids: Set<string> | null; notices: string[] }> {
  if (await exists(layout.libraryOpen)) return { ids: null, notices: [] };
  try {
    return { ids: await readFlags(layout.libraryFlags), notices: [] };
  } catch (error) {
    if (!(error instanceof FlagsDamagedError)) throw error;
    const aside = writable ? await setFlagsAside(layout.libraryFlags) : undefined;
    const action = 'Which documents have annotations is taken from the search index instead; the file is written again when the archive closes.';
    await repairs.record({ file: layout.libraryFlags, problem: error.message, action, ...(aside ? { setAsideAs: aside } : {}) });
    return { ids: null, notices: [`${error.message}. ${aside ? `It was set aside as ${aside}; ` : ''}${action}`] };
  }
}
