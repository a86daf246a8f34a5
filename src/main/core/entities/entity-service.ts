import { ApiError } from '../../../shared/api';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES, type Annotation, type Entity, type EntitySummary, type Label, type MentionInContext, type RelationInContext } from '../../../shared/model';
import { relationProblems } from '../../../shared/relations/relation-check';
import { foldName, snapToWords } from '../../../shared/text/words';
import type { AnnotationService } from '../annotations/annotation-service';
import { newId } from '../ids';
import type { Catalog } from '../catalog';
import type { EntityStore } from './entity-store';
import { MentionIndex } from './mention-index';
import { rejectionKey, suggest, type Suggestion } from './suggest';
import { findAll, type Occurrence } from './tag-all';

export interface EntityDeps {
  store: EntityStore;
  annotations: AnnotationService;
  catalog: Catalog;
  docIds: () => string[];
  /** the documents that have annotations (the only ones that can mention an entity) */
  annotatedIds: () => Promise<ReadonlySet<string>>;
  title: (docId: string) => string;
  readText: (docId: string) => Promise<string>;
}

export type LabelRemoval = { mentions: 'delete' } | { mentions: 'relabel'; to: string };

/**
 * Entity work over the archive: the label set, the registry (match or create on tagging,
 * rename, aliases, merge, split), tag-all, and suggestions to accept or reject.
 */
export class EntityService {
  private index: Promise<MentionIndex> | null = null;

  constructor(private readonly deps: EntityDeps) {}

  /** Kept current by AnnotationService after every change; built on first use. */
  readonly onAnnotationsChanged = (docId: string, annotations: readonly Annotation[]): void => {
    void this.index?.then((index) => index.set(docId, annotations));
  };

  /** The entity of this label that goes by this name, created when new. */
  resolve(label: string, name: string): Promise<Entity> {
    this.assertLabel(label);
    return this.deps.store.resolve(label, name);
  }

  /** resolve for many mentions at once, in one write of the registry (annotation import). */
  resolveMany(pairs: readonly { label: string; name: string }[]): Promise<Entity[]> {
    for (const label of new Set(pairs.map((p) => p.label))) this.assertLabel(label);
    return this.deps.store.resolveMany(pairs);
  }

  /** The registry as it is (no counts). */
  registry(): readonly Entity[] {
    return this.deps.store.all();
  }

  labels(): Label[] {
    return this.deps.catalog.settings().labels ?? DEFAULT_LABELS;
  }

  async saveLabels(labels: Label[]): Promise<Label[]> {
    const ids = new Set(labels.map((l) => l.id));
    if (ids.size !== labels.length) throw new ApiError('invalid_input', 'Each label id may appear once.');
    const removed = this.labels().filter((l) => !ids.has(l.id));
    const inUse = this.deps.store.all().filter((e) => removed.some((l) => l.id === e.label));
    if (inUse.length) throw new ApiError('invalid_input', `The label ${inUse[0]!.label} is in use: delete it with labels.delete, saying what to do with its mentions.`);
    await this.deps.catalog.updateSettings((current) => ({ ...current, labels }));
    return labels;
  }

  /** Deletes a label; its mentions are deleted or moved to another label, as the user chose. */
  async deleteLabel(id: string, removal: LabelRemoval): Promise<Label[]> {
    const labels = this.labels();
    if (!labels.some((l) => l.id === id)) throw new ApiError('not_found', `No label ${id}.`);
    if (removal.mentions === 'relabel' && !labels.some((l) => l.id === removal.to && l.id !== id)) throw new ApiError('invalid_input', `No label ${removal.to} to move the mentions to.`);
    const affected = new Set(this.deps.store.all().filter((e) => e.label === id).map((e) => e.id));
    const index = await this.mentionIndex();
    const docs = new Set([...affected].flatMap((e) => index.docsOf(e)));
    await this.deps.annotations.assertWritable(docs, (a) => a.kind === 'entity' && a.label === id);
    for (const docId of docs) {
      await this.deps.annotations.edit(docId, (list) =>
        removal.mentions === 'delete'
          ? list.filter((a) => !(a.kind === 'entity' && a.label === id))
          : list.map((a) => (a.kind === 'entity' && a.label === id ? { ...a, label: removal.to, updatedAt: new Date().toISOString() } : a)),
      );
    }
    await this.deps.store.mutate((draft) => {
      draft.entities = removal.mentions === 'delete' ? draft.entities.filter((e) => e.label !== id) : draft.entities.map((e) => (e.label === id ? { ...e, label: removal.to } : e));
    });
    await this.deps.catalog.updateSettings((current) => ({ ...current, labels: labels.filter((l) => l.id !== id) }));
    return this.labels();
  }

