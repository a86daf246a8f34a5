import { basename, extname } from 'node:path';
import { labelToken } from '../../../shared/export/annotations';
import { offsetMap } from '../../../shared/export/code-points';
import { inLayer, type Entity, type Label, type PdfSourceMap } from '../../../shared/model';
import { splitsCharacter } from '../../../shared/text/grapheme';
import type { Archive } from '../archive';
import { DocumentFinder } from './document-finder';
import { importArea } from './import-area';
import { key, locate } from './locate';
import { findLabel, skip, textToRich } from './report';
import { markdownToRich } from './markdown-to-rich';
import { parseBrat } from './parse-brat';
import { parseDoccano } from './parse-doccano';
import { parseW3c } from './parse-w3c';
import { CONLL_EXTENSIONS, parseConll } from './parse-conll';
import { CONLL_SOURCE_SUFFIX } from '../../../shared/export/conll';
import { isLabelStudio, parseLabelStudio } from './parse-label-studio';
import { ensureLabels, parseBratConf, type BratConf } from './corpus-labels';
import type { NewAnnotation } from '../annotations/new-annotation';
import type { ImportReport, Incoming, IncomingDoc, IncomingRelation } from './types';

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
  /** false: annotations whose text no document has are skipped instead of creating that document */
  createDocuments?: boolean;
  /** create the labels and relation types the files use that the archive lacks */
  createLabels?: boolean;
  /** incoming label or relation type -> the archive's (--map PER=PERSON) */
  map?: Record<string, string>;
  /** brat annotation.conf / visual.conf read beside the files: types and colours */
  conf?: BratConf;
}

/**
 * Imports annotations from doccano JSONL, brat standoff (.ann with its .txt beside it),
 * CoNLL, Label Studio JSON and W3C Web Annotation JSON. A text that came with its
 * annotations lands in the document holding exactly that text, or in a new document
 * storing it as given; W3C annotations are placed by quote. Every document's annotations
 * are written once per import, their quote and context taken from the stored text.
 * Importing the same files twice adds nothing the second time (duplicates are counted).
 */
export async function importAnnotationFiles(archive: Archive, files: readonly InterchangeFile[], options: InterchangeOptions = {}): Promise<ImportReport[]> {
  const finder = new DocumentFinder(archive);
  const texts = new Map(files.filter((f) => extname(f.name).toLowerCase() === '.txt').map((f) => [stem(f.name), f.content]));
  const reports: ImportReport[] = [];
  const parsed: { report: ImportReport; docs: IncomingDoc[] }[] = [];
  for (const file of files) {
    const ext = extname(file.name).toLowerCase();
    // brat's texts are read with their .ann; its annotation.conf/visual.conf hold no annotations.
    if (ext === '.txt' || ext === '.conf') continue;
    const format = formatOf(file);
    const report: ImportReport = { file: file.name, format: format ?? 'w3c', imported: 0, skipped: 0, reasons: [], warnings: [], documents: [] };
    reports.push(report);
    if (!format) {
      skip(report, `not a format Marginalia imports annotations from (${ext || 'no extension'}): use .jsonl, .ann, .conll or .json`);
      continue;
    }
    try {
      const docs = parseFile(archive, file, format, texts, report);
      if (docs) parsed.push({ report, docs });
    } catch (error) {
      skip(report, `could not be read: ${withLine((error as Error).message, file.content)}`);
    }
  }
  // brat's annotation.conf (and visual.conf) among the files: its types and colours.
  const confOf = (n: string) => files.find((f) => basename(f.name) === n)?.content;
  const annotationConf = confOf('annotation.conf');
  const conf = options.conf ?? (annotationConf !== undefined ? parseBratConf(annotationConf, confOf('visual.conf')) : undefined);
  const labels = await prepareLabels(archive, parsed, { ...options, ...(conf ? { conf } : {}) });
  // Every document's spans first, then the registry's new entities in one write, then each
  // document's annotations in one write: no write grows with the number of documents.
  const prepared: Prepared[] = [];
  for (const { report, docs } of parsed) {
    for (const doc of docs) {
      const ready = await prepareDoc(archive, finder, doc, report, { ...options, labels });
      if (ready) prepared.push(ready);
    }
  }
  const wanted = prepared.flatMap((p) => p.toResolve);
  const entities = await archive.entities.resolveMany(wanted);
  wanted.forEach((w, i) => (w.input.entityId = entities[i]!.id));
  for (const ready of prepared) await commitDoc(archive, ready);
  return reports;
}

/** One document's incoming annotations, checked and placed, not yet written. */
interface Prepared {
  id: string;
  doc: IncomingDoc;
  report: ImportReport;
  pending: { a: Incoming; input: NewAnnotation }[];
  /** mentions whose entity is found or made by name (in one write for the whole import) */
  toResolve: { input: NewAnnotation; label: string; name: string }[];
  placed: Map<Incoming, string>;
}

