import type { Incoming, IncomingDoc } from './types';

/**
 * doccano JSONL, as doccano exports sequence labelling: `{"text", "label": [[s, e, "L"]]}`
 * per line, or the newer `{"text", "entities": [{"id", "start_offset", "end_offset", "label"}],
 * "relations": [{"from_id", "to_id", "type"}]}` (relation extraction). Offsets are Python
 * string indices: code points.
 */
export function parseDoccano(content: string): IncomingDoc[] {
  const docs: IncomingDoc[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `line ${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      docs.push({ match: { text: '' }, annotations: [], unreadable: [`${where}: not JSON`], where });
      return;
    }
    const { text, label, entities, relations } = (row ?? {}) as { text?: unknown; label?: unknown; entities?: unknown; relations?: unknown };
    if (typeof text !== 'string') {
      docs.push({ match: { text: '' }, annotations: [], unreadable: [`${where}: no "text"`], where });
      return;
    }
    const doc: IncomingDoc = { match: { text }, annotations: [], relations: [], unreadable: [], where };
    // Relations point at entities by id: with relations, read the entities (a file may carry both shapes).
    const withIds = Array.isArray(entities) && (Array.isArray(relations) || !Array.isArray(label));
    const spans: unknown[] = withIds ? (entities as unknown[]) : Array.isArray(label) ? label : [];
    const byId = new Map<unknown, Incoming>();
    for (const span of spans) {
      const [start, end, name] = Array.isArray(span)
        ? span
        : [(span as Record<string, unknown>)?.start_offset, (span as Record<string, unknown>)?.end_offset, (span as Record<string, unknown>)?.label];
      const shown = `${where} ${JSON.stringify(span)}`;
      if (!Number.isInteger(start) || !Number.isInteger(end) || typeof name !== 'string') {
        doc.unreadable.push(`${shown}: not [start, end, "LABEL"]`);
        continue;
      }
      const incoming: Incoming = { kind: 'entity', place: { start: start as number, end: end as number }, label: name, where: shown };
      doc.annotations.push(incoming);
      if (!Array.isArray(span) && (span as Record<string, unknown>)?.id !== undefined) byId.set((span as Record<string, unknown>).id, incoming);
    }
    for (const relation of withIds && Array.isArray(relations) ? relations : []) {
      const r = (relation ?? {}) as Record<string, unknown>;
      const shown = `${where} relation ${JSON.stringify(relation)}`;
      const from = byId.get(r.from_id);
      const to = byId.get(r.to_id);
      if (typeof r.type !== 'string' || !r.type) doc.unreadable.push(`${shown}: no "type"`);
      else if (!from || !to) doc.unreadable.push(`${shown}: from_id and to_id must be ids of this line's entities`);
      else doc.relations!.push({ from, to, type: r.type, where: shown });
    }
    docs.push(doc);
  });
  return docs;
}
