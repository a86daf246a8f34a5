/**
 * The archive: one folder on disk, open, with the services the contract's handlers call.
 * This file wires them and answers what is the archive's own (notices, settings, reading a
 * document, closing); opening its stores is archive-open.ts's, importing archive-import.ts's,
 * OCR's writes archive-ocr.ts's, the first-read checks archive-checks.ts's, and the cache of
 * annotated documents archive-flags.ts's.
 */
import { join } from 'node:path';
import { ApiError } from '../../shared/api';
import { DEFAULT_IMPORT_LIMITS, DEFAULT_OCR_SETTINGS, type DocumentContent, type DocumentMeta, type ImportLimits, type ImportOutcome, type LibraryTable, type OcrProgress, type OcrSettings, type OcrState, type RepairEntry, isPaged } from '../../shared/model';
import { ArchiveImport, originalExt, type ImportSource } from './archive-import';
import { FirstReadChecks } from './archive-checks';
import { saveFlags } from './archive-flags';
import { archiveOcrQueue } from './archive-ocr';
import { openFailed, openStores, type OpenOptions } from './archive-open';
import { Catalog } from './catalog';
import { EntityService } from './entities/entity-service';
import type { EntityStore } from './entities/entity-store';
import type { ChangeLog } from './sync/change-log';
import { RelationService } from './entities/relation-service';
import { AnnotationService } from './annotations/annotation-service';
import type { AnnotationStore } from './annotations/annotation-store';
import { describeFsError } from './fs-errors';
import { parsePool } from './importers/parse-pool';
import type { DocStore } from './store/doc-store';
import { RuleService } from './rules/rule-service';
import { PdfMaps } from './pdf-maps';
import type { OcrQueue } from './ocr/ocr-queue';
import type { SearchService } from './search/search-service';
import { Trash } from './trash';
import type { ArchiveLayout } from './store/layout';
import type { LibraryStore } from './store/library-store';
import type { DocumentCursor } from './store/library-cursor';
import type { ArchiveLock } from './store/lock';
import type { RepairsStore } from './store/repairs-store';
import { LayerRightsReader } from './layers/layer-rights';

export { SUPPORTED_EXTENSIONS, sizeProblem, type ImportSource } from './archive-import';
export type { OpenOptions } from './archive-open';

/** The archive: one folder on disk, free of Electron, the same for the desktop app, the server and the CLI. */
export class Archive {
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
  private readonly imports: ArchiveImport;
  private readonly checks: FirstReadChecks;

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
      ? archiveOcrQueue({
          library,
          docs,
          meta: (id) => this.meta(id),
          importLimits: () => this.importLimits(),
          storeVersion: (file, current, incoming) => this.imports.storeVersion(file, current, incoming),
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
    this.imports = new ArchiveImport({
      library,
      docs,
      annotationStore,
      annotations: this.annotations,
      search,
      rules: this.rules,
      ocr: this.ocr,
      importLimits: (overrides) => this.importLimits(overrides),
      ocrSettings: () => this.ocrSettings(),
      meta: (id) => this.meta(id),
    });
    this.checks = new FirstReadChecks({ layout, repairs, writable: lock !== null, library, docs, importLimits: () => this.importLimits() });
  }

  static async open(dir: string, options: OpenOptions): Promise<Archive> {
    const stores = await openStores(dir, options);
    try {
      const { layout, library, docs, annotationStore, search, entityStore, lock, repairs, changes } = stores;
      const archive = new Archive(layout, library, docs, annotationStore, search, entityStore, lock, repairs, changes);
      archive.savedFlags = stores.flags.ids;
      archive.startIndex = stores.startIndex;
      archive.flagNotices.push(...stores.flags.notices);
      if (options.writable) await archive.applyTrashRetention();
      // What was waiting for OCR when the archive last closed is read now, in the background.
      archive.ocr?.resume(library.withOcrState());
      return archive;
    } catch (error) {
      return openFailed(stores.lock, error);
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
    await this.checks.check(this.meta(id));
    const meta = this.meta(id);
    const checkedBlocks = this.checks.repaired(id);
    const [text, blocks] = await Promise.all([this.docs.readText(id), checkedBlocks ?? this.docs.readBlocks(id)]);
    return { meta, text, blocks };
  }

  /**
   * Imports one file. Never throws for a bad file: the outcome names the reason, and
   * nothing is stored unless all of it is stored durably.
   */
  importFile(source: ImportSource): Promise<ImportOutcome> {
    return this.imports.importFile(source);
  }

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

  /** Waits for imports under way, saves the search index, and always frees the lock. */
  async close(): Promise<void> {
    this.startIndex();
    try {
      await this.imports.underWay();
      // Documents still waiting stay queued in their metadata and are read at the next open.
      await this.ocr?.stop();
      await parsePool.releaseIdle();
      // Every step runs even when one fails (a read-only disk fails the flags' save): a search
      // index left open would fire its pending save later and write into a closed archive.
      const steps: Array<() => Promise<void>> = [
        async () => { if (this.lock) await saveFlags(this.layout, this.search, this.savedFlags); },
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
}
