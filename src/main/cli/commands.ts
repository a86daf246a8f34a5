import { Archive, SUPPORTED_EXTENSIONS } from '../core/archive';
import { importPaths, type PathImportOptions } from '../core/import-paths';
import { parsePool } from '../core/importers/parse-pool';
import { isPaged, type RepairEntry } from '../../shared/model';
import { richTextToMarkdown } from '../../shared/markdown/rich-text';
import { offsetMap } from '../../shared/export/code-points';
import { splitsCharacter } from '../../shared/text/grapheme';
import { annotationPlace, type AnnotationPlace } from '../../shared/export/pages';
import { docJson, formatSize, outcomeLine, printable, printJsonArray, summaryLine, table } from './format';
import { waitForOcr } from './ocr-commands';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Each command returns its exit code; the shell around it (index.ts) only parses arguments. */

export async function importCommand(archiveDir: string, paths: string[], json: boolean, io: Output, options: PathImportOptions = {}): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'marginalia import' });
  try {
    for (const notice of archive.notices) io.err(`notice: ${printable(notice)}`);
    const outcomes = await importPaths(archive, paths, {
      ...options,
      onOutcome: (outcome, done, total) => {
        if (!json) (outcome.status === 'failed' ? io.err : io.out)(`[${done}/${total}] ${outcomeLine(outcome)}`);
      },
    });
    if (!json) io.out(summaryLine(outcomes));
    if (outcomes.length === 0) io.err(`nothing to import: no ${SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(', ')} files under the given paths`);
    // Scans are read by OCR before the command ends, so that what it imported is searchable.
    const ocrFailed = await waitForOcr(archive, json ? { out: io.err, err: io.err } : io);
    // Nothing is left to parse: the parse workers' memory goes back before the answer and the
    // close's saves are made, which is when the import's memory peaked (issue #19).
    await parsePool.releaseIdle();
    if (json) {
      // One lookup table: a find over the list per outcome made --json quadratic in the archive (issue #19).
      const listed = new Map(archive.list().map((d) => [d.id, d]));
      printJsonArray(outcomes, (o) => ('doc' in o ? { ...o, doc: docJson(listed.get(o.doc.id) ?? o.doc) } : o), io.out);
    }
    return outcomes.some((o) => o.status === 'failed') || ocrFailed.length ? 1 : 0;
  } finally {
    await archive.close();
  }
}

export async function listCommand(archiveDir: string, json: boolean, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia list' });
  for (const notice of archive.notices) io.err(`notice: ${printable(notice)}`);
  const docs = archive.list().sort((a, b) => b.importedAt.localeCompare(a.importedAt));
  if (json) {
    io.out(JSON.stringify(docs.map(docJson), null, 2));
  } else if (docs.length === 0) {
    io.out(`The archive ${archiveDir} is empty. Import with: marginalia import PATH...`);
  } else {
    const rows = docs.map((d) => [d.id, d.type, formatSize(d.size).padStart(8), d.importedAt.slice(0, 16).replace('T', ' '), d.language ?? '', d.date ?? '', `${d.title}${d.notices?.length ? `  (notice: ${d.notices.join('; ')})` : ''}`]);
    io.out(table([['ID', 'TYPE', 'SIZE', 'IMPORTED', 'LANG', 'DATE', 'TITLE'], ...rows]));
  }
  return 0;
}

/**
 * Tells, on stderr, every repair of a document's files that the user has not dismissed;
 * answers the exit code (1 when there is one), so scripts cannot take a damaged document for a good one.
 */
function warnRepairs(archive: Archive, id: string, io: Output): number {
  const repairs = archive.repairList().filter((r) => r.docId === id);
  for (const r of repairs) io.err(`warning: ${repairLine(r)}`);
  if (repairs.length) io.err(`warning: see \`marginalia repairs\`; dismiss with \`marginalia repairs dismiss ID\` once dealt with.`);
  return repairs.length ? 1 : 0;
}

function repairLine(r: RepairEntry): string {
  const aside = r.setAsideAs ? ` It was set aside as ${r.setAsideAs}.` : '';
  const copy = r.backup ? ` A good copy (${r.backup}, ${r.backupAt ?? 'date unknown'}) can be put back: marginalia repairs restore ${r.id}` : '';
  return `${r.problem}.${aside} ${r.action}${copy}`;
}

