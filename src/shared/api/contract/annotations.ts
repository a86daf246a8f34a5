/**
 * The contract's methods on a document's annotations and its note, with the schemas of an
 * annotation's geometry on PDF pages and of an annotation sent back whole (undo), which
 * entities.restore uses too.
 */
import { z } from 'zod';
import { ANNOTATION_KINDS, type Annotation, type RichDoc } from '../../model';
import { richDocSchema } from '../rich-text-schema';
import { annotationId, color, docId, label, labelId, offset, returns, type ContractPart } from './fields';

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
export const storedAnnotation = z
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

export const annotationMethods = {
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
} as const satisfies ContractPart;
