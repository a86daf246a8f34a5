import type { DocumentMeta, TrashedDocument } from '../../../shared/model';
import { appendJsonLine, readIfThere, writeFileDurable } from './durable-file';
import { StoreDamagedError } from './json-store';
import { collectionsSchema, documentMetaSchema, savedSearchesSchema, settingsSchema, trashSchema, type LibraryFile } from './schemas';

/**
 * library.log: the change log of the library since library.bin was last written (issue #19).
 *
 * Every change to the library (a title, tags, a delete, a collection, the settings) is one
 * line here, appended and fsynced before it is acknowledged: the write costs the size of the
 * change, not of the archive. A line holds the documents that changed (whole) or left, and the
 * small parts (settings, collections, saved searches, trash) that changed, whole — so that a
 * change touching both (a delete moves a document into the trash) is one atomic line, and
 * replaying the lines in order over library.bin and library.json gives the state after the
 * last acknowledged change, whatever a crash cut between.
 *
 * The first line names the log's generation; library.bin names the generation that continues
 * it. Compaction writes library.bin for generation n+1, then starts the log of generation
 * n+1: a crash between the two leaves the older log (generation n), whose lines are all in
 * library.bin already, and it is discarded.
 */
export interface LogEntry {
  /** counts every line ever written (across compactions); library.json names the last one it reflects */
  seq: number;
  at: string;
  upsert?: DocumentMeta[];
  /**
   * The upserted documents that are as their meta.json holds them (listed by add(), or from
   * their folder): the others are edits that meta.json does not have yet, written into it
   * before the next compaction drops this line (LibraryStore.compact). Absent: none.
   */
  asImported?: string[];
  remove?: string[];
  settings?: LibraryFile['settings'];
  collections?: LibraryFile['collections'];
  savedSearches?: LibraryFile['savedSearches'];
  trash?: TrashedDocument[];
}

interface LogHead {
  log: 1;
  gen: number;
}

export interface ReadLog {
  gen: number;
  entries: LogEntry[];
  bytes: number;
  /** lines that could not be read; `torn`: only the last, cut short by a crash before it was acknowledged */
  unreadable: { line: number; reason: string }[];
  torn: boolean;
}

/** Reads the log; null when there is none or its head is unreadable. A line that does not parse is reported, not fatal. */
export async function readLog(file: string): Promise<ReadLog | null> {
  const raw = await readIfThere(file);
  if (raw === null) return null;
  const lines = raw.split('\n');
  // A write cut short leaves a last line without its newline: never acknowledged (the fsync follows the whole line).
  const last = lines.pop() ?? '';
  let head: LogHead;
  try {
    head = JSON.parse(lines[0] ?? last) as LogHead;
    if (head.log !== 1 || !Number.isInteger(head.gen)) return null;
  } catch {
    return null;
  }
  const out: ReadLog = { gen: head.gen, entries: [], bytes: Buffer.byteLength(raw), unreadable: [], torn: last.trim() !== '' && lines.length > 0 };
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.entries.push(parseEntry(file, line));
    } catch (error) {
      out.unreadable.push({ line: i + 2, reason: (error as Error).message });
    }
  });
  return out;
}

const smallSchema = { settings: settingsSchema, collections: collectionsSchema, savedSearches: savedSearchesSchema, trash: trashSchema };

function parseEntry(file: string, line: string): LogEntry {
  const entry = JSON.parse(line) as LogEntry;
  if (typeof entry !== 'object' || entry === null || typeof entry.at !== 'string' || !Number.isInteger(entry.seq)) throw new Error('not a log entry');
  // Validated as library.json would be: a line that does not match is damaged, never half applied.
  // Each document checked as it stands (not stringified and parsed again: ~half of reading the log at start; issue #19).
  if (line.includes('\u0000')) throw new StoreDamagedError(file, 'the file holds zero bytes (torn write?)');
  for (const doc of entry.upsert ?? []) {
    const parsed = documentMetaSchema.safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoreDamagedError(file, `unexpected shape at ${issue?.path.join('.') || 'top level'}: ${issue?.message}`);
    }
  }
  if (entry.remove && !entry.remove.every((id) => typeof id === 'string')) throw new Error('remove is not a list of ids');
  if (entry.asImported && !entry.asImported.every((id) => typeof id === 'string')) throw new Error('asImported is not a list of ids');
  for (const key of ['settings', 'collections', 'savedSearches', 'trash'] as const) {
    if (entry[key] !== undefined && !smallSchema[key].safeParse(entry[key]).success) throw new Error(`${key} has an unexpected shape`);
  }
  return entry;
}

