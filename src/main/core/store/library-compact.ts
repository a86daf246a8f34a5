/**
 * library.bin: the compact form of every document's metadata (issue #19).
 *
 * Why: library.json held every document's metadata as one JSON file. At 100,000 documents it
 * was ~60 MB, parsed and validated whole at every start (~2 s) and rewritten whole on every
 * title or tag edit (2–5 s). Now the documents' metadata lives in this file, written only
 * when the change log (library-log.ts) is compacted, and loaded as views on one buffer: a
 * table of u32 string references per column and one string table, decoded in one pass
 * without JSON parsing or schema validation (the CRC stands for the validation: the file is
 * only ever written by this module, whole, with writeFileDurable).
 *
 * It is a cache of durable truths, never the only copy: the change log carries every edit
 * since it was written, and each document's meta.json lets it be rebuilt when it is damaged.
 *
 * Layout: "MGLB" | u32 format | u32 header length | u32 CRC-32 of all that follows |
 * header JSON (space-padded to a multiple of 4) | u32 columns (count each, in COLUMNS order)
 * | u32 present[count] (which optional lists and hashes a document has) | u32 tagStarts[count + 1]
 * | u32 tags[] | u32 collectionStarts[count + 1] | u32 collections[] | u32 titleRanks[count]
 * (format 2) | u8 hashes[count × 96] | UTF-8 string table (strings joined by U+0000).
 *
 * Format 2 adds each title's rank in the library table's collator order (title-collation.ts,
 * under the locale the header names): the table's first sort of a session was ~0.9 s at
 * 100,000 documents, ranking every title with the collator; now it is paid here, in the
 * background compaction, once per compaction. Format 1 files are read (without ranks) and
 * rewritten as format 2 by the next compaction.
 */
import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { DocumentMeta, DocType } from '../../../shared/model';
import { rankTitles, titleLocale } from '../../../shared/text/title-collation';
import { concatWords, NONE, readStringTable, stringTable } from './binary-table';

export const COMPACT_FORMAT = 2;
const MAGIC = 'MGLB';
const LEAD = 16;

/** The string columns, one u32 (an index into the string table, or NONE) per document each. */
const STRINGS = ['id', 'title', 'type', 'sourceName', 'encoding', 'date', 'author', 'language', 'importedAt', 'updatedAt', 'extra'] as const;
/**
 * The three SHA-256s of a document (its original, text.txt and blocks.json) as 96 bytes: half
 * the size of their hex, and decoded with one hex conversion for all documents (each hash then a
 * slice of it) instead of being split out of the string table one by one.
 */
const HASH_BYTES = 96;
export const HAS_TAGS = 1;
export const HAS_COLLECTIONS = 2;
const HAS_CHECKS = 4;
const HEX64 = /^[0-9a-f]{64}$/;
/** The number columns: size (two halves: a file may pass 4 GB), text length, version (0: none). */
const NUMBERS = ['sizeLow', 'sizeHigh', 'textLength', 'version'] as const;
const COLUMNS = [...STRINGS, ...NUMBERS] as const;
type Column = (typeof COLUMNS)[number];

interface Header {
  format: number;
  count: number;
  /** the generation of library.log that continues this file */
  logGen: number;
  strings: number;
  /** strings holding U+0000 (the separator), by index: none in practice, kept exact anyway */
  nul?: Record<string, string>;
  /** format 2: the locale of the titles' ranks */
  collation?: string;
}

/** The rank of each title of `docs` (same order) in the table's collator order, under `locale`. */
export interface TitleRanks {
  docs: readonly DocumentMeta[];
  ranks: Uint32Array;
  locale: string;
}

export interface CompactLibrary {
  docs: DocumentMeta[];
  logGen: number;
  /** null in a format 1 file */
  titles: TitleRanks | null;
}

/**
 * library.bin as views on its buffer (issue #19): what the library table needs at start is
 * read from these columns (library-rows.ts) without making 100,000 DocumentMeta objects;
 * `decodeDocuments` makes them when something asks for a document's whole metadata. Every
 * string reference is checked when the columns are read, so a decode later cannot fail.
 */
