import { z } from 'zod';
import { APP_ANNOTATION_FILE_MB } from './limits';
import {
  ANNOTATION_KINDS,
  DOC_TYPES,
  HIGHLIGHT_COLORS,
  IMPORT_LIMIT_RANGE,
  TRASH_RETENTION_RANGE,
  OCR_LANGUAGES_PATTERN,
  LAYER_NAME_PATTERN,
  GOLD_LAYER,
  type OcrProgress,
  type Annotation,
  type AnnotationImportReport,
  type Collection,
  type Entity,
  type EntitySummary,
  type Label,
  type RelationType,
  type RelationInContext,
  type MentionInContext,
  type Occurrence,
  type PdfSourceMap,
  type SavedSearch,
  type Suggestion,
  type SearchResult,
  type DocumentContent,
  type DocumentMeta,
  type ImportOutcome,
  type LibraryEntry,
  type LibraryTable,
  type ImportProgress,
  type RichDoc,
  type Settings,
  type InboxEvent,
  type InboxStatus,
  type Rule,
  type RulePreviewEntry,
  type TrashedDocument,
  type RepairEntry,
  SYNC_INTERVAL_RANGE,
  type TeamConflict,
  type TeamProgress,
  type TeamStatus,
  type TeamSyncSummary,
} from '../model';
import { EXPORT_FORMATS } from '../export/types';
import type { AgreementReport } from '../agreement';
import { richDocSchema } from './rich-text-schema';
import { inboxSettingsSchema, newRuleSchema } from './rule-schema';
import type { EventName, Method } from './names';

/**
 * The one contract between UI and core. Every transport (Electron IPC, the loopback HTTP
 * bridge, the in-process CLI) is derived from the keys below; inputs are validated
 * against these schemas where they enter main.
 */

/** Phantom marker for an output type: carries the type, holds nothing at run time. */
const returns = <T>() => ({}) as T;