  async list(filter: { label?: string; query?: string } = {}): Promise<EntitySummary[]> {
    const counts = (await this.mentionIndex()).counts();
    const query = filter.query ? foldName(filter.query) : '';
    return this.deps.store
      .all()
      .filter((e) => !filter.label || e.label === filter.label)
      .filter((e) => !query || [e.name, ...e.aliases].some((n) => foldName(n).includes(query)))
      .map((e) => ({ ...e, mentionCount: counts.get(e.id)?.mentions ?? 0, documentCount: counts.get(e.id)?.documents ?? 0 }))
      .sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name));
  }

  /** An entity, every mention of it in context across the archive, and the relations those mentions take part in. */
  async get(id: string): Promise<{ entity: Entity; mentions: MentionInContext[]; relations: RelationInContext[] }> {
    const entity = this.deps.store.get(id);
    const mentions: MentionInContext[] = [];
    const relations: RelationInContext[] = [];
    const types = this.deps.catalog.settings().relationTypes ?? DEFAULT_RELATION_TYPES;
    for (const docId of (await this.mentionIndex()).docsOf(id)) {
      const list = await this.deps.annotations.list(docId);
      const byId = new Map(list.map((a) => [a.id, a]));
      const title = this.deps.title(docId);
      for (const a of list) {
        if (a.entityId === id) mentions.push({ docId, title, annotationId: a.id, label: a.label ?? entity.label, ...a.target });
        if (a.kind !== 'relation' || !a.type) continue;
        for (const side of ['from', 'to'] as const) {
          const mine = byId.get(a[side] ?? '');
          const other = byId.get(a[side === 'from' ? 'to' : 'from'] ?? '');
          if (mine?.entityId !== id || !other) continue;
          const problems = relationProblems(a, byId.get(a.from ?? ''), byId.get(a.to ?? ''), types.find((t) => t.id === a.type));
          relations.push({ docId, title, relationId: a.id, type: a.type, side, quote: mine.target.quote, otherQuote: other.target.quote, otherLabel: other.label ?? '', otherAnnotationId: other.id, ...(other.entityId ? { otherEntityId: other.entityId } : {}), ...(problems.length ? { problems } : {}) });
        }
      }
    }
    return { entity, mentions: mentions.sort((a, b) => a.title.localeCompare(b.title) || a.start - b.start), relations };
  }

  /**
   * Tags a selection (snapped to whole words, unless `exact`: a suggestion's span is
   * already what it should be) and links it to the entity of that name, creating it when new.
   */
  async tag(docId: string, input: { start: number; end: number; label: string; entityId?: string; exact?: boolean }): Promise<{ annotation: Annotation; entity: Entity }> {
    this.assertLabel(input.label);
    const text = await this.deps.readText(docId);
    if (input.exact && input.end > text.length) throw new ApiError('invalid_input', `The span ends at ${input.end}, past the end of the text (${text.length}).`);
    const { start, end } = input.exact ? input : snapToWords(text, input.start, input.end);
    const entity = input.entityId ? this.deps.store.get(input.entityId) : await this.deps.store.resolve(input.label, text.slice(start, end));
    const annotation = await this.deps.annotations.create(docId, { kind: 'entity', start, end, label: input.label, entityId: entity.id });
    return { annotation, entity };
  }

  /**
   * Changes a mention's label: it then belongs to the entity of that name in the new label.
   * For a mention under review (its text changed in a new version) this is "retag": it joins
   * the entity its new text names, and the review ends.
   */
  async relabel(docId: string, annotationId: string, label: string): Promise<{ annotation: Annotation; entity: Entity }> {
    this.assertLabel(label);
    const mention = (await this.deps.annotations.list(docId)).find((a) => a.id === annotationId && a.kind === 'entity');
    if (!mention) throw new ApiError('not_found', `No entity mention ${annotationId} in this document.`);
    const entity = await this.deps.store.resolve(label, mention.target.quote);
    const annotation = await this.deps.annotations.update(docId, annotationId, { label, entityId: entity.id, review: null });
    return { annotation, entity };
  }

  /** A mention under review still means the entity it had: back in it, review ended. */
  async confirm(docId: string, annotationId: string): Promise<Annotation> {
    const mention = (await this.deps.annotations.list(docId)).find((a) => a.id === annotationId && a.kind === 'entity');
    if (!mention) throw new ApiError('not_found', `No entity mention ${annotationId} in this document.`);
    if (!mention.review) throw new ApiError('invalid_input', 'This mention is not marked for review.');
    const entityId = mention.review.entityId;
    if (entityId && !this.deps.store.all().some((e) => e.id === entityId)) throw new ApiError('invalid_input', 'Its entity is gone: retag the mention instead.');
    return this.deps.annotations.update(docId, annotationId, { ...(entityId ? { entityId } : {}), review: null });
  }

  async update(id: string, patch: { name?: string; aliases?: string[] }): Promise<Entity> {
    return this.deps.store.mutate((draft) => {
      const entity = draft.entities.find((e) => e.id === id);
      if (!entity) throw new ApiError('not_found', `No entity with id ${id}.`);
      if (patch.name !== undefined) entity.name = patch.name.trim();
      if (patch.aliases !== undefined) entity.aliases = uniqueNames(patch.aliases, entity.name);
      entity.updatedAt = new Date().toISOString();
      return entity;
    });
  }

  /** Merges entities into one: their mentions move over, their names become aliases. */
  async merge(intoId: string, ids: readonly string[]): Promise<Entity> {
    const into = this.deps.store.get(intoId);
    const others = ids.filter((id) => id !== intoId).map((id) => this.deps.store.get(id));
    const moving = new Set(others.map((e) => e.id));
    await this.relink(moving, () => intoId);
    return this.deps.store.mutate((draft) => {
      draft.entities = draft.entities.filter((e) => !moving.has(e.id));
      const target = draft.entities.find((e) => e.id === into.id)!;
      target.aliases = uniqueNames([...target.aliases, ...others.flatMap((e) => [e.name, ...e.aliases])], target.name);
      target.updatedAt = new Date().toISOString();
      return target;
    });
  }

  /**
   * Deletes an entity: its mentions are removed, or unlinked (kept as mentions with their
   * label and no entity: still highlighted, exported as tagging), as the user chose. The
   * mentions change first, then the registry, so a crash between leaves a deletable entity.
   * Answers the entity and every mention as it was, for undo (restoreEntity).
   */
  async delete(id: string, mentions: 'remove' | 'unlink'): Promise<{ entity: Entity; mentions: { docId: string; annotation: Annotation }[] }> {
    const entity = this.deps.store.get(id);
    const before: { docId: string; annotation: Annotation }[] = [];
    const now = new Date().toISOString();
    const docs = (await this.mentionIndex()).docsOf(id);
    if (mentions === 'remove') await this.deps.annotations.assertWritable(docs, (a) => a.entityId === id);
    for (const docId of docs) {
      await this.deps.annotations.edit(docId, (list) => {
        for (const a of list) if (a.entityId === id) before.push({ docId, annotation: a });
        if (mentions === 'remove') return list.filter((a) => a.entityId !== id);
        return list.map((a) => {
          if (a.entityId !== id) return a;
          const { entityId: _unlinked, ...rest } = a;
          return { ...rest, updatedAt: now };
        });
      });
    }
    await this.deps.store.mutate((draft) => void (draft.entities = draft.entities.filter((e) => e.id !== id)));
    return { entity, mentions: before };
  }

  /**
   * Undoes delete(): the entity comes back under its id and its mentions as they were
   * (put back where removed, relinked where unlinked). Documents deleted meanwhile are skipped.
   */
  async restoreEntity(entity: Entity, mentions: readonly { docId: string; annotation: Annotation }[]): Promise<Entity> {
    this.assertLabel(entity.label);
    await this.deps.store.mutate((draft) => {
      if (draft.entities.some((e) => e.id === entity.id)) throw new ApiError('invalid_input', `The entity ${entity.id} exists already.`);
      draft.entities.push(entity);
    });
    const byDoc = new Map<string, Annotation[]>();
    for (const m of mentions) (byDoc.get(m.docId) ?? byDoc.set(m.docId, []).get(m.docId)!).push({ ...m.annotation, docId: m.docId, entityId: entity.id });
    const known = new Set(this.deps.docIds());
    for (const [docId, list] of byDoc) {
      if (!known.has(docId)) continue;
      const byId = new Map(list.map((a) => [a.id, a]));
      await this.deps.annotations.edit(docId, (current) => {
        const kept = current.map((a) => {
          const back = byId.get(a.id);
          if (!back) return a;
          byId.delete(a.id);
          // Unlinked meanwhile: the same span and label get the entity back.
          return a.kind === 'entity' && !a.entityId && a.target.start === back.target.start && a.target.end === back.target.end ? back : a;
        });
        return [...kept, ...byId.values()].sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end);
      });
    }
    return entity;
  }

  /** Splits some mentions off into a new entity of the same label. */
  async split(id: string, mentions: readonly { docId: string; annotationId: string }[], name: string): Promise<Entity> {
    const source = this.deps.store.get(id);
    const now = new Date().toISOString();
    const created: Entity = { id: newId(), label: source.label, name: name.trim(), aliases: [], createdAt: now, updatedAt: now };
    await this.deps.store.mutate((draft) => void draft.entities.push(created));
    const byDoc = new Map<string, Set<string>>();
    for (const m of mentions) (byDoc.get(m.docId) ?? byDoc.set(m.docId, new Set()).get(m.docId)!).add(m.annotationId);
    for (const [docId, annotationIds] of byDoc) {
      await this.deps.annotations.edit(docId, (list) => list.map((a) => (annotationIds.has(a.id) && a.entityId === id ? { ...a, entityId: created.id, updatedAt: now } : a)));
    }
    return created;
  }

  findAll(docId: string, annotationId: string, scope: 'document' | 'archive', caseSensitive: boolean): Promise<Occurrence[]> {
    return findAll(this.deps, docId, annotationId, scope, caseSensitive);
  }

  /** Tags the occurrences the user confirmed, one write per document. */
  async tagAll(label: string, entityId: string, items: readonly { docId: string; start: number; end: number }[]): Promise<number> {
    this.assertLabel(label);
    this.deps.store.get(entityId);
    const byDoc = new Map<string, { start: number; end: number }[]>();
    for (const item of items) (byDoc.get(item.docId) ?? byDoc.set(item.docId, []).get(item.docId)!).push(item);
    let created = 0;
    for (const [docId, spans] of byDoc) {
      const existing = (await this.deps.annotations.list(docId)).filter((a) => a.kind === 'entity').map((a) => a.target);
      // The same item sent twice (or two overlapping ones) makes one mention, never stacked duplicates.
      const fresh: { start: number; end: number }[] = [];
      for (const s of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
        const overlaps = (t: { start: number; end: number }) => s.start < t.end && t.start < s.end;
        if (!existing.some(overlaps) && !fresh.some(overlaps)) fresh.push({ start: s.start, end: s.end });
      }
      await this.deps.annotations.createMany(docId, fresh.map((s) => ({ kind: 'entity' as const, ...s, label, entityId })));
      created += fresh.length;
    }
    return created;
  }

  async suggestions(docId: string): Promise<Suggestion[]> {
    const [text, annotations, rejected] = await Promise.all([this.deps.readText(docId), this.deps.annotations.list(docId), this.deps.annotations.rejected(docId)]);
    return suggest(text, annotations, this.deps.store.all(), this.labels().map((l) => l.id), rejected);
  }

  reject(docId: string, label: string, text: string): Promise<void> {
    return this.deps.annotations.addRejected(docId, rejectionKey(label, text));
  }

  private async relink(from: ReadonlySet<string>, to: (entityId: string) => string): Promise<void> {
    const index = await this.mentionIndex();
    const docs = new Set([...from].flatMap((id) => index.docsOf(id)));
    const now = new Date().toISOString();
    for (const docId of docs) {
      await this.deps.annotations.edit(docId, (list) => list.map((a) => (a.entityId && from.has(a.entityId) ? { ...a, entityId: to(a.entityId), updatedAt: now } : a)));
    }
  }

  private mentionIndex(): Promise<MentionIndex> {
    // Only the annotated documents' files: the reader asks for the entities at every open, and
    // reading every document's annotations cost ~10 s of serve's CPU at 30,000 documents (issue #19).
    this.index ??= this.deps.annotatedIds().then((ids) => MentionIndex.build([...ids], (id) => this.deps.annotations.list(id)));
    return this.index;
  }

  private assertLabel(label: string): void {
    if (!this.labels().some((l) => l.id === label)) throw new ApiError('invalid_input', `No label ${label} in the label set.`);
  }
}

function uniqueNames(names: readonly string[], canonical: string): string[] {
  const seen = new Set([foldName(canonical)]);
  const out: string[] = [];
  for (const name of names.map((n) => n.replace(/\s+/g, ' ').trim())) {
    if (!name || seen.has(foldName(name))) continue;
    seen.add(foldName(name));
    out.push(name);
  }
  return out;
}
