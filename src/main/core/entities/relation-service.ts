import { ApiError } from '../../../shared/api';
import { DEFAULT_RELATION_TYPES, type Annotation, type Label, type RelationType } from '../../../shared/model';
import type { AnnotationService } from '../annotations/annotation-service';
import type { Catalog } from '../catalog';
import { newId } from '../ids';

export interface RelationDeps {
  annotations: AnnotationService;
  catalog: Catalog;
  labels: () => Label[];
}

/**
 * Relations between two entity mentions of one document ("Lin Jian — works for — Bio-Thera").
 * A relation is an annotation of kind 'relation' (DESIGN.md), so it is stored, undone,
 * exported and synced with the rest; its types live with the label set in settings.
 */
export class RelationService {
  constructor(private readonly deps: RelationDeps) {}

  types(): RelationType[] {
    return this.deps.catalog.settings().relationTypes ?? DEFAULT_RELATION_TYPES;
  }

  async saveTypes(types: RelationType[]): Promise<RelationType[]> {
    const ids = new Set(types.map((t) => t.id));
    if (ids.size !== types.length) throw new ApiError('invalid_input', 'Each relation type id may appear once.');
    const labels = new Set(this.deps.labels().map((l) => l.id));
    for (const t of types) {
      const unknown = [...t.fromLabels, ...t.toLabels].find((l) => !labels.has(l));
      if (unknown) throw new ApiError('invalid_input', `Relation type ${t.id}: no label ${unknown} in the label set.`);
    }
    await this.deps.catalog.updateSettings((current) => ({ ...current, relationTypes: types }));
    return types;
  }

  /**
   * Many relations into one document in one durable write (annotation import). Each is
   * checked as create checks it; those refused come back with the reason, the rest are stored.
   */
  async createMany(docId: string, inputs: readonly { from: string; to: string; type: string }[]): Promise<({ ok: Annotation } | { error: string })[]> {
    const list = await this.deps.annotations.list(docId);
    const byId = new Map(list.map((a) => [a.id, a]));
    const seen = new Set(list.filter((a) => a.kind === 'relation').map((a) => `${a.type}|${a.from}|${a.to}`));
    const types = this.types();
    const fresh: Annotation[] = [];
    const out = inputs.map((input): { ok: Annotation } | { error: string } => {
      const type = types.find((t) => t.id === input.type);
      if (!type) return { error: `no relation type ${input.type}` };
      if (input.from === input.to) return { error: 'a relation joins two different mentions' };
      const from = byId.get(input.from);
      const to = byId.get(input.to);
      if (from?.kind !== 'entity' || to?.kind !== 'entity') return { error: 'one of its ends is not an entity mention of this document' };
      if (type.fromLabels.length && !type.fromLabels.includes(from.label ?? '')) return { error: `${type.name} does not allow ${from.label} at its from end (allowed: ${type.fromLabels.join(', ')}).` };
      if (type.toLabels.length && !type.toLabels.includes(to.label ?? '')) return { error: `${type.name} does not allow ${to.label} at its to end (allowed: ${type.toLabels.join(', ')}).` };
      const key = `${type.id}|${from.id}|${to.id}`;
      if (seen.has(key) || (!type.directed && seen.has(`${type.id}|${to.id}|${from.id}`))) return { error: 'already in the archive' };
      seen.add(key);
      const relation = relationAnnotation(docId, from, to.id, type.id);
      fresh.push(relation);
      return { ok: relation };
    });
    await this.deps.annotations.insertMany(docId, fresh);
    return out;
  }

  /** A relation of `type` from one mention to another; the labels at each end must be allowed by the type. */
  async create(docId: string, input: { from: string; to: string; type: string }): Promise<Annotation> {
    const type = this.types().find((t) => t.id === input.type);
    if (!type) throw new ApiError('invalid_input', `No relation type ${input.type}.`);
    if (input.from === input.to) throw new ApiError('invalid_input', 'A relation joins two different mentions.');
    const list = await this.deps.annotations.list(docId);
    const end = (id: string, side: 'from' | 'to') => {
      const m = list.find((a) => a.id === id);
      if (!m || m.kind !== 'entity') throw new ApiError('not_found', `No entity mention ${id} in this document (the ${side} end).`);
      const allowed = side === 'from' ? type.fromLabels : type.toLabels;
      if (allowed.length && !allowed.includes(m.label ?? '')) throw new ApiError('invalid_input', `${type.name} does not allow ${m.label} at its ${side} end (allowed: ${allowed.join(', ')}).`);
      return m;
    };
    const from = end(input.from, 'from');
    end(input.to, 'to');
    const existing = list.find((a) => a.kind === 'relation' && a.type === type.id && ((a.from === input.from && a.to === input.to) || (!type.directed && a.from === input.to && a.to === input.from)));
    if (existing) return existing;
    return this.deps.annotations.insert(docId, relationAnnotation(docId, from, input.to, type.id));
  }
}

export function relationAnnotation(docId: string, from: Annotation, to: string, type: string): Annotation {
  const now = new Date().toISOString();
  // A relation belongs to the layer of the mention it starts from (an annotator's, gold's).
  return { id: newId(), docId, kind: 'relation', target: { ...from.target }, from: from.id, to, type, ...(from.author ? { author: from.author } : {}), createdAt: now, updatedAt: now };
}
