import { constants } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import type { Annotation, RichDoc } from '../../../shared/model';
import { richDocSchema } from '../../../shared/api/rich-text-schema';
import { isErrno } from '../store/durable-file';
import { parseStore } from '../store/json-store';
import { annotationSchema, annotationsFileSchema, emptyAnnotations, type AnnotationsFile } from '../store/schemas';

/**
 * docs/<id>/annotations.journal: the changes to a document's annotations since its
 * annotations.json (and annotations.backup-1.json, the same content) were last written
 * (issue #19 item 4).
 *
 * Why: a save used to rewrite annotations.json and its copy (two temp files fsynced, two
 * renames, a folder fsync): twice the cost of one durable write, whatever the change. Now
 * a save is one line appended here and fdatasynced — no temp file, no rename, no folder
 * fsync — and acknowledged after it. The two files are rewritten ("folded") only when the
 * journal grows past annotations.json's size, then the journal is truncated. The journal
 * exists only after a fold made it (and fsynced its folder), so an append never creates it.
 *
 * A line is "<crc32 of the JSON, hex> <JSON>\n" and holds what a change left different,
 * each part absolute (annotations whole by id, ids removed, the note, the rejected list, the
 * order when it is not the old one plus the new ones at the end): replaying a line twice, or
 * over a file already folded with it (a crash between the fold and the truncation), gives the
 * same state. A last line without its newline was cut short by a crash before its fdatasync
 * returned: never acknowledged, it is left out. A whole line that does not check out is damage:
 * reported, left out, the journal set aside and folded again (AnnotationStore).
 */
export interface JournalEntry {
  /** annotations added or changed, whole, in the document's order */
  set?: Annotation[];
  /** ids of annotations removed */
  del?: string[];
  /** every id in order, when the order is not the old one (less removals) with the new ones at the end */
  order?: string[];
  note?: RichDoc | null;
  /** null: none */
  noteUpdatedAt?: string | null;
  rejected?: string[];
}

const entrySchema: z.ZodType<JournalEntry> = z.object({
  set: z.array(annotationSchema).optional(),
  del: z.array(z.string()).optional(),
  order: z.array(z.string()).optional(),
  note: richDocSchema.nullable().optional(),
  noteUpdatedAt: z.string().nullable().optional(),
  rejected: z.array(z.string()).optional(),
});

export interface ReadJournal {
  entries: JournalEntry[];
  /** the bytes of its whole lines (a torn last line is not counted: the next append goes where it starts) */
  bytes: number;
  /** a last line cut short by a crash, never acknowledged */
  torn: boolean;
  /** whole lines that do not check out, 1-based */
  damaged: { line: number; reason: string }[];
}

/** The journal's lines; null when there is none. */
export async function readJournal(file: string): Promise<ReadJournal | null> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
  const whole = raw.lastIndexOf(0x0a) + 1;
  const out: ReadJournal = { entries: [], bytes: whole, torn: whole < raw.length, damaged: [] };
  const lines = raw.subarray(0, whole).toString('utf8').split('\n');
  lines.pop();
  lines.forEach((line, i) => {
    try {
      out.entries.push(decodeLine(line));
    } catch (error) {
      out.damaged.push({ line: i + 1, reason: (error as Error).message });
    }
  });
  return out;
}

