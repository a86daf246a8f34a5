import { z } from 'zod';
import { richDocSchema } from '../../../shared/api/rich-text-schema';
import type { RecordKind } from '../../../shared/model/team';
import { annotationSchema, blocksSchema, documentMetaSchema, entitySchema, labelSchema, relationTypeSchema, searchFiltersSchema } from '../store/schemas';

/** The archive's own ids (documents, annotations, entities): they name folders and files, so nothing else passes. */
const ARCHIVE_ID = /^[a-z0-9]{6,32}$/;
/** Collections, saved searches and the label set's one record. */
const OTHER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const sha = z.string().regex(/^[0-9a-f]{64}$/);

const contentSchemas: Record<RecordKind, z.ZodType> = {
  document: z.object({ meta: documentMetaSchema, blobs: z.object({ original: sha, text: sha, blocks: sha }) }),
  note: z.object({ note: richDocSchema.nullable(), noteUpdatedAt: z.string().max(40).optional() }),
  annotation: annotationSchema,
  collection: z.object({ id: z.string(), name: z.string().min(1).max(200) }),
  search: z.object({ id: z.string(), name: z.string().min(1).max(200), query: z.string().max(2000), filters: searchFiltersSchema.optional() }),
  labels: z.object({ labels: z.array(labelSchema).max(200), relationTypes: z.array(relationTypeSchema).max(200) }),
  entity: entitySchema,
};

/**
 * What a record from the server must be before this archive takes it in: the shape the
 * archive's own files must have, with an id that names only itself (a document id becomes a
 * folder name). The server keeps records whole and checks only who may write them, so a
 * desktop never trusts another desktop's JSON. Answers the content to apply, or why not.
 */
export function checkIncoming(kind: RecordKind, id: string, content: unknown): { ok: true; content: unknown } | { ok: false; reason: string } {
  const archiveId = kind === 'document' || kind === 'note' || kind === 'annotation' || kind === 'entity';
  if (!(archiveId ? ARCHIVE_ID : OTHER_ID).test(id)) return { ok: false, reason: `its id ${JSON.stringify(id.slice(0, 80))} is not one this archive uses` };
  const parsed = contentSchemas[kind].safeParse(content);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'content'}: ${i.message}`).join('; ') };
  const value = parsed.data as { id?: unknown; docId?: unknown; meta?: { id?: unknown } };
  const ownId = kind === 'document' ? value.meta?.id : kind === 'note' ? id : value.id;
  if (ownId !== id) return { ok: false, reason: `its content names another id (${JSON.stringify(String(ownId).slice(0, 80))})` };
  if (kind === 'annotation' && !(typeof value.docId === 'string' && ARCHIVE_ID.test(value.docId))) return { ok: false, reason: 'its document id is not one this archive uses' };
  return { ok: true, content: parsed.data };
}

/** A document's block list from the server: the archive's shape, every block inside its text. */
export function checkBlocks(json: string, textLength: number): z.infer<typeof blocksSchema> {
  const parsed = blocksSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`The server sent a block list that is not valid: ${parsed.error.issues[0]?.message ?? 'unknown shape'}.`);
  if (parsed.data.some((b) => b.start > b.end || b.end > textLength)) throw new Error('The server sent a block list that does not fit its text.');
  return parsed.data;
}
