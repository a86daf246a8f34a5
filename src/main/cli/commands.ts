import { Archive, SUPPORTED_EXTENSIONS } from '../core/archive';
import { importPaths, type PathImportOptions } from '../core/import-paths';
import { richTextToMarkdown } from '../../shared/markdown/rich-text';
import { docJson, formatSize, outcomeLine, summaryLine, table } from './format';
import { waitForOcr } from './ocr-commands';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Each command returns its exit code; the shell around it (index.ts) only parses arguments. */

export async function importCommand(archiveDir: string, paths: string[], json: boolean, io: Output, options: PathImportOptions = {}): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'marginalia import' });
  try {
    for (const notice of archive.notices) io.err(`notice: ${notice}`);
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
    if (json) io.out(JSON.stringify(outcomes.map((o) => ('doc' in o ? { ...o, doc: docJson(archive.list().find((d) => d.id === o.doc.id) ?? o.doc) } : o)), null, 2));
    return outcomes.some((o) => o.status === 'failed') || ocrFailed.length ? 1 : 0;
  } finally {
    await archive.close();
  }
}

export async function listCommand(archiveDir: string, json: boolean, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia list' });
  for (const notice of archive.notices) io.err(`notice: ${notice}`);
  const docs = archive.list().sort((a, b) => b.importedAt.localeCompare(a.importedAt));
  if (json) {
    io.out(JSON.stringify(docs.map(docJson), null, 2));
  } else if (docs.length === 0) {
    io.out(`The archive ${archiveDir} is empty. Import with: marginalia import PATH...`);
  } else {
    const rows = docs.map((d) => [d.id, d.type, formatSize(d.size).padStart(8), d.importedAt.slice(0, 16).replace('T', ' '), d.title]);
    io.out(table([['ID', 'TYPE', 'SIZE', 'IMPORTED', 'TITLE'], ...rows]));
  }
  return 0;
}

export async function showCommand(archiveDir: string, id: string, json: boolean, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia show' });
  const { meta, text, blocks } = await archive.get(id);
  if (json) {
    io.out(JSON.stringify({ ...docJson(meta), blocks, text }, null, 2));
  } else {
    io.out(`${meta.title}\n`);
    io.out(table([
      ['id', meta.id],
      ['type', meta.type],
      ['size', formatSize(meta.size)],
      ['source', meta.sourceName],
      ['encoding', meta.encoding],
      ['imported', meta.importedAt],
      ['blocks', String(blocks.length)],
    ]));
    io.out(`\n${text}`);
  }
  return 0;
}

export async function annotationsCommand(archiveDir: string, id: string, json: boolean, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia annotations' });
  const annotations = await archive.annotations.list(id);
  const rows = annotations.map((a) => ({
    id: a.id,
    kind: a.kind,
    start: a.target.start,
    end: a.target.end,
    quote: a.target.quote,
    ...(a.color ? { color: a.color } : {}),
    ...(a.label ? { label: a.label } : {}),
    comment: richTextToMarkdown(a.comment),
    ...(a.orphan ? { orphan: a.orphan.reason } : {}),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  }));
  if (json) {
    io.out(JSON.stringify(rows, null, 2));
  } else if (rows.length === 0) {
    io.out('No annotations in this document.');
  } else {
    for (const row of rows) {
      const tag = row.orphan ? 'ORPHAN ' : '';
      io.out(`${tag}${row.id}  ${row.kind}${row.color ? ` ${row.color}` : ''}${row.label ? ` ${row.label}` : ''}  ${row.start}-${row.end}  "${row.quote.replace(/\s+/g, ' ')}"`);
      if (row.comment) io.out(row.comment.replace(/^/gm, '    '));
    }
  }
  return 0;
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
    io.out(`${hit.id}  ${hit.title}`);
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
