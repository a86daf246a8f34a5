/**
 * A new document's meta.json as its import first writes it, from what the main thread knows
 * of the file (its id, bytes and name) and what the parse worker learnt from it. One function
 * for both threads: the parse worker writes meta.json into the staging folder with the other
 * files (issue #19: no file left for the main thread to write), and the main thread lists the
 * same metadata without reading it back.
 */
import type { DocumentMeta } from '../../../shared/model';

/** What the main thread knows of a new document before it is parsed. */
export interface MetaBase {
  id: string;
  type: DocumentMeta['type'];
  size: number;
  sha256: string;
  sourceName: string;
  /** when the import began (ISO): the document's importedAt and updatedAt */
  now: string;
}

/** What the parse gave (the importer's and analyseFile's fields). */
export interface MetaParsed {
  title: string;
  encoding: string;
  text: string;
  notices?: string[];
  date?: string;
  author?: string;
  language?: string;
}

export function newDocumentMeta(base: MetaBase, parsed: MetaParsed, checks: DocumentMeta['checks'], ocr?: DocumentMeta['ocr']): DocumentMeta {
  return {
    id: base.id,
    title: parsed.title,
    type: base.type,
    size: base.size,
    sha256: base.sha256,
    sourceName: base.sourceName,
    encoding: parsed.encoding,
    textLength: parsed.text.length,
    checks,
    ...(parsed.notices?.length ? { notices: parsed.notices } : {}),
    ...(ocr ? { ocr } : {}),
    ...optional('date', parsed.date),
    ...optional('author', parsed.author),
    ...optional('language', parsed.language),
    version: 1,
    importedAt: base.now,
    updatedAt: base.now,
  };
}

/** The metadata as meta.json holds it, one field a line (without the blocks: metaFileJson). */
export const metaJson = (meta: DocumentMeta): string => JSON.stringify(meta, null, 1);

/** The key the blocks stand under in meta.json: last, on a line of their own. */
export const BLOCKS_KEY = 'blocks';

/**
 * A document's meta.json: its metadata, and (since issue #19) its blocks as their last field,
 * so that a document is three files (original, text.txt, meta.json) where it was four with
 * blocks.json: creating files is what bounds the import's staging and a restore (layout.ts).
 * The blocks are `blocksJson` verbatim on one line (JSON.stringify(blocks), whose SHA-256 is
 * checks.blocks as it was of blocks.json): indented like the metadata, they would take four
 * times the bytes. Without blocks (a folder from before, whose blocks.json holds them), the
 * metadata alone.
 */
export function metaFileJson(meta: DocumentMeta, blocksJson: string | undefined): string {
  const json = metaJson(meta);
  // metaJson ends with "\n}": the blocks go in before it, as the object's last member.
  return blocksJson === undefined ? json : `${json.slice(0, -2)},\n "${BLOCKS_KEY}": ${blocksJson}\n}`;
}

/** `{ key: value }` when there is a value, else nothing: metadata leaves absent fields out rather than empty. */
export const optional = <K extends string>(key: K, value: string | undefined) => (value ? { [key]: value } : {}) as { [P in K]?: string };
