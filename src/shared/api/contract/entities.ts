/**
 * The contract's methods on named entities: the label set and relation types they are typed
 * by, the registry (merge, split, delete and its undo), mentions in documents, relations
 * between mentions, and suggestions.
 */
import { z } from 'zod';
import type { Annotation, Entity, EntitySummary, Label, MentionInContext, Occurrence, RelationInContext, RelationType, Suggestion } from '../../model';
import { storedAnnotation } from './annotations';
import { annotationId, docId, labelId, name, offset, returns, shortId, type ContractPart } from './fields';

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
const storedEntity = z
  .object({ id: shortId, label: labelId, name: name, aliases: z.array(name).max(100), createdAt: z.string().max(64), updatedAt: z.string().max(64) })
  .strict();

export const entityMethods = {
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
  /** A mention marked for review after a new version: it still means its entity; back in it. */
  'mentions.confirm': {
    input: z.object({ docId: docId, annotationId: annotationId }).strict(),
    output: returns<Annotation>(),
  },
  /** The untagged occurrences of a mention's text: the preview for tag-all. */
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
} as const satisfies ContractPart;

/** What entities.delete changed: the entity and each mention as it was before, for undo. */
export interface EntityDeletion {
  entity: Entity;
  mentions: { docId: string; annotation: Annotation }[];
}
