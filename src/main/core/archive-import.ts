/**
 * Importing a file into the archive: the checks before (type, size, duplicate, version
 * candidate), the parse, the filing rules, the durable store and its listing, and a new version
 * of a known document (also what OCR's text is stored as). Apart from archive.ts because it is
 * the archive's one long path, and the one the import rate (issue #19) is measured on.
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { type DocumentMeta, type ImportLimits, type ImportOutcome, type OcrSettings, type OcrState, isPaged } from '../../shared/model';
import type { AnnotationService } from './annotations/annotation-service';
import type { AnnotationStore } from './annotations/annotation-store';
import { describeFsError, diskFailureSentence } from './fs-errors';
import { newId } from './ids';
import { analyseFile, type AnalysedFile } from './importers/analyse';
import { parsePool, type StagedFile } from './importers/parse-pool';
import { importerFor, importers } from './importers/registry';
import { ImportError, type ImportedComment } from './importers/types';
import type { OcrQueue } from './ocr/ocr-queue';
import { RuleService } from './rules/rule-service';
import type { SearchService } from './search/search-service';
import { documentChecks } from './store/doc-checks';
import type { DocStore, NewDocument } from './store/doc-store';
import type { LibraryStore } from './store/library-store';
import { newDocumentMeta, optional, type MetaBase } from './store/new-meta';
import { reanchorAnnotations } from './versions';

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

/** What an import reads and writes: the archive's stores and services, and its settings. */
export interface ImportDeps {
  library: LibraryStore;
  docs: DocStore;
  annotationStore: AnnotationStore;
  annotations: AnnotationService;
  search: SearchService;
  rules: RuleService;
  ocr: OcrQueue | null;
  importLimits: (overrides?: Partial<ImportLimits>) => ImportLimits;
  ocrSettings: () => OcrSettings;
  /** one listed document's metadata; not_found when it is not listed */
  meta: (id: string) => DocumentMeta;
}

/** The archive's imports (Archive.importFile), and new versions of its documents. */
export class ArchiveImport {
  /** imports under way, by SHA-256 of their bytes (several files are imported at once) */
  private readonly importing = new Map<string, Promise<ImportOutcome>>();
  private readonly library: LibraryStore;
  private readonly docs: DocStore;
  private readonly annotationStore: AnnotationStore;
  private readonly annotations: AnnotationService;
  private readonly search: SearchService;
  private readonly rules: RuleService;
  private readonly ocr: OcrQueue | null;
  private readonly importLimits: ImportDeps['importLimits'];
  private readonly ocrSettings: ImportDeps['ocrSettings'];
  private readonly meta: ImportDeps['meta'];

  constructor(deps: ImportDeps) {
    this.library = deps.library;
    this.docs = deps.docs;
    this.annotationStore = deps.annotationStore;
    this.annotations = deps.annotations;
    this.search = deps.search;
    this.rules = deps.rules;
    this.ocr = deps.ocr;
    this.importLimits = deps.importLimits;
    this.ocrSettings = deps.ocrSettings;
    this.meta = deps.meta;
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

  /** Settles once every import under way has ended (the archive closes). */
  async underWay(): Promise<void> {
    await Promise.allSettled([...this.importing.values()]);
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
    // meta.json (with the blocks) included: the main thread (which stores and indexes every file) writes none of it.
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
          // The worker's meta.json (with the blocks) stands unless the rules changed the metadata (or OCR is queued).
          await (staged ? this.docs.createStaged(meta, meta === firstMeta && !ocr) : this.docs.create(doc));
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

  /** A new version of a known document: same id, the user's title kept, annotations re-anchored. */
  async storeVersion(file: string, current: DocumentMeta, incoming: NewDocument): Promise<ImportOutcome> {
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

export function originalExt(name: string): string {
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