export async function showCommand(archiveDir: string, id: string, json: boolean, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia show' });
  const { meta, text, blocks } = await archive.get(id);
  // Reading the annotations file is what finds it damaged (a read-only program records that in memory).
  await archive.annotations.list(id);
  const status = warnRepairs(archive, id, io);
  if (json) {
    io.out(JSON.stringify({ ...docJson(meta), blocks, text }, null, 2));
  } else {
    io.out(`${printable(meta.title)}\n`);
    io.out(table([
      ['id', meta.id],
      ['type', meta.type],
      ['size', formatSize(meta.size)],
      ['source', meta.sourceName],
      ['encoding', meta.encoding],
      ['imported', meta.importedAt],
      ['language', meta.language ?? '-'],
      ['date', meta.date ?? '-'],
      ...(meta.author ? [['author', meta.author]] : []),
      ['blocks', String(blocks.length)],
      ...(meta.notices ?? []).map((notice) => ['notice', notice]),
    ]));
    io.out(`\n${text}`);
  }
  return status;
}

export async function annotationsCommand(archiveDir: string, id: string, json: boolean, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia annotations' });
  const annotations = await archive.annotations.list(id);
  const status = warnRepairs(archive, id, io);
  const { text, meta } = await archive.get(id);
  // Offsets are printed in code points, as every export gives them (stored ones are UTF-16).
  const points = offsetMap(text);
  const pdf = isPaged(meta.type) ? await archive.pdfMaps.get(id).catch(() => null) : null;
  const rows = annotations.map((a) => {
    const place = annotationPlace(a, pdf);
    return {
      id: a.id,
      kind: a.kind,
      start: points.toCodePoint(a.target.start),
      end: points.toCodePoint(a.target.end),
      quote: a.target.quote,
      ...(place ? pageFields(place) : {}),
      ...(a.color ? { color: a.color } : {}),
      ...(a.label ? { label: a.label } : {}),
      comment: richTextToMarkdown(a.comment),
      ...(a.orphan ? { orphan: a.orphan.reason } : {}),
      ...(a.review ? { review: { oldQuote: a.review.oldQuote, newQuote: a.review.newQuote } } : {}),
      ...(a.kind === 'relation' ? { from: a.from, to: a.to, type: a.type } : {}),
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    };
  });
  // A span cutting a character apart (an imported corpus may hold one) lands differently in other tools: said.
  for (const a of annotations) {
    if (a.kind !== 'relation' && !a.orphan && (splitsCharacter(text, a.target.start) || splitsCharacter(text, a.target.end))) {
      io.err(`warning: annotation ${a.id} (${points.toCodePoint(a.target.start)}-${points.toCodePoint(a.target.end)}) splits a character (half an emoji, or a letter without its combining mark)`);
    }
  }
  if (json) {
    io.out(JSON.stringify(rows, null, 2));
  } else if (rows.length === 0) {
    io.out('No annotations in this document.');
  } else {
    for (const row of rows) {
      const tag = row.orphan ? 'ORPHAN ' : row.review ? 'REVIEW ' : '';
      const page = 'page' in row ? `  p. ${row.pageLabel ?? row.page}` : '';
      io.out(`${tag}${row.id}  ${row.kind}${row.color ? ` ${row.color}` : ''}${row.label ? ` ${row.label}` : ''}  ${row.start}-${row.end}${page}  "${row.quote.replace(/\s+/g, ' ')}"`);
      if (row.comment) io.out(row.comment.replace(/^/gm, '    '));
    }
  }
  return status;
}

/** `marginalia repairs [list|dismiss ID|restore ID]`: the files the archive set aside or rebuilt. */
export async function repairsCommand(archiveDir: string, action: string, id: string | undefined, json: boolean, io: Output): Promise<number> {
  if (action !== 'list' && !id) throw new Error(`marginalia repairs ${action} needs the id of a repair (see marginalia repairs)`);
  const archive = await Archive.open(archiveDir, { writable: action !== 'list', owner: 'marginalia repairs' });
  try {
    if (action === 'dismiss') {
      await archive.repairs.dismiss(id!);
      io.out(`Dismissed ${id}.`);
      return 0;
    }
    if (action === 'restore') {
      const { restored } = await archive.restoreRepair(id!);
      io.out(`Restored ${restored} annotation(s) from the good copy; the repair is dismissed.`);
      return 0;
    }
    if (action !== 'list') throw new Error(`unknown action ${JSON.stringify(action)}: use list, dismiss ID or restore ID`);
    const repairs = archive.repairList();
    if (json) io.out(JSON.stringify(repairs, null, 2));
    else if (repairs.length === 0) io.out('No repairs: every file of the archive was read as it was written.');
    else for (const r of repairs) io.out(`${r.id}  ${r.at.slice(0, 19).replace('T', ' ')}  ${r.docTitle ? `${r.docTitle} — ` : ''}${r.file}\n    ${repairLine(r)}`);
    return 0;
  } finally {
    await archive.close();
  }
}