/**
 * Applies one entry to `data` in place (documents by id). Its small parts only when
 * library.json does not hold them yet (a crash between the log line and library.json's write):
 * library.json may have been changed since by hand or restored, and is the truth for them.
 */
export function applyEntry(data: LibraryFile, entry: LogEntry, index: Map<string, number>): void {
  applyDocumentParts(data, entry, index);
  applySmallParts(data, entry);
}

/** The document parts of applyEntry only: `index` maps each listed id to its place, and follows the change. */
export function applyDocumentParts(data: LibraryFile, entry: LogEntry, index: Map<string, number>): void {
  if (entry.remove?.length) {
    const gone = new Set(entry.remove);
    data.documents = data.documents.filter((d) => !gone.has(d.id));
    index.clear();
    data.documents.forEach((d, i) => index.set(d.id, i));
  }
  for (const doc of entry.upsert ?? []) {
    const at = index.get(doc.id);
    if (at !== undefined) data.documents[at] = doc;
    else index.set(doc.id, data.documents.push(doc) - 1);
  }
}

/**
 * The document parts of `entries` replayed over `rows` (library.bin's documents, as places or
 * objects), as applyEntry does them; answers the rows after. Only the ids the lines name are
 * looked up: a map of every id (100,000 at issue #19's size) cost more than the rest of the replay.
 */
export function replayDocuments<T>(rows: T[], entries: readonly LogEntry[], idOf: (row: T) => string, fromLog: (doc: DocumentMeta) => T): T[] {
  const named = new Set<string>();
  for (const entry of entries) {
    for (const id of entry.remove ?? []) named.add(id);
    for (const doc of entry.upsert ?? []) named.add(doc.id);
  }
  if (named.size === 0) return rows;
  // The place of each named id (the last, as a map of every id would hold).
  const place = new Map<string, number>();
  const findPlaces = () => {
    place.clear();
    rows.forEach((row, i) => {
      const id = idOf(row);
      if (named.has(id)) place.set(id, i);
    });
  };
  findPlaces();
  for (const entry of entries) {
    if (entry.remove?.length) {
      const gone = new Set(entry.remove);
      rows = rows.filter((row) => !gone.has(idOf(row)));
      findPlaces();
    }
    for (const doc of entry.upsert ?? []) {
      const at = place.get(doc.id);
      if (at !== undefined) rows[at] = fromLog(doc);
      else place.set(doc.id, rows.push(fromLog(doc)) - 1);
    }
  }
  return rows;
}

/** The small parts of applyEntry only (at open; the document parts are replayed over library.bin's columns when the documents are first asked for). */
export function applySmallParts(data: LibraryFile, entry: LogEntry): void {
  if (entry.seq <= (data.logSeq ?? 0)) return;
  if (entry.settings) data.settings = entry.settings;
  if (entry.collections) data.collections = entry.collections;
  if (entry.savedSearches) data.savedSearches = entry.savedSearches;
  if (entry.trash) data.trash = entry.trash;
  data.logSeq = entry.seq;
}

/** The open log: appends fsynced lines; knows its generation and size. */
export class LibraryLog {
  private bytesWritten = 0;

  constructor(
    private readonly file: string,
    private generation: number,
    bytes: number,
  ) {
    this.bytesWritten = bytes;
  }

  get gen(): number {
    return this.generation;
  }

  get bytes(): number {
    return this.bytesWritten;
  }

  /** Appends one entry and fsyncs it: once this resolves, the change survives a crash. */
  async append(entry: LogEntry): Promise<void> {
    this.bytesWritten += await appendJsonLine(this.file, entry);
  }

  /** Starts the log of generation `gen`, empty (after library.bin for that generation was written). */
  async start(gen: number): Promise<void> {
    const line = `${JSON.stringify({ log: 1, gen } satisfies LogHead)}\n`;
    await writeFileDurable(this.file, line);
    this.generation = gen;
    this.bytesWritten = Buffer.byteLength(line);
  }
}

/** Follows which documents a line leaves with edits their meta.json does not hold yet (LogEntry.asImported). */
export function noteEdits(edited: Set<string>, entry: LogEntry): void {
  for (const id of entry.remove ?? []) edited.delete(id);
  const asImported = new Set(entry.asImported);
  for (const doc of entry.upsert ?? []) {
    if (asImported.has(doc.id)) edited.delete(doc.id);
    else edited.add(doc.id);
  }
}
