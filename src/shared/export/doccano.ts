import { cmp, labelToken, areaNotice, orphanNotice, placedMentions, placedRelations } from './annotations';
import { offsetMap } from './code-points';
import type { ExportDocument, Exporter } from './types';

/**
 * doccano sequence-labelling JSONL: one document per line,
 * `{"id", "text", "label": [[start, end, "LABEL"], ...]}`. doccano is Python: offsets are
 * string indices, i.e. code points. Entity mentions only (doccano has no highlights);
 * nested and overlapping spans are kept, doccano accepts them. A document with relations
 * also carries `entities` and `relations` (doccano's relation-extraction JSONL).
 */
export const DOCCANO_FILE = 'marginalia.jsonl';

export const doccanoExporter: Exporter = {
  format: 'doccano',
  description: 'doccano JSONL: {"id","text","label":[[start,end,"LABEL"]]} per document, one file',
  begin() {
    const notices: string[] = [];
    let empty = true;
    return {
      notices,
      add(doc) {
        const orphans = orphanNotice(doc.meta.title, doc.annotations.filter((a) => a.kind === 'entity'));
        if (orphans) notices.push(orphans);
        const areas = areaNotice(doc.meta.title, doc.annotations, 'doccano');
        if (areas) notices.push(areas);
        empty = false;
        return [{ path: DOCCANO_FILE, content: `${doccanoLine(doc)}\n`, stream: true }];
      },
      // An export of no documents is still a (empty) file.
      finish: () => (empty ? [{ path: DOCCANO_FILE, content: '' }] : []),
    };
  },
};

export function doccanoLine(doc: ExportDocument): string {
  const map = offsetMap(doc.text);
  const mentions = placedMentions(doc.annotations);
  const label = mentions
    .map((a) => [map.toCodePoint(a.target.start), map.toCodePoint(a.target.end), labelToken(a.label!)] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || cmp(a[2], b[2]));
  const related = placedRelations(doc.annotations);
  if (!related.length) return JSON.stringify({ id: doc.meta.id, text: doc.text, label, title: doc.meta.title });
  // With relations, also doccano's relation-extraction shape: entities with ids, relations between them.
  const ids = new Map(mentions.map((a, i) => [a.id, i + 1]));
  const entities = mentions.map((a) => ({ id: ids.get(a.id)!, label: labelToken(a.label!), start_offset: map.toCodePoint(a.target.start), end_offset: map.toCodePoint(a.target.end) }));
  const relations = related.map(({ relation, from, to }, i) => ({ id: i + 1, from_id: ids.get(from.id)!, to_id: ids.get(to.id)!, type: labelToken(relation.type!) }));
  return JSON.stringify({ id: doc.meta.id, text: doc.text, label, entities, relations, title: doc.meta.title });
}
