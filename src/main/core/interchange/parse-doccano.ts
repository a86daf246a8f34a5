import type { IncomingDoc } from './types';

/**
 * doccano JSONL, as doccano exports sequence labelling: `{"text", "label": [[s, e, "L"]]}`
 * per line, or the newer `{"text", "entities": [{"start_offset", "end_offset", "label"}]}`.
 * Offsets are Python string indices: code points.
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
    const { text, label, entities } = (row ?? {}) as { text?: unknown; label?: unknown; entities?: unknown };
    if (typeof text !== 'string') {
      docs.push({ match: { text: '' }, annotations: [], unreadable: [`${where}: no "text"`], where });
      return;
    }
    const doc: IncomingDoc = { match: { text }, annotations: [], unreadable: [], where };
    const spans: unknown[] = Array.isArray(label) ? label : Array.isArray(entities) ? entities : [];
    for (const span of spans) {
      const [start, end, name] = Array.isArray(span)
        ? span
        : [(span as Record<string, unknown>)?.start_offset, (span as Record<string, unknown>)?.end_offset, (span as Record<string, unknown>)?.label];
      const shown = `${where} ${JSON.stringify(span)}`;
      if (!Number.isInteger(start) || !Number.isInteger(end) || typeof name !== 'string') doc.unreadable.push(`${shown}: not [start, end, "LABEL"]`);
      else doc.annotations.push({ kind: 'entity', place: { start: start as number, end: end as number }, label: name, where: shown });
    }
    docs.push(doc);
  });
  return docs;
}
