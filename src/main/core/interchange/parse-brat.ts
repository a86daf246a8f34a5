import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/model';
import { COLOUR_ATTRIBUTE, HIGHLIGHT_TYPE, NORM_DB } from '../../../shared/export/brat';
import { offsetMap } from '../../../shared/export/code-points';
import type { Incoming, IncomingDoc } from './types';

/**
 * brat standoff: T (text-bound), R (relation between two T), A (attribute: our highlight
 * colour), N (normalisation: our registry link) and # (AnnotatorNotes: comments) lines.
 * Events, equivalences and other lines are not annotations of ours: counted as skipped. Offsets are code points; a
 * discontinuous span ("0 5;6 9") becomes one annotation from its first start to its last end.
 */
export function parseBrat(ann: string, text: string): IncomingDoc {
  const doc: IncomingDoc = { match: { text }, annotations: [], relations: [], unreadable: [], where: 'ann' };
  const map = offsetMap(text);
  const slice = (a: number, b: number) => {
    const [s, e] = [map.toUtf16(a), map.toUtf16(b)];
    return s < 0 || e < 0 || s > e ? null : text.slice(s, e);
  };
  const byId = new Map<string, Incoming>();
  const later: string[][] = [];
  ann.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const cols = line.split('\t');
    const id = cols[0] ?? '';
    if (!id.startsWith('T')) {
      later.push(cols);
      return;
    }
    const where = `line ${i + 1} ${id}`;
    const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(cols[1] ?? '');
    if (!m) {
      doc.unreadable.push(`${where}: not "TYPE start end"`);
      return;
    }
    const fragments = m[2]!.split(';').map((f) => f.split(' ').map(Number) as [number, number]);
    const covered = fragments.map(([a, b]) => slice(a, b));
    if (covered.some((c) => c === null)) {
      doc.unreadable.push(`${where}: offsets outside the text`);
      return;
    }
    if (covered.join(' ') !== cols.slice(2).join('\t')) {
      doc.unreadable.push(`${where}: its text does not match the .txt at those offsets`);
      return;
    }
    const offsets = fragments.flat();
    const highlight = m[1] === HIGHLIGHT_TYPE;
    const incoming: Incoming = {
      kind: highlight ? 'highlight' : 'entity',
      place: { start: Math.min(...offsets), end: Math.max(...offsets) },
      ...(highlight ? {} : { label: m[1]! }),
      where,
    };
    byId.set(id, incoming);
    doc.annotations.push(incoming);
  });
  for (const cols of later) {
    const [id = '', args = '', rest = ''] = cols;
    const [kind, ref, value] = args.split(' ');
    const target = ref ? byId.get(ref) : undefined;
    if (id.startsWith('R')) {
      // "R1<TAB>WORKS_FOR Arg1:T3 Arg2:T5"
      const m = /^(\S+) Arg1:(\S+) Arg2:(\S+)$/.exec(args);
      const from = m ? byId.get(m[2]!) : undefined;
      const to = m ? byId.get(m[3]!) : undefined;
      if (!m) doc.unreadable.push(`${id}: not "TYPE Arg1:T1 Arg2:T2"`);
      else if (!from || !to || from.kind !== 'entity' || to.kind !== 'entity') doc.unreadable.push(`${id}: Arg1 and Arg2 must be entity mentions read from this file (${m[2]}, ${m[3]})`);
      else doc.relations!.push({ from, to, type: m[1]!, where: id });
    } else if (id.startsWith('A') && kind === COLOUR_ATTRIBUTE && target && HIGHLIGHT_COLORS.includes(value as HighlightColor)) {
      target.color = value as HighlightColor;
    } else if (id.startsWith('N') && kind === 'Reference' && target && value?.startsWith(`${NORM_DB}:`)) {
      target.entityId = value.slice(NORM_DB.length + 1);
    } else if (id.startsWith('#') && kind === 'AnnotatorNotes' && target) {
      target.comment = rest;
    } else {
      doc.unreadable.push(`${id || cols.join(' ')}: not an annotation Marginalia holds (${kind ?? 'unknown'})`);
    }
  }
  return doc;
}
