import type { Incoming, IncomingDoc } from './types';

/**
 * Label Studio's JSON export of a NER (and relations) project: an array of tasks, each
 * `{data: {text}, annotations: [{result: [...]}]}`; a result is a span `{id, type: "labels",
 * value: {start, end, text, labels: [L]}}` or a relation `{type: "relation", from_id, to_id,
 * labels: [T]}`. Offsets count code points (Label Studio's frontend stores them so since
 * 2021); the span's own text is kept as the quote, so a span whose offsets miss it is found
 * by it near there, or refused. Each task becomes one document.
 */
export function parseLabelStudio(content: string): IncomingDoc[] {
  const tasks = JSON.parse(content) as unknown;
  const list = Array.isArray(tasks) ? tasks : [tasks];
  return list.map((task, i) => {
    const t = (task ?? {}) as { id?: unknown; data?: Record<string, unknown>; annotations?: unknown; predictions?: unknown };
    const where = `task ${t.id ?? i + 1}`;
    const text = typeof t.data?.text === 'string' ? t.data.text : Object.values(t.data ?? {}).find((v) => typeof v === 'string');
    if (typeof text !== 'string') return { match: { text: '' }, annotations: [], unreadable: [`${where}: no data.text`], where };
    const doc: IncomingDoc = { match: { text }, annotations: [], relations: [], unreadable: [], where };
    const byId = new Map<string, Incoming>();
    const annotations = Array.isArray(t.annotations) && t.annotations.length ? t.annotations : Array.isArray(t.predictions) ? t.predictions : [];
    annotations.forEach((annotation: unknown, a) => {
      const results = ((annotation ?? {}) as { result?: unknown }).result;
      const relations: { r: Record<string, unknown>; shown: string }[] = [];
      (Array.isArray(results) ? results : []).forEach((result: unknown, k) => {
        const r = (result ?? {}) as Record<string, unknown>;
        const shown = `${where} annotations[${a}].result[${k}]`;
        if (r.type === 'relation') {
          relations.push({ r, shown });
          return;
        }
        const v = (r.value ?? {}) as { start?: unknown; end?: unknown; text?: unknown; labels?: unknown; hypertextlabels?: unknown };
        const labels = (Array.isArray(v.labels) ? v.labels : []) as unknown[];
        if (!Number.isInteger(v.start) || !Number.isInteger(v.end) || typeof labels[0] !== 'string') {
          doc.unreadable.push(`${shown}: not a text span {start, end, labels} (${String(r.type)})`);
          return;
        }
        if (labels.length > 1) doc.unreadable.push(`${shown}: ${labels.length - 1} label(s) after the first (${labels.slice(1).join(', ')}) not kept: a mention holds one`);
        const place = typeof v.text === 'string' ? { quote: v.text, prefix: '', suffix: '', start: v.start as number, end: v.end as number } : { start: v.start as number, end: v.end as number };
        const incoming: Incoming = { kind: 'entity', place, label: labels[0], where: shown };
        doc.annotations.push(incoming);
        if (typeof r.id === 'string') byId.set(r.id, incoming);
      });
      for (const { r, shown } of relations) {
        const from = byId.get(String(r.from_id));
        const to = byId.get(String(r.to_id));
        const type = (Array.isArray(r.labels) ? r.labels[0] : undefined) as unknown;
        if (!from || !to) doc.unreadable.push(`${shown}: from_id and to_id must be spans of this annotation`);
        else if (typeof type !== 'string') doc.unreadable.push(`${shown}: a relation without a label (Marginalia's relations have a type)`);
        else doc.relations!.push(r.direction === 'left' ? { from: to, to: from, type, where: shown } : { from, to, type, where: shown });
      }
    });
    return doc;
  });
}

/** A Label Studio export (an array of tasks with data), not W3C annotations. */
export function isLabelStudio(content: string): boolean {
  const head = content.slice(0, 65536).replace(/\s+/g, '');
  return (head.startsWith('[{') || head.startsWith('{"id"') || head.startsWith('{"data"')) && head.includes('"data":{') && !head.includes('"@context"');
}
