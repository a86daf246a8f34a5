import type { Annotation } from '../model';
import { colorName, entityOf, inTextOrder, labelName, orphanNotice } from './annotations';
import { annotationPlace } from './pages';
import { offsetMap } from './code-points';
import type { ExportContext, ExportDocument, Exporter } from './types';

/**
 * Entity mentions as CSV (RFC 4180: CRLF, fields quoted when needed, quotes doubled), one
 * row per mention. Offsets count code points like the other interchange formats. Starts
 * with a UTF-8 BOM so that Excel reads Chinese correctly. A cell that a spreadsheet would
 * run as a formula (= + - @, tab, CR) is prefixed with a single quote (OWASP CSV injection).
 */
export const CSV_FILE = 'mentions.csv';
const HEADER = ['document_id', 'document', 'label', 'text', 'start', 'end', 'entity_id', 'entity', 'context'];
/** With a PDF in the export: the page (its label where the PDF has labels) and, for an area, its box "x0 y0 x1 y1" in PDF points. */
const PAGED_HEADER = [...HEADER, 'page', 'box'];
const CONTEXT = 40;

export const csvExporter: Exporter = {
  format: 'csv',
  description: 'CSV of entity mentions (and area annotations on PDF pages): document, label, text, start, end, entity, context; page and box when a PDF is exported',
  begin(ctx) {
    const notices: string[] = [];
    let first = true;
    const head = () => `\ufeff${row(ctx.paged ? PAGED_HEADER : HEADER)}`;
    return {
      notices,
      add(doc) {
        const orphans = orphanNotice(doc.meta.title, doc.annotations.filter((a) => a.kind === 'entity'));
        if (orphans) notices.push(orphans);
        const content = (first ? head() : '') + mentionRows(doc, ctx).join('');
        first = false;
        return [{ path: CSV_FILE, content, stream: true }];
      },
      finish: () => (first ? [{ path: CSV_FILE, content: head() }] : []),
    };
  },
};

/** Mentions, and on PDFs area annotations too (a rectangle on a page: a seal, a signature, a table). */
function csvAnnotations(annotations: readonly Annotation[]): Annotation[] {
  return inTextOrder(annotations.filter((a) => !a.orphan && ((a.kind === 'entity' && a.label) || a.kind === 'area')));
}

export function mentionRows(doc: ExportDocument, ctx: ExportContext): string[] {
  const map = offsetMap(doc.text);
  return csvAnnotations(doc.annotations).map((a) => {
    const { start, end, quote, prefix, suffix } = a.target;
    const entity = entityOf(ctx, a);
    // Cut by code points: a UTF-16 cut could leave half an emoji at the edge.
    const context = `${[...prefix].slice(-CONTEXT).join('')}[${quote}]${[...suffix].slice(0, CONTEXT).join('')}`.replace(/\s+/g, ' ').trim();
    const label = a.label ? labelName(ctx.labels, a.label) : colorName(ctx.colors, a.color);
    const cells: (string | number)[] = [doc.meta.id, doc.meta.title, label, quote, map.toCodePoint(start), map.toCodePoint(end), a.entityId ?? '', entity?.name ?? '', context];
    if (ctx.paged) {
      const place = annotationPlace(a, doc.pdf);
      const box = a.kind === 'area' ? place?.geometry[0]?.rects[0] : undefined;
      cells.push(place?.label ?? '', box ? box.join(' ') : '');
    }
    return row(cells);
  });
}

export function row(cells: readonly (string | number)[]): string {
  return `${cells.map((c) => (typeof c === 'number' ? String(c) : csvCell(c))).join(',')}\r\n`;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
