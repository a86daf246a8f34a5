import { HIGHLIGHT_COLORS, type Annotation } from '../model';
import { DEFAULT_RELATION_TYPES } from '../model';
import { cmp, entityOf, inTextOrder, labelToken, areaNotice, orphanNotice, placedRelations, plainText } from './annotations';
import { offsetMap, type OffsetMap } from './code-points';
import { FileNames } from './file-names';
import type { ExportContext, ExportDocument, Exporter } from './types';

/**
 * brat standoff: <name>.txt (the text, exactly) and <name>.ann per document, plus
 * annotation.conf and visual.conf for the label set. Offsets count code points (brat is
 * Python). Highlights are kept as the entity type `Highlight` with a `Colour` attribute,
 * so a round trip through brat loses nothing; tools that only want entities can drop it.
 */
export const HIGHLIGHT_TYPE = 'Highlight';
export const COLOUR_ATTRIBUTE = 'Colour';
/** normalisation database name in N lines ("Reference T1 Marginalia:<entityId>") */
export const NORM_DB = 'Marginalia';

export const bratExporter: Exporter = {
  format: 'brat',
  description: 'brat standoff: .txt + .ann per document, annotation.conf and visual.conf',
  begin(ctx) {
    const names = new FileNames(['annotation.conf', 'visual.conf']);
    const notices: string[] = [];
    const used = new Set<string>();
    return {
      notices,
      add(doc) {
        const stem = names.take(doc.meta.title, ['.txt', '.ann']);
        const orphans = orphanNotice(doc.meta.title, doc.annotations);
        if (orphans) notices.push(orphans);
        const areas = areaNotice(doc.meta.title, doc.annotations, 'brat');
        if (areas) notices.push(areas);
        for (const a of doc.annotations) if (a.kind === 'entity' && a.label) used.add(labelToken(a.label));
        return [
          { path: `${stem}.txt`, content: doc.text },
          { path: `${stem}.ann`, content: renderAnn(doc, ctx) },
        ];
      },
      finish: () => [
        { path: 'annotation.conf', content: annotationConf(ctx, used) },
        { path: 'visual.conf', content: visualConf(ctx) },
      ],
    };
  },
};

export function renderAnn(doc: ExportDocument, ctx: ExportContext): string {
  const map = offsetMap(doc.text);
  const lines: string[] = [];
  let t = 0;
  let n = 0;
  let attr = 0;
  let note = 0;
  const textBound = new Map<string, string>();
  for (const a of inTextOrder(doc.annotations.filter((x) => !x.orphan && (x.kind === 'highlight' || (x.kind === 'entity' && x.label))))) {
    const fragments = fragmentsOf(doc.text, a, map);
    if (!fragments.length) continue;
    const id = `T${++t}`;
    textBound.set(a.id, id);
    const type = a.kind === 'highlight' ? HIGHLIGHT_TYPE : labelToken(a.label!);
    const spans = fragments.map((f) => `${f.start} ${f.end}`).join(';');
    lines.push(`${id}\t${type} ${spans}\t${fragments.map((f) => f.text).join(' ')}`);
    if (a.kind === 'highlight') lines.push(`A${++attr}\t${COLOUR_ATTRIBUTE} ${id} ${a.color ?? 'yellow'}`);
    // What a corpus brought (brat A/M and N lines) goes back as it came.
    for (const [name, value] of Object.entries(a.attributes ?? {})) lines.push(`A${++attr}\t${name} ${id}${value === 'true' ? '' : ` ${value}`}`);
    for (const link of a.links ?? []) lines.push(`N${++n}\tReference ${id} ${link.db}:${link.id}\t${oneLine(link.name ?? '')}`);
    if (a.entityId) {
      const name = entityOf(ctx, a)?.name ?? a.target.quote;
      lines.push(`N${++n}\tReference ${id} ${NORM_DB}:${a.entityId}\t${oneLine(name)}`);
    }
    const comment = oneLine(plainText(a.comment));
    if (comment) lines.push(`#${++note}\tAnnotatorNotes ${id}\t${comment}`);
  }
  // Relations: "R1<TAB>WORKS_FOR Arg1:T3 Arg2:T5" (Arg1 is the from end).
  let r = 0;
  for (const { relation, from, to } of placedRelations(doc.annotations)) {
    const arg1 = textBound.get(from.id);
    const arg2 = textBound.get(to.id);
    if (!arg1 || !arg2) continue;
    const id = `R${++r}`;
    lines.push(`${id}\t${labelToken(relation.type!)} Arg1:${arg1} Arg2:${arg2}`);
    const comment = oneLine(plainText(relation.comment));
    if (comment) lines.push(`#${++note}\tAnnotatorNotes ${id}\t${comment}`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** The span in code points, cut at line breaks: a brat fragment never holds a newline. */
function fragmentsOf(text: string, a: Annotation, map: OffsetMap): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const { start, end } = a.target;
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === '\n' || text[i] === '\r') {
      if (i > from) out.push({ start: map.toCodePoint(from), end: map.toCodePoint(i), text: text.slice(from, i) });
      from = i + 1;
    }
  }
  return out;
}

/** brat's .ann is tab-separated and line-based: notes and names go on one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function annotationConf(ctx: ExportContext, used: Set<string>): string {
  const types = [...new Set([...ctx.labels.map((l) => labelToken(l.id)), ...[...used].sort(cmp), HIGHLIGHT_TYPE])];
  return [
    '# Written by Marginalia. Entity types are the label set; Highlight holds highlights.',
    '[entities]',
    ...types,
    '',
    '[relations]',
    '# mentions may overlap and nest, as they do in Marginalia',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    ...(ctx.relationTypes ?? DEFAULT_RELATION_TYPES).map((t) => {
      const ends = (labels: readonly string[]) => (labels.length ? labels.map(labelToken).join('|') : '<ENTITY>');
      return `${labelToken(t.id)}\tArg1:${ends(t.fromLabels)}, Arg2:${ends(t.toLabels)}${t.directed ? '' : ', <REL-TYPE>:symmetric'}`;
    }),
    '',
    '[events]',
    '',
    '[attributes]',
    `${COLOUR_ATTRIBUTE}\tArg:${HIGHLIGHT_TYPE}, Value:${HIGHLIGHT_COLORS.join('|')}`,
    '',
  ].join('\n');
}

function visualConf(ctx: ExportContext): string {
  const relationTypes = ctx.relationTypes ?? DEFAULT_RELATION_TYPES;
  const labels = [...ctx.labels, ...relationTypes].map((l) => `${labelToken(l.id)} | ${oneLine(l.name) || l.id}`);
  const colours = ctx.labels.filter((l) => /^#[0-9a-f]{3,8}$/i.test(l.color)).map((l) => `${labelToken(l.id)}\tbgColor:${l.color}`);
  colours.push(...relationTypes.filter((t) => /^#[0-9a-f]{3,8}$/i.test(t.color)).map((t) => `${labelToken(t.id)}\tcolor:${t.color}, arrowHead:${t.directed ? 'triangle,5' : 'none'}`));
  return ['[labels]', ...labels, `${HIGHLIGHT_TYPE} | Highlight`, '', '[drawing]', ...colours, `${HIGHLIGHT_TYPE}\tbgColor:#fde68a`, ''].join('\n');
}
