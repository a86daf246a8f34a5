import type { Annotation, Label, PdfRect, PdfSourceMap } from '../../../shared/model';
import type { offsetMap } from '../../../shared/export/code-points';
import { rectToTextRange } from '../../../shared/model/pdf';
import type { Archive } from '../archive';
import { locate } from './locate';
import { markdownToRich } from './markdown-to-rich';
import { findLabel, skip, textToRich } from './report';
import type { ImportReport, Incoming } from './types';

/** An area annotation (W3C FragmentSelector page + xywh) onto a page of a PDF: its text is what lies inside it. */
export async function importArea(
  archive: Archive,
  id: string,
  text: string,
  map: ReturnType<typeof offsetMap>,
  pdf: PdfSourceMap | null,
  a: Incoming,
  existing: Annotation[],
  labels: readonly Label[],
  report: ImportReport,
  /** the layer it goes into (import --layer), else the user's */
  author: { author?: string } = {},
): Promise<void> {
  const { page, xywh } = a.area!;
  const view = pdf?.pages.find((p) => p.page === page)?.view;
  if (!pdf || !view) {
    skip(report, `${a.where}: an area on page ${page}, but ${pdf ? 'the PDF has no such page' : 'this document is not a PDF'}`);
    return;
  }
  const [x, y, w, h] = xywh;
  const rect: PdfRect = [view[0] + x, view[3] - y - h, view[0] + x + w, view[3] - y];
  const label = a.kind === 'entity' ? findLabel(labels, a.label) : undefined;
  if (a.kind === 'entity' && !label) {
    skip(report, `${a.where}: label ${a.label ?? '(none)'} is not in the label set`);
    return;
  }
  if (existing.some((e) => e.kind === 'area' && e.geometry?.[0]?.page === page && e.geometry[0].rects[0]?.every((n, i) => Math.abs(n - rect[i]!) < 1))) {
    report.duplicates = (report.duplicates ?? 0) + 1;
    return;
  }
  const placed = 'empty' in a.place ? undefined : locate(a, text, map);
  const range = typeof placed === 'object' ? placed : (rectToTextRange(pdf, page, rect) ?? { start: pageStart(pdf, page), end: pageStart(pdf, page) });
  const created = await archive.annotations.create(id, {
    kind: 'area',
    ...range,
    ...author,
    geometry: [{ page, rects: [rect] }],
    ...(a.color ? { color: a.color } : {}),
    ...(label ? { label } : {}),
    ...(a.comment?.trim() ? { comment: a.commentFormat === 'text/markdown' ? markdownToRich(a.comment) : textToRich(a.comment) } : {}),
  });
  existing.push(created);
  report.imported++;
  if (!report.documents.includes(id)) report.documents.push(id);
}

/** Where a page's text begins (an area over a blank page stands there). */
function pageStart(pdf: PdfSourceMap, page: number): number {
  for (const p of pdf.pages) if (p.page >= page && p.runs.length) return p.runs[0]!;
  return 0;
}

