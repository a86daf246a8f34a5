import { basename, extname } from 'node:path';
import { anchor } from '../../../shared/anchoring';
import { labelToken } from '../../../shared/export/annotations';
import { offsetMap } from '../../../shared/export/code-points';
import { inLayer, type Annotation, type Entity, type Label, type PdfRect, type PdfSourceMap, type RichDoc } from '../../../shared/model';
import { rectToTextRange } from '../../../shared/model/pdf';
import type { Archive } from '../archive';
import { DocumentFinder } from './document-finder';
import { markdownToRich } from './markdown-to-rich';
import { parseBrat } from './parse-brat';
import { parseDoccano } from './parse-doccano';
import { parseW3c } from './parse-w3c';
import type { ImportReport, Incoming, IncomingDoc } from './types';

export interface InterchangeFile {
  /** file name (a path is fine): its extension picks the format, .jsonl doccano, .ann brat, .json/.jsonld W3C */
  name: string;
  content: string;
}

export interface InterchangeOptions {
  labels?: readonly Label[];
  /** the registry: links to entities it does not hold are dropped (with a warning) */
  entities?: readonly Entity[];
  /**
   * The layer (author) the annotations go into: an annotator's exported file comes in as
   * their layer. "Already in the archive" then means already in that layer. Absent: the user's.
   */
  layer?: string;
}

/** How many reasons a report lists before it summarises the rest. */
const MAX_REASONS = 50;

/**
 * Imports annotations from doccano JSONL, brat standoff (.ann with its .txt beside it)
 * and W3C Web Annotation JSON into documents of the archive whose text matches. Every
 * annotation is created through archive.annotations.create, so its quote and context come
 * from the stored text. Importing the same file twice adds nothing the second time.
 */
export async function importAnnotationFiles(archive: Archive, files: readonly InterchangeFile[], options: InterchangeOptions = {}): Promise<ImportReport[]> {
  const finder = new DocumentFinder(archive);
  const texts = new Map(files.filter((f) => extname(f.name).toLowerCase() === '.txt').map((f) => [stem(f.name), f.content]));
  const reports: ImportReport[] = [];
  for (const file of files) {
    const ext = extname(file.name).toLowerCase();
    // brat's texts are read with their .ann; its annotation.conf/visual.conf hold no annotations.
    if (ext === '.txt' || ext === '.conf') continue;
    const format = ext === '.jsonl' ? 'doccano' : ext === '.ann' ? 'brat' : ext === '.json' || ext === '.jsonld' ? 'w3c' : null;
    const report: ImportReport = { file: file.name, format: format ?? 'w3c', imported: 0, skipped: 0, reasons: [], warnings: [], documents: [] };
    reports.push(report);
    if (!format) {
      skip(report, `not a format Marginalia imports annotations from (${ext || 'no extension'}): use .jsonl, .ann or .json`);
      continue;
    }
    let docs: IncomingDoc[];
    try {
      if (format === 'brat') {
        const text = texts.get(stem(file.name));
        if (text === undefined) {
          skip(report, `no ${basename(stem(file.name))}.txt given beside it: brat offsets need the text`);
          continue;
        }
        docs = [parseBrat(file.content, text)];
      } else {
        docs = format === 'doccano' ? parseDoccano(file.content) : parseW3c(file.content, archive.catalog.settings().colors);
      }
    } catch (error) {
      skip(report, `could not be read: ${(error as Error).message}`);
      continue;
    }
    for (const doc of docs) await importDoc(archive, finder, doc, report, options);
  }
  return reports;
}

async function importDoc(archive: Archive, finder: DocumentFinder, doc: IncomingDoc, report: ImportReport, options: InterchangeOptions): Promise<void> {
  for (const reason of doc.unreadable) skip(report, reason);
  if (!doc.annotations.length) return;
  const found = await finder.find(doc.match);
  if (typeof found === 'string') {
    for (const a of doc.annotations) skip(report, `${a.where}: ${found}`);
    return;
  }
  const { id, text } = found;
  const labels = options.labels ?? archive.entities.labels();
  const entityIds = new Set((options.entities ?? archive.entities.registry()).map((e) => e.id));
  const all = await archive.annotations.list(id);
  const existing = options.layer ? inLayer(all, options.layer, archive.catalog.settings().team?.user) : all;
  const author = options.layer ? { author: options.layer } : {};
  const map = offsetMap(text);
  let pdf: PdfSourceMap | null | undefined;
  // Which annotation each incoming mention became (or already was): relations point at them.
  const placed = new Map<Incoming, string>();
  for (const a of doc.annotations) {
    if (a.area) {
      pdf ??= await archive.pdfMaps.get(id).catch(() => null);
      await importArea(archive, id, text, map, pdf, a, existing, labels, report, author);
      continue;
    }
    if ('empty' in a.place) {
      skip(report, `${a.where}: no TextQuoteSelector or TextPositionSelector`);
      continue;
    }
    const label = a.kind === 'entity' ? labels.find((l) => l.id === a.label || labelToken(l.id) === a.label)?.id : undefined;
    if (a.kind === 'entity' && !label) {
      skip(report, `${a.where}: ${a.label ? `label ${a.label} is not in the label set` : 'an entity mention without a label'}`);
      continue;
    }
    const range = locate(a, text, map);
    if (typeof range === 'string') {
      skip(report, `${a.where}: ${range}`);
      continue;
    }
    const already = existing.find((e) => same(e, a.kind, range, label));
    if (already) {
      placed.set(a, already.id);
      skip(report, `${a.where}: already in the archive`);
      continue;
    }
    let entityId = a.entityId;
    if (entityId && !entityIds.has(entityId)) {
      report.warnings.push(`${a.where}: entity ${entityId} is not in the registry; linked by its name instead`);
      entityId = undefined;
    }
    // A mention always belongs to an entity: the registry's entry of that name, or a new one.
    if (a.kind === 'entity' && label && !entityId) entityId = (await archive.entities.resolve(label, text.slice(range.start, range.end))).id;
    const dropped = (url: string) =>
      report.warnings.push(`${a.where}: link to ${JSON.stringify(url.slice(0, 80))} dropped from the comment (only http, https and mailto links are kept); its text stays`);
    const created = await archive.annotations.create(id, {
      kind: a.kind,
      ...range,
      ...author,
      ...(a.color ? { color: a.color } : {}),
      ...(label ? { label } : {}),
      ...(entityId ? { entityId } : {}),
      ...(a.comment?.trim() ? { comment: a.commentFormat === 'text/markdown' ? markdownToRich(a.comment, dropped) : textToRich(a.comment) } : {}),
    });
    existing.push(created);
    placed.set(a, created.id);
    report.imported++;
    if (!report.documents.includes(id)) report.documents.push(id);
  }
  await importRelations(archive, id, doc, placed, existing, report);
}

