import { z } from 'zod';
import { richDocSchema } from '../../../shared/api/rich-text-schema';
import { inboxSettingsSchema, ruleSchema } from '../../../shared/api/rule-schema';
import {
  ANNOTATION_KINDS,
  BLOCK_KINDS,
  DEFAULT_COLOR_MEANINGS,
  DOC_TYPES,
  HIGHLIGHT_COLORS,
  IMPORT_LIMIT_RANGE,
  TRASH_RETENTION_RANGE,
  OCR_LANGUAGES_PATTERN,
  type Annotation,
  type Block,
  type DocumentMeta,
  type RichDoc,
  type Collection,
  type Entity,
  type SavedSearch,
  type Settings,
  type TrashedDocument,
} from '../../../shared/model';

/** Shapes of the files on disk. A file that does not match is damaged, never silently reset. */

const documentMetaObject = z.object({
  id: z.string().regex(/^[a-z0-9]{6,32}$/),
  title: z.string(),
  type: z.enum(DOC_TYPES),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sourceName: z.string(),
  encoding: z.string(),
  textLength: z.number().int().nonnegative(),
  checks: z.object({ text: z.string().regex(/^[0-9a-f]{64}$/), blocks: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
  notices: z.array(z.string()).optional(),
  ocr: z
    .object({
      state: z.enum(['queued', 'done', 'failed']),
      languages: z.string().max(100),
      mode: z.enum(['auto', 'force']),
      pages: z.number().int().nonnegative().optional(),
      uncertain: z.number().min(0).max(1).optional(),
      reason: z.string().max(2000).optional(),
    })
    .optional(),
  version: z.number().int().positive().optional(),
  date: z.string().optional(),
  author: z.string().optional(),
  language: z.string().optional(),
  tags: z.array(z.string()).optional(),
  collections: z.array(z.string()).optional(),
  importedAt: z.string(),
  updatedAt: z.string(),
});
export const documentMetaSchema: z.ZodType<DocumentMeta> = documentMetaObject;

export const trashedDocumentSchema: z.ZodType<TrashedDocument> = documentMetaObject.extend({ deletedAt: z.string(), annotationCount: z.number().int().nonnegative() });

export const labelSchema = z.object({ id: z.string().min(1).max(40), name: z.string().min(1).max(60), color: z.string().regex(/^#[0-9a-fA-F]{6}$/) });

export const relationTypeSchema = z.object({
  id: z.string().min(1).max(40),
  name: z.string().min(1).max(60),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  fromLabels: z.array(z.string()),
  toLabels: z.array(z.string()),
  directed: z.boolean(),
});

export const importLimitsSchema = z.object({
  maxFileMb: z.number().int().min(IMPORT_LIMIT_RANGE.maxFileMb[0]).max(IMPORT_LIMIT_RANGE.maxFileMb[1]),
  timeoutSeconds: z.number().int().min(IMPORT_LIMIT_RANGE.timeoutSeconds[0]).max(IMPORT_LIMIT_RANGE.timeoutSeconds[1]),
});

export const settingsSchema: z.ZodType<Settings> = z.object({
  colors: z.array(z.object({ color: z.enum(HIGHLIGHT_COLORS), name: z.string().max(60) })),
  labels: z.array(labelSchema).optional(),
  relationTypes: z.array(relationTypeSchema).optional(),
  importLimits: importLimitsSchema.optional(),
  rules: z.array(ruleSchema).optional(),
  inbox: inboxSettingsSchema.optional(),
  trashRetentionDays: z.number().int().min(TRASH_RETENTION_RANGE[0]).max(TRASH_RETENTION_RANGE[1]).optional(),
  ocr: z.object({ mode: z.enum(['auto', 'off']), languages: z.string().regex(OCR_LANGUAGES_PATTERN) }).optional(),
  // passthrough: the team server's own settings (server, sync interval) live beside the user's name
  team: z.object({ user: z.string().max(100).optional() }).passthrough().optional(),
});

export const defaultSettings = (): Settings => ({ colors: DEFAULT_COLOR_MEANINGS.map((c) => ({ ...c })) });

/**
 * library.json, and the library as the store holds it in memory. Version 1 kept every
 * document's metadata here (`documents`); from version 2 they live in library.bin and
 * library.log (library-compact.ts, library-log.ts: issue #19) and library.json holds only what
 * is small — settings, collections, saved searches, the trash. A version 1 file is migrated
 * at open. In memory `documents` is always the full list.
 */
export interface LibraryFile {
  version: 1 | 2;
  documents: DocumentMeta[];
  settings?: Settings;
  collections?: Collection[];
  savedSearches?: SavedSearch[];
  /** deleted documents, restorable until the trash is emptied; their folders are in trash/ */
  trash?: TrashedDocument[];
  /** from version 2: the last library.log line whose small parts this file holds (later lines are replayed over it) */
  logSeq?: number;
}

export const searchFiltersSchema = z.object({
  type: z.array(z.string().max(20)).max(20).optional(),
  tags: z.array(z.string().max(200)).max(100).optional(),
  collections: z.array(z.string().max(64)).max(100).optional(),
  entities: z.array(z.string().max(64)).max(100).optional(),
  language: z.array(z.string().max(20)).max(50).optional(),
  dateFrom: z.string().max(10).optional(),
  dateTo: z.string().max(10).optional(),
  hasAnnotations: z.boolean().optional(),
});

export const collectionsSchema = z.array(z.object({ id: z.string(), name: z.string() }));
export const savedSearchesSchema = z.array(z.object({ id: z.string(), name: z.string(), query: z.string(), filters: searchFiltersSchema.optional() }));
export const trashSchema = z.array(trashedDocumentSchema);

export const libraryFileSchema: z.ZodType<LibraryFile> = z.union([
  z.object({
    version: z.literal(1),
    documents: z.array(documentMetaSchema),
    settings: settingsSchema.optional(),
    collections: collectionsSchema.optional(),
    savedSearches: savedSearchesSchema.optional(),
    trash: trashSchema.optional(),
  }),
  z
    .object({
      version: z.literal(2),
      settings: settingsSchema.optional(),
      collections: collectionsSchema.optional(),
      savedSearches: savedSearchesSchema.optional(),
      trash: trashSchema.optional(),
      logSeq: z.number().int().nonnegative().optional(),
    })
    .transform((file): LibraryFile => ({ ...file, documents: [] })),
]) as unknown as z.ZodType<LibraryFile>;

/** library.json as written from version 2: everything but the documents. */
export const smallLibraryFile = (data: LibraryFile): Omit<LibraryFile, 'documents'> => {
  const { documents: _documents, ...small } = data;
  return { ...small, version: 2 };
};

export const emptyLibrary = (): LibraryFile => ({ version: 2, documents: [] });

export const blocksSchema: z.ZodType<Block[]> = z.array(
  z.object({
    kind: z.enum(BLOCK_KINDS),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    level: z.number().int().positive().optional(),
    page: z.number().int().positive().optional(),
  }),
);

export const annotationSchema: z.ZodType<Annotation> = z.object({
  id: z.string().regex(/^[a-z0-9]{6,32}$/),
  docId: z.string(),
  kind: z.enum(ANNOTATION_KINDS),
  target: z.object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    quote: z.string(),
    prefix: z.string(),
    suffix: z.string(),
  }),
  color: z.enum(HIGHLIGHT_COLORS).optional(),
  label: z.string().optional(),
  entityId: z.string().optional(),
  comment: richDocSchema.nullable().optional(),
  geometry: z.array(z.object({ page: z.number().int().positive(), rects: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])) })).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  type: z.string().optional(),
  author: z.string().optional(),
  attributes: z.record(z.string(), z.string()).optional(),
  links: z.array(z.object({ db: z.string(), id: z.string(), name: z.string().optional() })).optional(),
  orphan: z.object({ reason: z.string(), since: z.string() }).optional(),
  review: z.object({ oldQuote: z.string(), newQuote: z.string(), entityId: z.string().optional(), since: z.string() }).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A document's annotations and its note: one small file per document, so a save costs the same at any archive size. */
export interface AnnotationsFile {
  version: 1;
  annotations: Annotation[];
  note: RichDoc | null;
  noteUpdatedAt?: string;
  /** entity suggestions the user rejected in this document, as "LABEL|folded text" */
  rejected?: string[];
}

export const annotationsFileSchema: z.ZodType<AnnotationsFile> = z.object({
  version: z.literal(1),
  annotations: z.array(annotationSchema),
  note: richDocSchema.nullable(),
  noteUpdatedAt: z.string().optional(),
  rejected: z.array(z.string()).optional(),
});

export interface EntitiesFile {
  version: 1;
  entities: Entity[];
}

export const entitySchema = z.object({
  id: z.string().regex(/^[a-z0-9]{6,32}$/),
  label: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const entitiesFileSchema: z.ZodType<EntitiesFile> = z.object({
  version: z.literal(1),
  entities: z.array(entitySchema),
});

export const emptyAnnotations = (): AnnotationsFile => ({ version: 1, annotations: [], note: null });
