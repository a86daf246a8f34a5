import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/model';
import { COLOUR_ATTRIBUTE, HIGHLIGHT_TYPE, NORM_DB } from '../../../shared/export/brat';
import { offsetMap } from '../../../shared/export/code-points';
import type { Incoming, IncomingDoc } from './types';

/**
 * brat standoff, every line read or named: T (text-bound), R (relation between two T),
 * A/M (attributes: our highlight colour, else kept on the mention), N (normalisations: our
 * registry link, else a link to the external id), # AnnotatorNotes (comments), E (events:
 * refused, naming the line), other lines (equivalences…) refused the same way. Offsets are
 * code points. A discontinuous span ("0 5;6 9") is one mention only when its fragments are
 * exactly its stretch of text cut at line breaks (how brat and our export write a mention
 * over lines); any other is refused with its line, never widened. CRLF is read as brat does.
 */
export function parseBrat(ann: string, text: string): IncomingDoc {
  const doc: IncomingDoc = { match: { text }, annotations: [], relations: [], unreadable: [], where: 'ann' };
  const map = offsetMap(text);
  const utf16 = (a: number, b: number) => {
    const [s, e] = [map.toUtf16(a), map.toUtf16(b)];
    return s < 0 || e < 0 || s > e ? null : { s, e };
  };
  const byId = new Map<string, Incoming>();
  const later: { cols: string[]; line: number }[] = [];
  ann.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const cols = line.split('\t');
    const id = cols[0] ?? '';
    if (!id.startsWith('T')) {
      later.push({ cols, line: i + 1 });
      return;
    }
    const where = `line ${i + 1} ${id}`;
    const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(cols[1] ?? '');
    if (!m) {
      doc.unreadable.push(`${where}: not "TYPE start end"`);
      return;
    }
    const fragments = m[2]!.split(';').map((f) => f.split(' ').map(Number) as [number, number]);
    const ranges = fragments.map(([a, b]) => utf16(a, b));
    if (ranges.some((r) => r === null)) {
      doc.unreadable.push(`${where}: offsets outside the text`);
      return;
    }
    const covered = ranges.map((r) => text.slice(r!.s, r!.e));
    if (covered.join(' ') !== cols.slice(2).join('\t')) {
      doc.unreadable.push(`${where}: its text does not match the .txt at those offsets`);
      return;
    }
    const start = Math.min(...ranges.map((r) => r!.s));
    const end = Math.max(...ranges.map((r) => r!.e));
    if (fragments.length > 1 && !sameFragments(text, start, end, ranges as { s: number; e: number }[])) {
      doc.unreadable.push(`${where}: a discontinuous span (${m[2]}) is not imported: a Marginalia mention is one stretch of text, and widening it would take in ${JSON.stringify(text.slice(start, end).slice(0, 60))}`);
      return;
    }
    const highlight = m[1] === HIGHLIGHT_TYPE;
    const incoming: Incoming = {
      kind: highlight ? 'highlight' : 'entity',
      place: { start: map.toCodePoint(start), end: map.toCodePoint(end) },
      ...(highlight ? {} : { label: m[1]! }),
      where,
    };
    byId.set(id, incoming);
    doc.annotations.push(incoming);
  });
  for (const { cols, line } of later) {
    const [id = '', args = '', rest = ''] = cols;
    const [kind, ref, value] = args.split(' ');
    const target = ref ? byId.get(ref) : undefined;
    const where = `line ${line} ${id}`;
    if (id.startsWith('R')) {
      // "R1<TAB>WORKS_FOR Arg1:T3 Arg2:T5"
      const m = /^(\S+) Arg1:(\S+) Arg2:(\S+)$/.exec(args);
      const from = m ? byId.get(m[2]!) : undefined;
      const to = m ? byId.get(m[3]!) : undefined;
      if (!m) doc.unreadable.push(`${where}: not "TYPE Arg1:T1 Arg2:T2"`);
      else if (!from || !to || from.kind !== 'entity' || to.kind !== 'entity') doc.unreadable.push(`${where}: Arg1 and Arg2 must be entity mentions read from this file (${m[2]}, ${m[3]})`);
      else doc.relations!.push({ from, to, type: m[1]!, where });
    } else if ((id.startsWith('A') || id.startsWith('M')) && kind && target) {
      if (kind === COLOUR_ATTRIBUTE && target.kind === 'highlight' && HIGHLIGHT_COLORS.includes(value as HighlightColor)) target.color = value as HighlightColor;
      else (target.attributes ??= {})[kind] = value ?? 'true';
    } else if (id.startsWith('N') && kind === 'Reference' && target && value?.includes(':')) {
      if (value.startsWith(`${NORM_DB}:`)) target.entityId = value.slice(NORM_DB.length + 1);
      else {
        const colon = value.indexOf(':');
        (target.links ??= []).push({ db: value.slice(0, colon), id: value.slice(colon + 1), ...(rest ? { name: rest } : {}) });
      }
    } else if (id.startsWith('#') && kind === 'AnnotatorNotes' && target) {
      target.comment = target.comment ? `${target.comment}\n\n${rest}` : rest;
    } else if (id.startsWith('E')) {
      doc.unreadable.push(`${where}: an event is not imported (Marginalia holds no events); its trigger and arguments stay as mentions`);
    } else if (target === undefined && ref && /^[AMN#]/.test(id)) {
      doc.unreadable.push(`${where}: refers to ${ref}, which is not a mention read from this file`);
    } else {
      doc.unreadable.push(`${where}: not an annotation Marginalia holds (${kind ?? 'unknown'})`);
    }
  }
  return doc;
}

/** Whether the fragments are exactly the stretch start–end cut at line breaks (how a mention over lines is written). */
function sameFragments(text: string, start: number, end: number, ranges: { s: number; e: number }[]): boolean {
  const expected: string[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === '\n' || text[i] === '\r') {
      if (i > from) expected.push(`${from}-${i}`);
      from = i + 1;
    }
  }
  const given = [...ranges].sort((a, b) => a.s - b.s).map((r) => `${r.s}-${r.e}`);
  return expected.join(',') === given.join(',');
}
