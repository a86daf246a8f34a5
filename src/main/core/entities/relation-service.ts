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