export interface CompactColumns {
  count: number;
  logGen: number;
  strings: string[];
  columns: Readonly<Record<Column, Uint32Array>>;
  present: Uint32Array;
  tagStarts: Uint32Array;
  tags: Uint32Array;
  collectionStarts: Uint32Array;
  collections: Uint32Array;
  /** format 2: each title's rank, and the locale they were made under; null in a format 1 file */
  ranks: Uint32Array | null;
  locale: string;
  /** the three hashes of each document, HASH_BYTES each, as stored */
  hashes: Buffer;
}

export { NONE };

/** Why the compact form could not be used; the caller rebuilds it from the document folders. */
export class CompactDamagedError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} is damaged: ${reason}`);
    this.name = 'CompactDamagedError';
  }
}

/**
 * The compact form of `docs`, continued by the log of generation `logGen`; `ranks`: their
 * titles' (rankTitles), made here when not given; `checked(i)`: document i's hashes were
 * checked already (it was in the last library.bin written or read), so they are not again.
 */
export function encodeCompact(docs: readonly DocumentMeta[], logGen: number, ranks: Uint32Array = rankTitles(docs.map((d) => d.title)), checked: (i: number) => boolean = () => false): Buffer[] {
  const count = docs.length;
  const strings = stringTable();
  const ref = strings.ref;
  const columns = Object.fromEntries(COLUMNS.map((c) => [c, new Uint32Array(count)])) as Record<Column, Uint32Array>;
  const tagStarts = new Uint32Array(count + 1);
  const collectionStarts = new Uint32Array(count + 1);
  const tags: number[] = [];
  const collections: number[] = [];
  docs.forEach((d, i) => {
    // Ids are unique: no look-up among the strings (a Map insertion each, issue #19).
    columns.id[i] = ref(d.id, true);
    columns.title[i] = ref(d.title);
    columns.type[i] = ref(d.type);
    columns.sourceName[i] = ref(d.sourceName);
    columns.encoding[i] = ref(d.encoding);
    columns.date[i] = ref(d.date);
    columns.author[i] = ref(d.author);
    columns.language[i] = ref(d.language);
    columns.importedAt[i] = ref(d.importedAt);
    columns.updatedAt[i] = ref(d.updatedAt);
    // Rare fields (notices, OCR state) as JSON: parsed only for the documents that have them.
    const extra = d.notices || d.ocr ? JSON.stringify({ ...(d.notices ? { notices: d.notices } : {}), ...(d.ocr ? { ocr: d.ocr } : {}) }) : undefined;
    columns.extra[i] = ref(extra);
    columns.sizeLow[i] = d.size % 0x1_0000_0000;
    columns.sizeHigh[i] = Math.floor(d.size / 0x1_0000_0000);
    columns.textLength[i] = d.textLength;
    columns.version[i] = d.version ?? 0;
    for (const t of d.tags ?? []) tags.push(ref(t));
    tagStarts[i + 1] = tags.length;
    for (const c of d.collections ?? []) collections.push(ref(c));
    collectionStarts[i + 1] = collections.length;
  });
  // An empty list and no list differ (a document whose last tag was removed keeps tags: []): one bit each.
  const present = new Uint32Array(count);
  const hashes = Buffer.alloc(count * HASH_BYTES);
  docs.forEach((d, i) => {
    // The schema makes every hash 64 lower-case hex digits; anything else would not survive the bytes.
    // Those of the last library.bin were checked when it was written, or came from its bytes.
    if (!checked(i) && (!HEX64.test(d.sha256) || (d.checks && !(HEX64.test(d.checks.text) && HEX64.test(d.checks.blocks))))) throw new Error(`document ${d.id}: a hash is not 64 hex digits`);
    hashes.write(d.sha256, i * HASH_BYTES, 'hex');
    if (d.checks) {
      hashes.write(d.checks.text, i * HASH_BYTES + 32, 'hex');
      hashes.write(d.checks.blocks, i * HASH_BYTES + 64, 'hex');
    }
    present[i] = (d.tags ? HAS_TAGS : 0) | (d.collections ? HAS_COLLECTIONS : 0) | (d.checks ? HAS_CHECKS : 0);
  });
  const { bytes: table, count: stringCount, nul } = strings.finish();
  const header: Header = { format: COMPACT_FORMAT, count, logGen, strings: stringCount, ...(nul ? { nul } : {}), collation: titleLocale() };
  const words = concatWords([...COLUMNS.map((c) => columns[c]), present, tagStarts, Uint32Array.from(tags), collectionStarts, Uint32Array.from(collections), ranks]);
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length % 4) json = Buffer.concat([json, Buffer.alloc(4 - (json.length % 4), 0x20)]);
  const body = Buffer.from(words.buffer, words.byteOffset, words.byteLength);
  const lead = Buffer.alloc(LEAD);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(COMPACT_FORMAT, 4);
  lead.writeUInt32LE(json.length, 8);
  lead.writeUInt32LE(crc32(table, crc32(hashes, crc32(body, crc32(json)))), 12);
  return [lead, json, body, hashes, table];
}

/** Reads the compact form; null when there is none, CompactDamagedError when it does not check out. */
export async function readCompact(file: string): Promise<CompactLibrary | null> {
  const columns = await readCompactColumns(file);
  return columns && decodeAll(columns);
}

/** Reads the compact form as columns (CompactColumns); null when there is none, CompactDamagedError when it does not check out. */
export async function readCompactColumns(file: string): Promise<CompactColumns | null> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return compactColumns(file, buffer);
}

export function decodeCompact(file: string, buffer: Buffer): CompactLibrary {
  return decodeAll(compactColumns(file, buffer));
}

function decodeAll(columns: CompactColumns): CompactLibrary {
  const docs = decodeDocuments(columns);
  return { docs, logGen: columns.logGen, titles: columns.ranks ? { docs, ranks: columns.ranks, locale: columns.locale } : null };
}

export function compactColumns(file: string, buffer: Buffer): CompactColumns {
  const damaged = (reason: string) => new CompactDamagedError(file, reason);
  if (buffer.length < LEAD || buffer.toString('latin1', 0, 4) !== MAGIC) throw damaged('not a compact library file');
  const format = buffer.readUInt32LE(4);
  if (format !== 1 && format !== COMPACT_FORMAT) throw damaged(`format ${format}, expected ${COMPACT_FORMAT}`);
  const headerLength = buffer.readUInt32LE(8);
  if (headerLength % 4 || LEAD + headerLength > buffer.length) throw damaged('the header is cut short');
  if (crc32(buffer.subarray(LEAD)) !== buffer.readUInt32LE(12)) throw damaged('its checksum does not match (a torn or damaged write)');
  let header: Header;
  try {
    header = JSON.parse(buffer.toString('utf8', LEAD, LEAD + headerLength)) as Header;
  } catch {
    throw damaged('the header is not valid JSON');
  }
  const { count } = header;
  // Typed arrays need 4-byte alignment; readFile's buffer starts at 0, but do not rely on it.
  const aligned = buffer.byteOffset % 4 === 0 ? buffer : Buffer.from(buffer);
  const base = aligned.byteOffset + LEAD + headerLength;
  const available = (aligned.length - LEAD - headerLength) >>> 2;
  let at = 0;
  const next = (n: number) => {
    if (at + n > available) throw damaged('its tables are cut short');
    const view = new Uint32Array(aligned.buffer, base + at * 4, n);
    at += n;
    return view;
  };
  const columns = {} as Record<Column, Uint32Array>;
  for (const c of COLUMNS) columns[c] = next(count);
  const present = next(count);
  const tagStarts = next(count + 1);
  const tags = next(tagStarts[count]!);
  const collectionStarts = next(count + 1);
  const collections = next(collectionStarts[count]!);
  const ranks = format >= 2 ? next(count) : null;
  const hashStart = LEAD + headerLength + at * 4;
  if (hashStart + count * HASH_BYTES > aligned.length) throw damaged('its hashes are cut short');
  const strings = readStringTable(aligned.toString('utf8', hashStart + count * HASH_BYTES), header.strings, header.nul);
  if (!strings) throw damaged('its string table does not match its header');
  // Every reference in range (the required ones present), checked once here: decoding a document later cannot fail.
  const n = strings.length;
  const inRange = (refs: Uint32Array, optional: boolean) => {
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i]!;
      if (r >= n && !(optional && r === NONE)) return false;
    }
    return true;
  };
  for (const c of STRINGS) if (!inRange(columns[c], OPTIONAL.has(c))) throw damaged('a string reference is out of range');
  if (!inRange(tags, false) || !inRange(collections, false)) throw damaged('a string reference is out of range');
  for (let i = 0; i < count; i++) {
    if (tagStarts[i]! > tagStarts[i + 1]! || collectionStarts[i]! > collectionStarts[i + 1]!) throw damaged('its tables are cut short');
  }
  const hashes = aligned.subarray(hashStart, hashStart + count * HASH_BYTES);
  return { count, logGen: header.logGen, strings, columns, present, tagStarts, tags, collectionStarts, collections, ranks, locale: header.collation ?? '', hashes };
}

/** The optional string columns (NONE: absent). */
const OPTIONAL = new Set<Column>(['date', 'author', 'language', 'extra']);

/** Every document of the columns, in their order (one hex conversion for all hashes). */
export function decodeDocuments(c: CompactColumns): DocumentMeta[] {
  const hex = c.hashes.toString('hex');
  const docs: DocumentMeta[] = new Array(c.count);
  for (let i = 0; i < c.count; i++) docs[i] = decodeDocument(c, i, hex, i * 192);
  return docs;
}

/**
 * Row `i` of the columns as a document; `hex` holds its three hashes in hex from `at` (all
 * rows' hashes at once for decodeDocuments; one row's, `rowHashes`, for a reader that makes
 * documents one at a time and drops them: library.list, issue #19).
 */
export function decodeDocument(c: CompactColumns, i: number, hex = rowHashes(c, i), at = 0): DocumentMeta {
  const { columns, present, strings } = c;
  const opt = (ref: number): string | undefined => (ref === NONE ? undefined : strings[ref]);
  const doc: DocumentMeta = {
    id: strings[columns.id[i]!]!,
    title: strings[columns.title[i]!]!,
    type: strings[columns.type[i]!]! as DocType,
    size: columns.sizeHigh[i]! * 0x1_0000_0000 + columns.sizeLow[i]!,
    sha256: hex.slice(at, at + 64),
    sourceName: strings[columns.sourceName[i]!]!,
    encoding: strings[columns.encoding[i]!]!,
    textLength: columns.textLength[i]!,
    importedAt: strings[columns.importedAt[i]!]!,
    updatedAt: strings[columns.updatedAt[i]!]!,
  };
  if (present[i]! & HAS_CHECKS) doc.checks = { text: hex.slice(at + 64, at + 128), blocks: hex.slice(at + 128, at + 192) };
  const extra = opt(columns.extra[i]!);
  if (extra !== undefined) Object.assign(doc, compactExtra(extra));
  if (columns.version[i]) doc.version = columns.version[i];
  const date = opt(columns.date[i]!);
  if (date !== undefined) doc.date = date;
  const author = opt(columns.author[i]!);
  if (author !== undefined) doc.author = author;
  const language = opt(columns.language[i]!);
  if (language !== undefined) doc.language = language;
  if (present[i]! & HAS_TAGS) doc.tags = Array.from(c.tags.subarray(c.tagStarts[i], c.tagStarts[i + 1]), (ref) => strings[ref]!);
  if (present[i]! & HAS_COLLECTIONS) doc.collections = Array.from(c.collections.subarray(c.collectionStarts[i], c.collectionStarts[i + 1]), (ref) => strings[ref]!);
  return doc;
}

/** Row `i`'s three hashes in hex (for decodeDocument). */
const rowHashes = (c: CompactColumns, i: number): string => c.hashes.toString('hex', i * HASH_BYTES, (i + 1) * HASH_BYTES);

/** A document's rare fields (the `extra` column): its notices and OCR state. */
export function compactExtra(extra: string): Pick<DocumentMeta, 'notices' | 'ocr'> {
  return JSON.parse(extra) as Pick<DocumentMeta, 'notices' | 'ocr'>;
}