/** JSON.parse names a position: say the line (and column) too, as every other error does. */
function withLine(message: string, content: string): string {
  const at = /at position (\d+)/.exec(message);
  if (!at) return message;
  const before = content.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}: ${message}`;
}

function formatOf(file: InterchangeFile): ImportReport['format'] | null {
  const ext = extname(file.name).toLowerCase();
  if (ext === '.jsonl') return 'doccano';
  if (ext === '.ann') return 'brat';
  if (CONLL_EXTENSIONS.includes(ext)) return 'conll';
  if (ext === '.json' || ext === '.jsonld') return isLabelStudio(file.content) ? 'labelstudio' : 'w3c';
  return null;
}

function parseFile(archive: Archive, file: InterchangeFile, format: ImportReport['format'], texts: Map<string, string>, report: ImportReport): IncomingDoc[] | null {
  const name = basename(stem(file.name));
  switch (format) {
    case 'brat': {
      const text = texts.get(stem(file.name));
      if (text === undefined) {
        skip(report, `no ${name}.txt given beside it: brat offsets need the text`);
        return null;
      }
      return [{ ...parseBrat(file.content, text), create: { name: `${name}.txt` } }];
    }
    case 'doccano':
      return parseDoccano(file.content).map((d) => ({ ...d, create: { name: `${name}-${d.where.replace(' ', '-')}.txt` } }));
    case 'conll':
      return parseConll(file.content).map((d, i, all) => ({ ...d, create: { name: `${all.length > 1 ? `${name}-${i + 1}` : name}${CONLL_SOURCE_SUFFIX}` } }));
    case 'labelstudio':
      return parseLabelStudio(file.content).map((d) => ({ ...d, create: { name: `${name}-${d.where.replace(/[^\w-]+/g, '-')}.txt` } }));
    case 'w3c':
      return parseW3c(file.content, archive.catalog.settings().colors);
  }
}

/**
 * The label set for this import: incoming labels renamed by --map, and labels and relation
 * types the files use but the archive lacks created (with colours) when asked, in one write.
 */
async function prepareLabels(archive: Archive, parsed: { report: ImportReport; docs: IncomingDoc[] }[], options: InterchangeOptions): Promise<readonly Label[]> {
  const map = options.map ?? {};
  for (const { docs } of parsed) {
    for (const doc of docs) {
      for (const a of doc.annotations) if (a.label && map[a.label]) a.label = map[a.label];
      for (const r of doc.relations ?? []) if (map[r.type]) r.type = map[r.type]!;
    }
  }
  if (!options.createLabels) return options.labels ?? archive.entities.labels();
  const seen = parsed.flatMap(({ docs }) => docs.flatMap((d) => d.annotations.filter((a) => a.kind === 'entity' && a.label).map((a) => a.label!)));
  const relationTypes = parsed.flatMap(({ docs }) => docs.flatMap((d) => (d.relations ?? []).map((r) => r.type)));
  const { created, refused } = await ensureLabels(archive, seen, relationTypes, options.conf);
  const first = parsed[0]?.report;
  if (first) {
    if (created.length) first.warnings.push(`created label(s) and relation type(s) the archive lacked: ${created.join(', ')}`);
    for (const reason of refused) first.warnings.push(reason);
  }
  return archive.entities.labels();
}

async function prepareDoc(archive: Archive, finder: DocumentFinder, doc: IncomingDoc, report: ImportReport, options: InterchangeOptions): Promise<Prepared | null> {
  for (const reason of doc.unreadable) skip(report, reason);
  if (!doc.annotations.length) return null;
  let found = await finder.find(doc.match);
  if (typeof found === 'string' && doc.create && 'text' in doc.match && doc.match.text && options.createDocuments !== false) {
    found = await createDocument(archive, finder, doc.create.name, doc.match.text, report);
  }
  if (typeof found === 'string') {
    for (const a of doc.annotations) skip(report, `${a.where}: ${found}`);
    return null;
  }
  const { id, text } = found;
  const labels = options.labels ?? archive.entities.labels();
  const entityIds = new Set((options.entities ?? archive.entities.registry()).map((e) => e.id));
  const all = await archive.annotations.list(id);
  const existing = options.layer ? inLayer(all, options.layer, archive.catalog.settings().team?.user) : all;
  const author = options.layer ? { author: options.layer } : {};
  // Keys of what the document holds, so a re-import finds its duplicates without a scan per span.
  const held = new Map(existing.filter((e) => e.kind !== 'relation').map((e) => [key(e.kind, e.target, e.label) + (e.orphan ? '|orphan' : ''), e.id]));
  const map = offsetMap(text);
  let pdf: PdfSourceMap | null | undefined;
  // Which annotation each incoming mention became (or already was): relations point at them.
  const placed = new Map<Incoming, string>();
  // Collected, then written in one go: one write of the document's annotations per import, not per span.
  const pending: { a: Incoming; input: NewAnnotation }[] = [];
  const toResolve: Prepared['toResolve'] = [];
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
    const label = a.kind === 'entity' ? findLabel(labels, a.label) : undefined;
    if (a.kind === 'entity' && !label) {
      skip(report, `${a.where}: ${a.label ? `label ${a.label} is not in the label set` : 'an entity mention without a label'}`);
      continue;
    }
    const located = locate(a, text, map);
    if (typeof located === 'string') {
      skip(report, `${a.where}: ${located}`);
      continue;
    }
    const { ambiguous, ...range } = located;
    if (splitsCharacter(text, range.start) || splitsCharacter(text, range.end)) {
      report.warnings.push(`${a.where}: the span ${JSON.stringify(text.slice(range.start, range.end).slice(0, 40))} splits a character (half an emoji, or a letter without its combining mark); imported as given`);
    }
    const k = key(a.kind, range, label) + (ambiguous ? '|orphan' : '');
    const already = held.get(k);
    if (already) {
      placed.set(a, already);
      report.duplicates = (report.duplicates ?? 0) + 1;
      continue;
    }
    held.set(k, '');
    let entityId = a.entityId;
    if (entityId && !entityIds.has(entityId)) {
      report.warnings.push(`${a.where}: entity ${entityId} is not in the registry; linked by its name instead`);
      entityId = undefined;
    }
    // A mention always belongs to an entity: the registry's entry of that name, or a new one (resolved below, in one write).
    // Never the first of several matches: it waits in the orphan review, where the user places it.
    if (ambiguous) report.warnings.push(`${a.where}: ${ambiguous}; it is listed for review (orphans) instead of being placed`);
    const dropped = (url: string) =>
      report.warnings.push(`${a.where}: link to ${JSON.stringify(url.slice(0, 80))} dropped from the comment (only http, https and mailto links are kept); its text stays`);
    pending.push({
      a,
      input: {
        kind: a.kind,
        ...range,
        ...author,
        ...(a.color ? { color: a.color } : {}),
        ...(label ? { label } : {}),
        ...(entityId ? { entityId } : {}),
        ...(ambiguous ? { orphan: { reason: ambiguous } } : {}),
        ...(a.attributes ? { attributes: a.attributes } : {}),
        ...(a.links ? { links: a.links } : {}),
        ...(a.comment?.trim() ? { comment: a.commentFormat === 'text/markdown' ? markdownToRich(a.comment, dropped) : textToRich(a.comment) } : {}),
      },
    });
    if (a.kind === 'entity' && label && !entityId) toResolve.push({ input: pending[pending.length - 1]!.input, label, name: text.slice(range.start, range.end) });
  }
  return { id, doc, report, pending, toResolve, placed };
}

async function commitDoc(archive: Archive, { id, doc, report, pending, placed }: Prepared): Promise<void> {
  if (pending.length) {
    const created = await archive.annotations.createMany(
      id,
      pending.map((p) => p.input),
    );
    created.forEach((c, i) => !c.orphan && placed.set(pending[i]!.a, c.id));
    report.imported += created.length;
    if (!report.documents.includes(id)) report.documents.push(id);
  }
  await importRelations(archive, id, doc, placed, report);
}

/** Relations after their mentions: each end must have been placed (imported now or already there); all in one write. */
async function importRelations(archive: Archive, docId: string, doc: IncomingDoc, placed: Map<Incoming, string>, report: ImportReport): Promise<void> {
  const types = archive.relations.types();
  const wanted: { r: IncomingRelation; input: { from: string; to: string; type: string } }[] = [];
  for (const r of doc.relations ?? []) {
    const type = types.find((t) => t.id === r.type || labelToken(t.id) === r.type);
    const from = placed.get(r.from);
    const to = placed.get(r.to);
    if (!type) skip(report, `${r.where}: relation type ${r.type} is not defined (label settings)`);
    else if (!from || !to) skip(report, `${r.where}: one of its mentions could not be imported (${r.from.where}, ${r.to.where})`);
    else wanted.push({ r, input: { from, to, type: type.id } });
  }
  if (!wanted.length) return;
  const results = await archive.relations.createMany(
    docId,
    wanted.map((w) => w.input),
  );
  results.forEach((result, i) => {
    if ('ok' in result) report.imported++;
    else if (result.error === 'already in the archive') report.duplicates = (report.duplicates ?? 0) + 1;
    else skip(report, `${wanted[i]!.r.where}: ${result.error}`);
  });
  if (results.some((r) => 'ok' in r) && !report.documents.includes(docId)) report.documents.push(docId);
}

/** A document for a text that came with its annotations, stored exactly as given so every offset lands. */
async function createDocument(archive: Archive, finder: DocumentFinder, name: string, text: string, report: ImportReport): Promise<{ id: string; text: string } | string> {
  const outcome = await archive.importFile({ name, bytes: new TextEncoder().encode(text), verbatim: true, separate: true });
  if (outcome.status !== 'imported') return `its text matches no document, and a document for it could not be created (${'reason' in outcome ? outcome.reason : outcome.status})`;
  const stored = (await archive.get(outcome.doc.id)).text;
  if (stored !== text) return `its text matches no document, and the document created for it does not hold the text as given`;
  finder.remember(outcome.doc.id, text);
  (report.created ??= []).push(outcome.doc.id);
  return { id: outcome.doc.id, text };
}

function stem(name: string): string {
  return name.slice(0, name.length - extname(name).length);
}
