import { z } from 'zod';
import { BLOCK_KINDS, DOC_TYPES, type Block, type DocumentMeta } from '../../../shared/model';

/** Shapes of the files on disk. A file that does not match is damaged, never silently reset. */

export const documentMetaSchema: z.ZodType<DocumentMeta> = z.object({
  id: z.string().regex(/^[a-z0-9]{6,32}$/),
  title: z.string(),
  type: z.enum(DOC_TYPES),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sourceName: z.string(),
  encoding: z.string(),
  textLength: z.number().int().nonnegative(),
  notices: z.array(z.string()).optional(),
  importedAt: z.string(),
  updatedAt: z.string(),
});

export interface LibraryFile {
  version: 1;
  documents: DocumentMeta[];
}

export const libraryFileSchema: z.ZodType<LibraryFile> = z.object({
  version: z.literal(1),
  documents: z.array(documentMetaSchema),
});

export const emptyLibrary = (): LibraryFile => ({ version: 1, documents: [] });

export const blocksSchema: z.ZodType<Block[]> = z.array(
  z.object({
    kind: z.enum(BLOCK_KINDS),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    level: z.number().int().positive().optional(),
  }),
);

/** A document's annotations file; the highlights issue fills in the annotation shape. */
export interface AnnotationsFile {
  version: 1;
  annotations: unknown[];
  note: unknown;
}

export const annotationsFileSchema: z.ZodType<AnnotationsFile> = z.object({
  version: z.literal(1),
  annotations: z.array(z.unknown()),
  note: z.unknown(),
});

export const emptyAnnotations = (): AnnotationsFile => ({ version: 1, annotations: [], note: null });
