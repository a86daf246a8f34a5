import type { Annotation } from '../../../shared/model';

/**
 * Which documents mention which entities, how often: built once from the annotation files
 * (on first use, not at start-up) and kept current from every change afterwards.
 */
export class MentionIndex {
  private readonly byDoc = new Map<string, Map<string, number>>();

  static async build(docIds: readonly string[], read: (docId: string) => Promise<readonly Annotation[]>): Promise<MentionIndex> {
    const index = new MentionIndex();
    const BATCH = 64;
    for (let i = 0; i < docIds.length; i += BATCH) {
      const batch = docIds.slice(i, i + BATCH);
      const lists = await Promise.all(batch.map((id) => read(id).catch(() => [] as Annotation[])));
      batch.forEach((id, j) => index.set(id, lists[j]!));
    }
    return index;
  }

  /** Replaces what is known of one document's mentions. */
  set(docId: string, annotations: readonly Annotation[]): void {
    const counts = new Map<string, number>();
    for (const a of annotations) if (a.kind === 'entity' && a.entityId) counts.set(a.entityId, (counts.get(a.entityId) ?? 0) + 1);
    if (counts.size) this.byDoc.set(docId, counts);
    else this.byDoc.delete(docId);
  }

  /** Documents that mention the entity. */
  docsOf(entityId: string): string[] {
    return [...this.byDoc].filter(([, counts]) => counts.has(entityId)).map(([docId]) => docId);
  }

  entitiesOf(docId: string): string[] {
    return [...(this.byDoc.get(docId)?.keys() ?? [])];
  }

  /** mention and document counts per entity */
  counts(): Map<string, { mentions: number; documents: number }> {
    const out = new Map<string, { mentions: number; documents: number }>();
    for (const counts of this.byDoc.values()) {
      for (const [entityId, n] of counts) {
        const c = out.get(entityId) ?? { mentions: 0, documents: 0 };
        c.mentions += n;
        c.documents += 1;
        out.set(entityId, c);
      }
    }
    return out;
  }
}