export function encodeLine(entry: JournalEntry): Buffer {
  const json = JSON.stringify(entry);
  return Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} ${json}\n`, 'utf8');
}

function decodeLine(line: string): JournalEntry {
  const space = line.indexOf(' ');
  const json = line.slice(space + 1);
  if (space !== 8 || crc32(json).toString(16).padStart(8, '0') !== line.slice(0, 8)) throw new Error('its checksum does not match');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = entrySchema.safeParse(value);
  if (!parsed.success) throw new Error(`unexpected shape at ${parsed.error.issues[0]?.path.join('.') || 'top level'}`);
  return parsed.data;
}

/**
 * Appends a line and fdatasyncs it; once this resolves the change survives a crash. The
 * journal must exist (a fold creates it with its folder fsynced): ENOENT otherwise. A failed
 * write is cut back to `size`, so no partial line is left for the next one to join.
 */
export async function appendLine(file: string, line: Buffer, size: number): Promise<void> {
  const handle = await open(file, constants.O_WRONLY | constants.O_APPEND);
  try {
    await handle.writeFile(line);
    await handle.datasync();
  } catch (error) {
    await handle.truncate(size).catch(() => undefined);
    throw error;
  } finally {
    await handle.close();
  }
}

/** Cuts the journal to `size` bytes, durably (after a fold: 0; a torn last line: where it starts). */
export async function truncateJournal(file: string, size: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(size);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * A document folder's annotations read straight from disk, for readers outside the
 * AnnotationStore (a trashed folder's count): annotations.json with its journal applied. A
 * file that does not read counts as empty (the store reports it when the folder is used).
 */
export async function readAnnotationsFolder(dir: string): Promise<AnnotationsFile> {
  const file = join(dir, 'annotations.json');
  const data = await readFile(file, 'utf8').then((raw) => parseStore(file, raw, annotationsFileSchema), () => emptyAnnotations());
  const journal = await readJournal(join(dir, 'annotations.journal')).catch(() => null);
  return replay(data, journal?.entries ?? []);
}

/** Applies the journal's lines in order to a document's annotations (in place). */
export function replay(data: AnnotationsFile, entries: readonly JournalEntry[]): AnnotationsFile {
  if (!entries.length) return data;
  const byId = new Map(data.annotations.map((a) => [a.id, a]));
  let order = data.annotations.map((a) => a.id);
  for (const entry of entries) {
    if (entry.del?.length) {
      const gone = new Set(entry.del);
      for (const id of gone) byId.delete(id);
      order = order.filter((id) => !gone.has(id));
    }
    for (const a of entry.set ?? []) {
      if (!byId.has(a.id)) order.push(a.id);
      byId.set(a.id, a);
    }
    if (entry.order) {
      const listed = new Set(entry.order);
      order = [...entry.order.filter((id) => byId.has(id)), ...order.filter((id) => !listed.has(id))];
    }
    if (entry.note !== undefined) data.note = entry.note;
    if (entry.noteUpdatedAt === null) delete data.noteUpdatedAt;
    else if (entry.noteUpdatedAt !== undefined) data.noteUpdatedAt = entry.noteUpdatedAt;
    if (entry.rejected) {
      if (entry.rejected.length) data.rejected = entry.rejected;
      else delete data.rejected;
    }
  }
  data.annotations = order.map((id) => byId.get(id)!);
  return data;
}

/**
 * What was last made durable of a document's annotations, each annotation as JSON: a change
 * is told from it by comparing text (callers may edit annotations in place), and a failed
 * write goes back to it.
 */
export class DurableState {
  private constructor(
    private readonly ids: readonly string[],
    private readonly json: ReadonlyMap<string, string>,
    private readonly note: string,
    private readonly noteUpdatedAt: string | undefined,
    private readonly rejected: string,
    /** the whole state as JSON, kept only when ids repeat (toData could not rebuild it from the map) */
    private readonly whole?: string,
  ) {}

  static of(data: AnnotationsFile): DurableState {
    const json = new Map(data.annotations.map((a) => [a.id, JSON.stringify(a)]));
    const ambiguous = json.size !== data.annotations.length;
    return new DurableState(
      data.annotations.map((a) => a.id),
      json,
      JSON.stringify(data.note),
      data.noteUpdatedAt,
      JSON.stringify(data.rejected ?? []),
      ambiguous ? JSON.stringify(data) : undefined,
    );
  }

  /**
   * The state after a change that replaced or added only the annotations `touched` names
   * (removals and a new order it may make; those are told from the ids). Only those are
   * serialised, so a save costs what it changed, not the document's annotation count: the
   * others' JSON is this state's, which holds while no one edits them in place (callers that
   * may do so leave `touched` out and get `of`). New ids are serialised even if not named.
   */
  after(data: AnnotationsFile, touched: ReadonlySet<string>): DurableState {
    if (this.whole) return DurableState.of(data);
    const ids = data.annotations.map((a) => a.id);
    const json = new Map<string, string>();
    for (const a of data.annotations) {
      const kept = touched.has(a.id) ? undefined : this.json.get(a.id);
      json.set(a.id, kept ?? JSON.stringify(a));
    }
    if (json.size !== ids.length) return DurableState.of(data);
    return new DurableState(ids, json, JSON.stringify(data.note), data.noteUpdatedAt, JSON.stringify(data.rejected ?? []));
  }

  /** Whether two annotations share an id: a line could not say which is which (the whole file is written instead). */
  get ambiguous(): boolean {
    return this.json.size !== this.ids.length;
  }

  /** The line that takes this state to `next`; null when nothing changed. */
  entryTo(next: DurableState, data: AnnotationsFile): JournalEntry | null {
    const entry: JournalEntry = {};
    const set = data.annotations.filter((a) => next.json.get(a.id) !== this.json.get(a.id));
    if (set.length) entry.set = set;
    const del = this.ids.filter((id) => !next.json.has(id));
    if (del.length) entry.del = del;
    const gone = new Set(del);
    const expected = [...this.ids.filter((id) => !gone.has(id)), ...next.ids.filter((id) => !this.json.has(id))];
    if (expected.length !== next.ids.length || expected.some((id, i) => id !== next.ids[i])) entry.order = [...next.ids];
    if (next.note !== this.note) entry.note = data.note;
    if (next.noteUpdatedAt !== this.noteUpdatedAt) entry.noteUpdatedAt = next.noteUpdatedAt ?? null;
    if (next.rejected !== this.rejected) entry.rejected = data.rejected ?? [];
    return Object.keys(entry).length ? entry : null;
  }

  /** The state as data again (a failed write is undone in memory). */
  toData(): AnnotationsFile {
    if (this.whole) return JSON.parse(this.whole) as AnnotationsFile;
    const data: AnnotationsFile = { version: 1, annotations: this.ids.map((id) => JSON.parse(this.json.get(id)!) as Annotation), note: JSON.parse(this.note) as RichDoc | null };
    if (this.noteUpdatedAt !== undefined) data.noteUpdatedAt = this.noteUpdatedAt;
    const rejected = JSON.parse(this.rejected) as string[];
    if (rejected.length) data.rejected = rejected;
    return data;
  }
}
