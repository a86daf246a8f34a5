import { readFile } from 'node:fs/promises';
import type { DocumentMeta } from '../../../shared/model';
import { appendJsonLine, isErrno, writeFileDurable } from './durable-file';
import type { LibraryFile } from './schemas';

/**
 * backups/library-journal.jsonl: every change to library.json since its newest backup, one
 * line each, fsynced before library.json is written. A damaged library.json is restored from
 * that backup with the journal replayed over it, so at most the change being written is lost.
 * The first line names the backup it continues; a new backup starts a new journal.
 */
export interface JournalEntry {
  at: string;
  /** documents whose metadata changed (whole), or that were listed since */
  upsert?: DocumentMeta[];
  /** documents no longer listed */
  remove?: string[];
  settings?: LibraryFile['settings'];
  collections?: LibraryFile['collections'];
  savedSearches?: LibraryFile['savedSearches'];
}

interface JournalHead {
  base: string;
}

/** When the journal grows past this, a fresh backup is taken and the journal starts again. */
export const JOURNAL_MAX_BYTES = 512 * 1024;

/** What a journal replay did, for the notice. */
export interface Replay {
  base: string | null;
  applied: number;
  /** lines that could not be read (a torn last write) */
  unreadable: number;
  lastAt: string | null;
}

/** Tracks what library.json last held, so that a change can be journalled as its difference. */
export class LibraryJournal {
  /** what library.json holds, by id: the installed objects themselves (a change replaces them, never edits them) */
  private docs = new Map<string, DocumentMeta>();
  private rest = { settings: '', collections: '', savedSearches: '' };
  private bytes = 0;

  constructor(private readonly file: string) {}

  /** Remembers `data` as what library.json holds now. */
  remember(data: LibraryFile): void {
    this.docs = new Map(data.documents.map((d) => [d.id, d]));
    this.rest = { settings: JSON.stringify(data.settings ?? null), collections: JSON.stringify(data.collections ?? null), savedSearches: JSON.stringify(data.savedSearches ?? null) };
  }

  /** The change from what was remembered to `next`, or null when nothing differs. */
  diff(next: LibraryFile): JournalEntry | null {
    const entry: JournalEntry = { at: new Date().toISOString() };
    const upsert: DocumentMeta[] = [];
    const seen = new Set<string>();
    for (const doc of next.documents) {
      seen.add(doc.id);
      const before = this.docs.get(doc.id);
      if (!before || !sameValue(before, doc)) upsert.push(doc);
    }
    const remove = [...this.docs.keys()].filter((id) => !seen.has(id));
    if (upsert.length) entry.upsert = upsert;
    if (remove.length) entry.remove = remove;
    if (JSON.stringify(next.settings ?? null) !== this.rest.settings && next.settings) entry.settings = next.settings;
    if (JSON.stringify(next.collections ?? null) !== this.rest.collections) entry.collections = next.collections ?? [];
    if (JSON.stringify(next.savedSearches ?? null) !== this.rest.savedSearches) entry.savedSearches = next.savedSearches ?? [];
    return Object.keys(entry).length > 1 ? entry : null;
  }

  /** Appends one change and fsyncs it. */
  async append(entry: JournalEntry): Promise<void> {
    this.bytes += await appendJsonLine(this.file, entry);
  }

  get full(): boolean {
    return this.bytes > JOURNAL_MAX_BYTES;
  }

  /** Starts a journal that continues the backup named `base`. */
  async start(base: string): Promise<void> {
    const head: JournalHead = { base };
    const line = `${JSON.stringify(head)}\n`;
    await writeFileDurable(this.file, line);
    this.bytes = Buffer.byteLength(line);
  }
}

/** Replays the journal over `data` (a backup) when it continues that backup; answers what it did. */
export async function replayJournal(file: string, backupName: string, data: LibraryFile): Promise<Replay> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { base: null, applied: 0, unreadable: 0, lastAt: null };
    throw error;
  }
  const lines = raw.split('\n').filter((l) => l.trim() !== '');
  let base: string | null = null;
  try {
    base = (JSON.parse(lines[0] ?? '') as JournalHead).base ?? null;
  } catch {
    /* no head: not a journal we can trust */
  }
  const replay: Replay = { base, applied: 0, unreadable: 0, lastAt: null };
  if (base !== backupName) return replay;
  for (const line of lines.slice(1)) {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      replay.unreadable++;
      continue;
    }
    apply(data, entry);
    replay.applied++;
    replay.lastAt = entry.at;
  }
  return replay;
}

function apply(data: LibraryFile, entry: JournalEntry): void {
  if (entry.remove?.length) {
    const gone = new Set(entry.remove);
    data.documents = data.documents.filter((d) => !gone.has(d.id));
  }
  for (const doc of entry.upsert ?? []) {
    const index = data.documents.findIndex((d) => d.id === doc.id);
    if (index >= 0) data.documents[index] = doc;
    else data.documents.push(doc);
  }
  if (entry.settings) data.settings = entry.settings;
  if (entry.collections) data.collections = entry.collections;
  if (entry.savedSearches) data.savedSearches = entry.savedSearches;
}

/** Deep equality for JSON values: a field-by-field walk is ~50x faster than comparing JSON strings at 10,000 documents. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