const docId = z.string().regex(/^[a-z0-9]{6,32}$/, 'not a document id');
const fileName = z.string().min(1).max(1024);
const annotationId = z.string().regex(/^[a-z0-9]{6,32}$/, 'not an annotation id');
const offset = z.number().int().nonnegative().max(2 ** 31);
const color = z.enum(HIGHLIGHT_COLORS);
const label = z.string().trim().min(1).max(64);
const labelId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a label id is letters, digits, _ or -');
const labelSchema = z.object({ id: labelId, name: z.string().trim().min(1).max(60), color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb') }).strict();
const relationTypeSchema = z
  .object({
    id: labelId,
    name: z.string().trim().min(1).max(60),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb'),
    fromLabels: z.array(labelId).max(50),
    toLabels: z.array(labelId).max(50),
    directed: z.boolean(),
  })
  .strict();
const shortId = z.string().regex(/^[a-z0-9]{6,32}$/, 'not an id');
const name = z.string().trim().min(1, 'name must not be empty').max(200);
const tag = z.string().trim().min(1).max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const ocrLanguages = z.string().regex(OCR_LANGUAGES_PATTERN, 'OCR languages are codes joined by +, e.g. chi_sim+eng');
/** an annotator's layer name (layers.ts) */
const layerName = z.string().trim().regex(LAYER_NAME_PATTERN, 'a layer name is letters, digits, space, . _ @ or -, at most 64');
const runId = z.string().min(8).max(64).regex(/^[\w-]+$/);
const searchFilters = z
  .object({
    type: z.array(z.enum(DOC_TYPES)).max(10).optional(),
    tags: z.array(tag).max(50).optional(),
    collections: z.array(shortId).max(50).optional(),
    entities: z.array(shortId).max(50).optional(),
    language: z.array(z.string().max(20)).max(20).optional(),
    dateFrom: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
    dateTo: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
    hasAnnotations: z.boolean().optional(),
  })
  .strict();
const finite = z.number().finite().min(-1e7).max(1e7);
/** Where an annotation stands on PDF pages: rectangles in PDF points, at most 200 in all. */
const geometry = z
  .array(
    z
      .object({
        page: z.number().int().min(1).max(100_000),
        rects: z.array(z.tuple([finite, finite, finite, finite]).refine(([x0, y0, x1, y1]) => x0 <= x1 && y0 <= y1, 'a rectangle is [x0, y0, x1, y1] with x0 ≤ x1 and y0 ≤ y1')).max(200),
      })
      .strict(),
  )
  .min(1)
  .max(200)
  .refine((pages) => pages.reduce((n, p) => n + p.rects.length, 0) <= 200, 'at most 200 rectangles');
/** An area annotation marks one rectangle on one page. */
const areaShape = (a: { kind: string; start: number; end: number; geometry?: { rects: unknown[] }[] | undefined }): boolean =>
  a.kind === 'area' ? a.geometry?.length === 1 && a.geometry[0]!.rects.length === 1 : a.kind === 'relation' || a.end > a.start;
const AREA_MESSAGE = 'end must be after start; an area annotation needs geometry with one page and one rectangle (and may be empty: start = end)';

/** An annotation as the core answered it, sent back by undo. */
const storedAnnotation = z
  .object({
    id: annotationId,
    docId: docId,
    kind: z.enum(ANNOTATION_KINDS),
    target: z.object({ start: offset, end: offset, quote: z.string().max(1_000_000), prefix: z.string().max(1000), suffix: z.string().max(1000) }).strict(),
    color: color.optional(),
    label: label.optional(),
    entityId: z.string().max(64).optional(),
    comment: richDocSchema.nullable().optional(),
    geometry: geometry.optional(),
    from: annotationId.optional(),
    to: annotationId.optional(),
    type: labelId.optional(),
    author: z.string().max(100).optional(),
    orphan: z.object({ reason: z.string().max(1000), since: z.string().max(64) }).strict().optional(),
    review: z.object({ oldQuote: z.string().max(1_000_000), newQuote: z.string().max(1_000_000), entityId: z.string().max(64).optional(), since: z.string().max(64) }).strict().optional(),
    createdAt: z.string().max(64),
    updatedAt: z.string().max(64),
  })
  .strict();
const storedEntity = z
  .object({ id: shortId, label: labelId, name: name, aliases: z.array(name).max(100), createdAt: z.string().max(64), updatedAt: z.string().max(64) })
  .strict();
const docIds = z.array(docId).min(1).max(100_000);
/** 64 MiB of bytes as base64: a single file larger than that is imported by path (CLI, desktop dialog). */
const MAX_BASE64 = Math.ceil((64 * 1024 * 1024) / 3) * 4;

export const methods = {
  'app.info': {
    input: z.object({}).strict(),
    output: returns<AppInfo>(),
  },
  /** Every document's metadata, without `checks` (the core's own file checksums). */
  'library.list': {
    input: z.object({}).strict(),
    output: returns<LibraryEntry[]>(),
  },
  /**
   * The library as the library view loads it: its table's columns, one array each (issue #19;
   * LibraryTable says why). The details dialog fetches the rest (document.meta).
   */
  'library.table': {
    input: z.object({}).strict(),
    output: returns<LibraryTable>(),
  },
  /** One document's metadata as library.list lists it, without its text. */
  'document.meta': {
    input: z.object({ id: docId }).strict(),
    output: returns<LibraryEntry>(),
  },
  'document.get': {
    input: z.object({ id: docId }).strict(),
    output: returns<DocumentContent>(),
  },
  /**
   * A PDF's source map (text offsets ↔ page, text item, character); null for other
   * documents. Built and stored on first call for a PDF imported before maps existed.
   */
  'pdf.map': {
    input: z.object({ id: docId }).strict(),
    output: returns<PdfSourceMap | null>(),
  },
  /** Edits metadata; null clears date, author or language. */
  'document.update': {
    input: z
      .object({
        id: docId,
        title: z.string().trim().min(1, 'title must not be empty').max(500).optional(),
        date: isoDate.nullable().optional(),
        author: z.string().trim().max(300).nullable().optional(),
        language: z.string().trim().max(20).nullable().optional(),
        tags: z.array(tag).max(200).optional(),
      })
      .strict(),
    output: returns<DocumentMeta>(),
  },
  /** Bulk tagging from the library. */
  'documents.tag': {
    input: z
      .object({ ids: z.array(docId).min(1).max(100_000), add: z.array(tag).max(50).default([]), remove: z.array(tag).max(50).default([]) })
      .strict(),
    output: returns<DocumentMeta[]>(),
  },
  /** Moves documents to the trash with everything they carry; answers their trash entries. */
  'documents.delete': {
    input: z.object({ ids: docIds }).strict(),
    output: returns<TrashedDocument[]>(),
  },
  'trash.list': {
    input: z.object({}).strict(),
    output: returns<TrashedDocument[]>(),
  },
  'trash.restore': {
    input: z.object({ ids: docIds }).strict(),
    output: returns<DocumentMeta[]>(),
  },
  /** Removes documents from the trash for good: these, or all without ids. */
  'trash.empty': {
    input: z.object({ ids: docIds.optional() }).strict(),
    output: returns<{ removed: number }>(),
  },
  'tags.list': {
    input: z.object({}).strict(),
    output: returns<{ tag: string; count: number }[]>(),
  },
  'collections.list': {
    input: z.object({}).strict(),
    output: returns<Collection[]>(),
  },
  'collections.create': {
    input: z.object({ name: name }).strict(),
    output: returns<Collection>(),
  },
  'collections.rename': {
    input: z.object({ id: shortId, name: name }).strict(),
    output: returns<Collection>(),
  },
  'collections.delete': {
    input: z.object({ id: shortId }).strict(),
    output: returns<void>(),
  },
  'collections.assign': {
    input: z.object({ ids: z.array(docId).min(1).max(100_000), collectionId: shortId, member: z.boolean() }).strict(),
    output: returns<DocumentMeta[]>(),
  },
  'search.query': {
    input: z
      .object({
        query: z.string().max(1000),
        filters: searchFilters.optional(),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).max(100_000).default(0),
      })
      .strict(),
    output: returns<SearchResult>(),
  },
  /** Every hit of a query in one document, for next/previous in the reader. */
  'search.hits': {
    input: z.object({ docId: docId, query: z.string().max(1000) }).strict(),
    output: returns<[number, number][]>(),
  },
  'searches.list': {
    input: z.object({}).strict(),
    output: returns<SavedSearch[]>(),
  },
  'searches.save': {
    input: z.object({ name: name, query: z.string().max(1000), filters: searchFilters.optional() }).strict(),
    output: returns<SavedSearch>(),
  },
  'searches.delete': {
    input: z.object({ id: shortId }).strict(),
    output: returns<void>(),
  },
  /** Import files whose bytes the UI already holds (file picker, drag and drop). */
  'import.files': {
    input: z
      .object({
        /** names the run in progress events, so that import.cancel can stop it */
        runId: runId.optional(),
        files: z
          .array(
            z
              .object({
                name: fileName,
                data: z.base64().max(MAX_BASE64, 'file larger than 64 MiB'),
                /** store as a new version of this document (after a 'version-candidate' outcome) */
                asVersionOf: docId.optional(),
                /** store as a new document even if it looks like a version of a known one */
                separate: z.boolean().optional(),
                password: z.string().max(1024).optional(),
              })
              .strict(),
          )
          .min(1)
          .max(500),
      })
      .strict(),
    output: returns<ImportOutcome[]>(),
  },
  /** Ask the shell for files or a folder to import; only the desktop shell has a native dialog. */
  'import.dialog': {
    input: z.object({ folder: z.boolean().default(false), runId: runId.optional() }).strict(),
    output: returns<ImportOutcome[]>(),
  },
  /** Stops an import run after the file in progress; what was stored stays. */
  'import.cancel': {
    input: z.object({ runId: runId }).strict(),
    output: returns<{ cancelled: boolean }>(),
  },
  'annotations.list': {
    input: z.object({ docId: docId }).strict(),
    output: returns<Annotation[]>(),
  },
  /** The core takes quote, prefix and suffix from the stored text: the client sends offsets only. */
  'annotations.create': {
    input: z
      .object({
        docId: docId,
        kind: z.enum(ANNOTATION_KINDS),
        start: offset,
        end: offset,
        color: color.optional(),
        label: label.optional(),
        entityId: z.string().max(64).optional(),
        comment: richDocSchema.nullable().optional(),
        /** on PDFs: where it stands on the pages (cached for the page view); required for `area` */
        geometry: geometry.optional(),
      })
      .strict()
      .refine((a) => a.end >= a.start && areaShape(a), AREA_MESSAGE),
    output: returns<Annotation>(),
  },
  'annotations.update': {
    input: z
      .object({ docId: docId, id: annotationId, color: color.optional(), label: label.optional(), comment: richDocSchema.nullable().optional() })
      .strict(),
    output: returns<Annotation>(),
  },
  /** Deletes an annotation and answers it, so that undo can restore it exactly; deleting a mention deletes its relations too (returned in `relations`, for undo). */
  'annotations.delete': {
    input: z.object({ docId: docId, id: annotationId }).strict(),
    output: returns<Annotation & { relations?: Annotation[] }>(),
  },
  'annotations.restore': {
    input: z
      .object({
        docId: docId,
        annotation: storedAnnotation.refine((a) => areaShape({ kind: a.kind, start: a.target.start, end: a.target.end, geometry: a.geometry }), AREA_MESSAGE),
      })
      .strict(),
    output: returns<Annotation>(),
  },
  /** Puts an annotation (typically an orphan) on a new range of the current text. */
  'annotations.place': {
    input: z
      .object({ docId: docId, id: annotationId, start: offset, end: offset })
      .strict()
      .refine((a) => a.end > a.start, 'end must be after start'),
    output: returns<Annotation>(),
  },
  'note.get': {
    input: z.object({ docId: docId }).strict(),
    output: returns<{ note: RichDoc | null; updatedAt: string | null }>(),
  },
  'note.set': {
    input: z.object({ docId: docId, note: richDocSchema.nullable() }).strict(),
    output: returns<{ updatedAt: string }>(),
  },
  'rules.list': {
    input: z.object({}).strict(),
    output: returns<Rule[]>(),
  },
  /** Replaces the rule list (order is the order they apply in); a pattern that does not compile refuses the save, naming the rule. */
  'rules.save': {
    input: z.object({ rules: z.array(newRuleSchema).max(200) }).strict(),
    output: returns<Rule[]>(),
  },
  /** Which documents the rules would change, and how; nothing is written. */
  'rules.preview': {
    input: z.object({}).strict(),
    output: returns<RulePreviewEntry[]>(),
  },
  /** Applies the preview to the library in one write; answers what changed. */
  'rules.apply': {
    input: z.object({}).strict(),
    output: returns<RulePreviewEntry[]>(),
  },
  'inbox.status': {
    input: z.object({}).strict(),
    output: returns<InboxStatus>(),
  },
  /** Names the inbox folder (empty: none) and what happens to imported files; the watcher restarts at once. */
  'inbox.set': {
    input: inboxSettingsSchema,
    output: returns<InboxStatus>(),
  },
  'settings.get': {
    input: z.object({}).strict(),
    output: returns<Settings>(),
  },
  'settings.update': {
    input: z
      .object({
        colors: z
          .array(z.object({ color, name: z.string().trim().min(1).max(60) }).strict())
          .length(HIGHLIGHT_COLORS.length)
          .refine((list) => new Set(list.map((c) => c.color)).size === list.length, 'each colour once')
          .optional(),
        importLimits: z
          .object({
            maxFileMb: z.number().int().min(IMPORT_LIMIT_RANGE.maxFileMb[0]).max(IMPORT_LIMIT_RANGE.maxFileMb[1]),
            timeoutSeconds: z.number().int().min(IMPORT_LIMIT_RANGE.timeoutSeconds[0]).max(IMPORT_LIMIT_RANGE.timeoutSeconds[1]),
          })
          .strict()
          .optional(),
        /** null: never empty the trash by age */
        trashRetentionDays: z.number().int().min(TRASH_RETENTION_RANGE[0]).max(TRASH_RETENTION_RANGE[1]).nullable().optional(),
        ocr: z.object({ mode: z.enum(['auto', 'off']), languages: ocrLanguages }).strict().optional(),
        /** Settings → Team: the user's name, the author of their annotations (their layer); empty clears it */
        team: z
          .object({ user: z.union([layerName.refine((n) => n !== GOLD_LAYER, `"${GOLD_LAYER}" is the reviewed layer's name: choose another`), z.literal('')]).optional() })
          .strict()
          .optional(),
      })
      .strict(),
    output: returns<Settings>(),
  },
  'labels.list': {
    input: z.object({}).strict(),
    output: returns<Label[]>(),
  },
  /** Saves the label set (add, rename, recolour, reorder). Removing a label in use goes through labels.delete. */
  'labels.save': {
    input: z.object({ labels: z.array(labelSchema).min(1).max(50) }).strict(),
    output: returns<Label[]>(),
  },
  /** The relation types (stored with the label set in settings). */
  'relationTypes.list': {
    input: z.object({}).strict(),
    output: returns<RelationType[]>(),
  },
  'relationTypes.save': {
    input: z.object({ relationTypes: z.array(relationTypeSchema).max(50) }).strict(),
    output: returns<RelationType[]>(),
  },
  /** A relation between two entity mentions of a document; deleted with annotations.delete (and with either mention). */
  'relations.create': {
    input: z.object({ docId: docId, from: shortId, to: shortId, type: labelId }).strict().refine((r) => r.from !== r.to, 'a relation joins two different mentions'),
    output: returns<Annotation>(),
  },
  'labels.delete': {
    input: z
      .object({ id: labelId, mentions: z.enum(['delete', 'relabel']), to: labelId.optional() })
      .strict()
      .refine((d) => d.mentions === 'delete' || d.to, 'say which label the mentions move to'),
    output: returns<Label[]>(),
  },
  'entities.list': {
    input: z.object({ label: labelId.optional(), query: z.string().max(200).optional() }).strict(),
    output: returns<EntitySummary[]>(),
  },
  /** An entity and every mention of it, in context, across the archive. */
  'entities.get': {
    input: z.object({ id: shortId }).strict(),
    output: returns<{ entity: Entity; mentions: MentionInContext[]; relations: RelationInContext[] }>(),
  },
  'entities.update': {
    input: z.object({ id: shortId, name: name.optional(), aliases: z.array(name).max(100).optional() }).strict(),
    output: returns<Entity>(),
  },
  /** Merges `ids` into `into`: mentions move over, names become aliases. */
  'entities.merge': {
    input: z.object({ into: shortId, ids: z.array(shortId).min(1).max(1000) }).strict(),
    output: returns<Entity>(),
  },
  /**
   * Deletes an entity from the registry; its mentions are removed, or kept with their label
   * and no entity (unlinked), as the user chose. Answers what undo needs.
   */
  'entities.delete': {
    input: z.object({ id: shortId, mentions: z.enum(['remove', 'unlink']) }).strict(),
    output: returns<EntityDeletion>(),
  },
  /** Undoes entities.delete: the entity comes back and its mentions as they were. */
  'entities.restore': {
    input: z
      .object({ entity: storedEntity, mentions: z.array(z.object({ docId: docId, annotation: storedAnnotation }).strict()).max(100_000) })
      .strict(),
    output: returns<Entity>(),
  },
  'entities.split': {
    input: z.object({ id: shortId, name: name, mentions: z.array(z.object({ docId: docId, annotationId: annotationId }).strict()).min(1).max(10_000) }).strict(),
    output: returns<Entity>(),
  },
  /** Tags a selection (snapped to whole words) and links it to the entity of that name, creating it when new. */
  'mentions.create': {
    input: z
      .object({ docId: docId, start: offset, end: offset, label: labelId, entityId: shortId.optional(), exact: z.boolean().optional() })
      .strict()
      .refine((a) => a.end > a.start, 'end must be after start'),
    output: returns<{ annotation: Annotation; entity: Entity }>(),
  },
  'mentions.relabel': {
    input: z.object({ docId: docId, annotationId: annotationId, label: labelId }).strict(),
    output: returns<{ annotation: Annotation; entity: Entity }>(),
  },
  /** The untagged occurrences of a mention's text: the preview for tag-all. */
  /** A mention marked for review after a new version: it still means its entity; back in it. */
  'mentions.confirm': {
    input: z.object({ docId: docId, annotationId: annotationId }).strict(),
    output: returns<Annotation>(),
  },
  'mentions.findAll': {
    input: z.object({ docId: docId, annotationId: annotationId, scope: z.enum(['document', 'archive']), caseSensitive: z.boolean().default(false) }).strict(),
    output: returns<Occurrence[]>(),
  },
  'mentions.tagAll': {
    input: z
      .object({ label: labelId, entityId: shortId, items: z.array(z.object({ docId: docId, start: offset, end: offset }).strict()).min(1).max(100_000) })
      .strict(),
    output: returns<{ created: number }>(),
  },
  'suggestions.list': {
    input: z.object({ docId: docId }).strict(),
    output: returns<Suggestion[]>(),
  },
  /** Remembers, for this document, not to suggest this name with this label again. */
  'suggestions.reject': {
    input: z.object({ docId: docId, label: labelId, text: z.string().min(1).max(1000) }).strict(),
    output: returns<void>(),
  },
  /** An export as one download: a single file for one document in a one-file format, else a zip. */
  'export.bundle': {
    /** layer: only that layer's annotations (an annotator's, gold); absent: every layer */
    input: z.object({ format: z.enum(EXPORT_FORMATS), ids: z.array(docId).min(1).max(100_000).optional(), layer: layerName.optional() }).strict(),
    output: returns<{ name: string; mime: string; data: string; documents: number; notices: string[] }>(),
  },
  /** Annotations from brat .ann (+ its .txt), doccano .jsonl, CoNLL, Label Studio or W3C .json: into the document holding their text, else a new one storing it as given. */
  'annotations.import': {
    input: z
      .object({
        files: z
          .array(
            z
              .object({ name: fileName, content: z.string() })
              .strict()
              .superRefine(({ name, content }, ctx) => {
                if (content.length > APP_ANNOTATION_FILE_MB * 1048576) ctx.addIssue({ code: 'custom', message: `${name}: more than an annotation file may be in the app (the limit is ${APP_ANNOTATION_FILE_MB} MB)` });
              }),
          )
          .min(1)
          .max(1000),
        /** the layer they go into (an annotator's exported file); absent: the user's */
        layer: layerName.optional(),
      })
      .strict(),
    output: returns<AnnotationImportReport[]>(),
  },
  /** Layers (#18): the user's own layer name and the layers in these documents (all when absent), own first, gold last. */
  'layers.list': {
    input: z.object({ ids: z.array(docId).min(1).max(100_000).optional() }).strict(),
    /**
     * working: the layer new annotations go into for now (gold while a reviewer edits it), else null;
     * goldWritable: whether the user may curate gold (not a signed-in annotator: the core refuses them)
     */
    output: returns<{ user: string; layers: string[]; working: string | null; goldWritable: boolean }>(),
  },
  /** Makes new annotations of this session go into the gold layer (a reviewer editing gold in the reader), or back to the user's own (null). */
  'layers.work': {
    input: z.object({ layer: z.literal(GOLD_LAYER).nullable() }).strict(),
    output: returns<{ working: string | null }>(),
  },
  /** Agreement between layers (κ, α, span F1), per document and per label; layers default to all but gold. */
  'agreement.compute': {
    input: z.object({ ids: z.array(docId).min(1).max(100_000).optional(), layers: z.array(layerName).min(2).max(50).optional() }).strict(),
    output: returns<AgreementReport>(),
  },
  /**
   * The reviewer's choice: copies annotations into the gold layer (a mention replaces the gold ones it overlaps;
   * a relation joins gold's mentions at its ends, or brings its own). Answers the copies made and the gold annotations replaced (undo).
   */
  'curation.accept': {
    input: z.object({ docId: docId, annotationIds: z.array(annotationId).min(1).max(10_000) }).strict(),
    output: returns<{ made: Annotation[]; replaced: Annotation[] }>(),
  },
  /** Files the archive set aside, rebuilt or restored, until dismissed (the Repairs view). */
  'repairs.list': {
    input: z.object({}).strict(),
    output: returns<RepairEntry[]>(),
  },
  'repairs.dismiss': {
    input: z.object({ id: shortId }).strict(),
    output: returns<void>(),
  },
  /** Puts the repair's newest good copy back without losing what was written since, and dismisses it. */
  'repairs.restore': {
    input: z.object({ id: shortId }).strict(),
    output: returns<{ restored: number }>(),
  },
  /** Reads a PDF's pages by OCR in the background: those without usable text (auto) or every page (force). */
  'ocr.run': {
    input: z.object({ id: docId, mode: z.enum(['auto', 'force']).default('auto'), languages: ocrLanguages.optional() }).strict(),
    output: returns<{ queued: true }>(),
  },
  /** The OCR languages installed, and the documents waiting for OCR. */
  'ocr.status': {
    input: z.object({}).strict(),
    output: returns<{ installed: string[]; pending: string[] }>(),
  },
  /** Stops OCR after the page under way; the documents that were waiting say they were cancelled. */
  'ocr.cancel': {
    input: z.object({}).strict(),
    output: returns<{ cancelled: number }>(),
  },
  // The team server (issue #18): Settings → Team and the Sync conflicts list.
  'team.status': {
    input: z.object({}).strict(),
    output: returns<TeamStatus>(),
  },
  /** Signs this archive in; the token is kept with the archive. */
  'team.signIn': {
    input: z
      .object({
        server: z.string().trim().url('a server address, e.g. https://archive.example.org').max(500).refine((u) => /^https?:\/\//.test(u), 'http:// or https://'),
        user: z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a user name is letters, digits, . _ or -'),
        password: z.string().min(1).max(1000),
      })
      .strict(),
    output: returns<TeamStatus>(),
  },
  'team.signOut': {
    input: z.object({}).strict(),
    output: returns<TeamStatus>(),
  },
  /** Syncs now (progress comes as team.progress events); a sync already under way is joined. */
  'team.sync': {
    input: z.object({}).strict(),
    output: returns<TeamSyncSummary>(),
  },
  'team.setInterval': {
    input: z.object({ minutes: z.number().int().min(SYNC_INTERVAL_RANGE[0]).max(SYNC_INTERVAL_RANGE[1]) }).strict(),
    output: returns<TeamStatus>(),
  },
  'team.conflicts': {
    input: z.object({}).strict(),
    output: returns<TeamConflict[]>(),
  },
  /** kept: the archive's value stays; other: the other value replaces it and goes to the server with the next sync. */
  'team.resolve': {
    input: z.object({ id: z.string().uuid(), use: z.enum(['kept', 'other']) }).strict(),
    output: returns<TeamConflict[]>(),
  },
} as const satisfies { [M in Method]: { input: z.ZodType; output: unknown } };

export const events = {
  'import.progress': returns<ImportProgress>(),
  /** the inbox's state changed, or it handled a file (latest) */
  'inbox.status': returns<InboxStatus & { latest?: InboxEvent }>(),
  'library.changed': returns<{ ids: string[] }>(),
  'ocr.progress': returns<OcrProgress>(),
  'team.progress': returns<TeamProgress>(),
} as const satisfies { [E in EventName]: unknown };

export interface AppInfo {
  version: string;
  shell: 'electron' | 'browser';
  archiveDir: string;
  /** one line for the user when the store had to recover, e.g. restored from backup */
  notices: string[];
}

/** What entities.delete changed: the entity and each mention as it was before, for undo. */
export interface EntityDeletion {
  entity: Entity;
  mentions: { docId: string; annotation: Annotation }[];
}

export type Methods = typeof methods;
export type Input<M extends Method> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Methods[M]['input']>;
export type Output<M extends Method> = Methods[M]['output'];
export type Events = typeof events;
export type EventPayload<E extends EventName> = Events[E];

/** What a shell registers: one handler per method, taking the validated input. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> };
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