export async function searchCommand(archiveDir: string, query: string, options: { json: boolean; limit: number }, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia search' });
  const result = await archive.search.search(query, { limit: options.limit, snippets: true });
  if (options.json) {
    io.out(JSON.stringify(result.hits.map((h) => ({ id: h.id, title: h.title, score: Number(h.score.toFixed(4)), snippet: h.snippet?.text ?? '' })), null, 2));
    return 0;
  }
  if (result.hits.length === 0) {
    io.out(`No documents match ${JSON.stringify(query)}.`);
    return 0;
  }
  io.out(`${result.approximate ? 'about ' : ''}${result.total} document(s) match ${JSON.stringify(query)}:\n`);
  for (const hit of result.hits) {
    io.out(`${hit.id}  ${printable(hit.title)}`);
    if (hit.snippet) io.out(`    ${markHits(hit.snippet.text, hit.snippet.highlights)}`);
  }
  return 0;
}

/** Hits in «» so they stand out in a terminal without colour codes. */
function markHits(text: string, highlights: [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of highlights) {
    out += `${text.slice(at, start)}«${text.slice(start, end)}»`;
    at = end;
  }
  return (out + text.slice(at)).replace(/\s+/g, ' ');
}

export async function entitiesCommand(archiveDir: string, json: boolean, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia entities' });
  const entities = await archive.entities.list();
  const rows = entities.map((e) => ({ id: e.id, entity: e.name, label: e.label, aliases: e.aliases, mentions: e.mentionCount, documents: e.documentCount }));
  if (json) io.out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) io.out('No entities yet: tag names in the reader (keys 1–9).');
  else io.out(table([['ID', 'LABEL', 'MENTIONS', 'DOCS', 'ENTITY', 'ALIASES'], ...rows.map((r) => [r.id, r.label, String(r.mentions), String(r.documents), r.entity, r.aliases.join('; ')])]));
  return 0;
}

/** page (1-based), its label where the PDF labels pages, and rectangles in PDF points (origin bottom-left). */
function pageFields(place: AnnotationPlace) {
  const rects = place.geometry.flatMap((g) => g.rects.map(([x0, y0, x1, y1]) => ({ page: g.page, x0, y0, x1, y1 })));
  return { page: place.page, ...(place.label !== String(place.page) ? { pageLabel: place.label } : {}), rects };
}

/** Builds missing or old source maps of PDFs (all, or the given ids); one line per document. */
export async function reindexCommand(archiveDir: string, ids: string[], options: { force: boolean; json: boolean }, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'marginalia reindex' });
  try {
    const chosen = ids.length ? ids : archive.list().filter((d) => isPaged(d.type)).map((d) => d.id);
    const results: { id: string; title: string; result: string; reason?: string }[] = [];
    let failed = false;
    for (const id of chosen) {
      let title = id;
      let result: Awaited<ReturnType<typeof archive.pdfMaps.reindex>>;
      try {
        title = (await archive.get(id)).meta.title;
        result = await archive.pdfMaps.reindex(id, options.force);
      } catch (error) {
        result = { failed: (error as Error).message };
      }
      const line =
        typeof result === 'object'
          ? { id, title, result: 'failed', reason: result.failed }
          : { id, title, result: REINDEX_WORDS[result] };
      if (typeof result === 'object') failed = true;
      results.push(line);
      if (!options.json) (line.result === 'failed' ? io.err : io.out)(`${id}  ${line.result}${line.reason ? `: ${line.reason}` : ''}  ${title}`);
    }
    if (options.json) io.out(JSON.stringify(results, null, 2));
    else if (chosen.length === 0) io.out('No PDFs in this archive.');
    return failed ? 1 : 0;
  } finally {
    await archive.close();
  }
}

const REINDEX_WORDS = {
  current: 'up to date',
  built: 'page map built',
  'built-approximate': 'page map built (the text read again differs: positions approximate; see the notice)',
  'not-pdf': 'not a PDF: nothing to do',
} as const;
