import { rename } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { ApiError } from '../../../shared/api';
import type { Repair } from '../../../shared/model';
import { newId } from '../ids';
import { mutateCopy, openJsonStore, StoreDamagedError } from './json-store';
import type { ArchiveLayout } from './layout';
import { Mutex } from './mutex';

export interface RepairsFile {
  version: 1;
  repairs: Repair[];
}

const repairSchema: z.ZodType<Repair> = z.object({
  id: z.string(),
  at: z.string(),
  file: z.string(),
  docId: z.string().optional(),
  problem: z.string(),
  action: z.string(),
  setAsideAs: z.string().optional(),
  backup: z.string().optional(),
  backupAt: z.string().optional(),
});
const repairsFileSchema: z.ZodType<RepairsFile> = z.object({ version: z.literal(1), repairs: z.array(repairSchema) });

/**
 * repairs.json: every file the archive set aside, rebuilt or restored, until the user
 * dismisses it — so that no damage is only a line in a log nobody reads. A read-only
 * archive keeps what it finds in memory (it writes nothing).
 */
export class RepairsStore {
  private readonly mutex = new Mutex();

  private constructor(
    private readonly layout: ArchiveLayout,
    private readonly db: Low<RepairsFile>,
    private readonly writable: boolean,
  ) {}

  static async open(layout: ArchiveLayout, writable: boolean): Promise<RepairsStore> {
    const db = openJsonStore(layout.repairs, repairsFileSchema, { version: 1, repairs: [] });
    const store = new RepairsStore(layout, db, writable);
    try {
      await db.read();
    } catch (error) {
      if (!(error instanceof StoreDamagedError)) throw error;
      db.data = { version: 1, repairs: [] };
      let setAsideAs: string | undefined;
      if (writable) {
        setAsideAs = `${layout.repairs}.damaged-${Date.now()}`;
        await rename(layout.repairs, setAsideAs);
      }
      await store.record({
        file: layout.repairs,
        problem: error.message,
        action: 'The list of repairs starts empty; earlier entries may be in the file set aside.',
        ...(setAsideAs ? { setAsideAs } : {}),
      });
    }
    return store;
  }

  list(): readonly Repair[] {
    return this.db.data.repairs;
  }

  forDocument(docId: string): Repair[] {
    return this.db.data.repairs.filter((r) => r.docId === docId);
  }

  get(id: string): Repair {
    const repair = this.db.data.repairs.find((r) => r.id === id);
    if (!repair) throw new ApiError('not_found', `No repair with id ${id}.`);
    return repair;
  }

  /**
   * Adds a repair. Paths may be given absolute: they are stored relative to the archive.
   * The same problem with the same file is listed once (a read-only program meets it on every run).
   */
  async record(entry: Omit<Repair, 'id' | 'at'>): Promise<Repair> {
    const repair: Repair = {
      id: newId(),
      at: new Date().toISOString(),
      ...entry,
      // Messages name files as the store met them (absolute): shown relative, like the paths beside them.
      problem: this.shorten(entry.problem),
      action: this.shorten(entry.action),
      file: this.relative(entry.file),
      ...(entry.setAsideAs ? { setAsideAs: this.relative(entry.setAsideAs) } : {}),
      ...(entry.backup ? { backup: this.relative(entry.backup) } : {}),
    };
    const same = this.db.data.repairs.find((r) => r.file === repair.file && r.problem === repair.problem && !r.setAsideAs && !repair.setAsideAs);
    if (same) return same;
    if (!this.writable) {
      this.db.data.repairs.push(repair);
      return repair;
    }
    await mutateCopy(this.db, this.mutex, (draft) => void draft.repairs.push(repair));
    return repair;
  }

  async dismiss(id: string): Promise<void> {
    this.get(id);
    if (!this.writable) throw new ApiError('unsupported', 'The archive is open read-only: repairs can be dismissed by the program that writes to it.');
    await mutateCopy(this.db, this.mutex, (draft) => void (draft.repairs = draft.repairs.filter((r) => r.id !== id)));
  }

  private shorten(message: string): string {
    return message.split(`${this.layout.root}${sep}`).join('');
  }

  /** A path inside the archive as stored and shown: relative, with forward slashes. */
  relative(path: string): string {
    const rel = relative(this.layout.root, path);
    return rel.startsWith('..') ? path : rel.split(sep).join('/');
  }
}