/** Relations after their mentions: each end must have been placed (imported now or already there). */
async function importRelations(archive: Archive, docId: string, doc: IncomingDoc, placed: Map<Incoming, string>, existing: Annotation[], report: ImportReport): Promise<void> {
  const types = archive.relations.types();
  for (const r of doc.relations ?? []) {
    const type = types.find((t) => t.id === r.type || labelToken(t.id) === r.type);
    const from = placed.get(r.from);
    const to = placed.get(r.to);
    if (!type) skip(report, `${r.where}: relation type ${r.type} is not defined (label settings)`);
    else if (!from || !to) skip(report, `${r.where}: one of its mentions could not be imported (${r.from.where}, ${r.to.where})`);
    else if (existing.some((e) => e.kind === 'relation' && e.type === type.id && e.from === from && e.to === to)) skip(report, `${r.where}: already in the archive`);
    else {
      try {
        existing.push(await archive.relations.create(docId, { from, to, type: type.id }));
        report.imported++;
        if (!report.documents.includes(docId)) report.documents.push(docId);
      } catch (error) {
        skip(report, `${r.where}: ${(error as Error).message}`);
      }
    }
  }
}

/** An area annotation (W3C FragmentSelector page + xywh) onto a page of a PDF: its text is what lies inside it. */
async function importArea(
  archive: Archive,
  id: string,
  text: string,
  map: ReturnType<typeof offsetMap>,
  pdf: PdfSourceMap | null,
  a: Incoming,
  existing: Annotation[],
  labels: readonly Label[],
  report: ImportReport,
  author: { author?: string },
): Promise<void> {
  const { page, xywh } = a.area!;
  const view = pdf?.pages.find((p) => p.page === page)?.view;
  if (!pdf || !view) {
    skip(report, `${a.where}: an area on page ${page}, but ${pdf ? 'the PDF has no such page' : 'this document is not a PDF'}`);
    return;
  }
  const [x, y, w, h] = xywh;
  const rect: PdfRect = [view[0] + x, view[3] - y - h, view[0] + x + w, view[3] - y];
  const label = a.kind === 'entity' ? labels.find((l) => l.id === a.label || labelToken(l.id) === a.label)?.id : undefined;
  if (a.kind === 'entity' && !label) {
    skip(report, `${a.where}: label ${a.label ?? '(none)'} is not in the label set`);
    return;
  }
  if (existing.some((e) => e.kind === 'area' && e.geometry?.[0]?.page === page && e.geometry[0].rects[0]?.every((n, i) => Math.abs(n - rect[i]!) < 1))) {
    skip(report, `${a.where}: already in the archive`);
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

/** UTF-16 range of an incoming annotation, or why it cannot be placed. */
function locate(a: Incoming, text: string, map: ReturnType<typeof offsetMap>): { start: number; end: number } | string {
  const p = a.place;
  if ('empty' in p) return 'no text to place';
  const hint = p.start !== undefined && p.end !== undefined ? { start: map.toUtf16(p.start), end: map.toUtf16(p.end) } : null;
  if (!('quote' in p)) {
    if (!hint || hint.start < 0 || hint.end < 0 || hint.start >= hint.end) return `offsets ${p.start}–${p.end} are not inside the text (${map.codePoints} characters)`;
    return hint;
  }
  if (hint && hint.start >= 0 && text.slice(hint.start, hint.end) === p.quote) return hint;
  const result = anchor(text, { start: hint && hint.start >= 0 ? hint.start : 0, end: hint && hint.end >= 0 ? hint.end : p.quote.length, quote: p.quote, prefix: p.prefix, suffix: p.suffix });
  if (result.status === 'orphan') return `the quote ${JSON.stringify(p.quote.slice(0, 40))} was not found in the text (${result.reason})`;
  return { start: result.start, end: result.end };
}

function same(e: Annotation, kind: string, range: { start: number; end: number }, label: string | undefined): boolean {
  return e.kind === kind && e.target.start === range.start && e.target.end === range.end && (kind !== 'entity' || e.label === label);
}

/** Comments arrive as plain text or Markdown source: kept as text, paragraphs and line breaks intact. */
export function textToRich(text: string): RichDoc {
  const paragraphs = text.trim().split(/\n\s*\n/);
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p.split('\n').flatMap((line, i) => [...(i ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    })),
  };
}

function skip(report: ImportReport, reason: string): void {
  report.skipped++;
  if (report.reasons.length < MAX_REASONS) report.reasons.push(reason);
  else if (report.reasons.length === MAX_REASONS) report.reasons.push('… and more');
}

function stem(name: string): string {
  return name.slice(0, name.length - extname(name).length);
}
