import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { isErrno, writeFileDurable } from '../store/durable-file';

/** What the inbox did with one file, by its path under the inbox folder. */
export interface LedgerEntry {
  size: number;
  mtimeMs: number;
  status: 'done' | 'failed';
}

const ledgerSchema = z.object({
  version: z.literal(1),
  folder: z.string(),
  files: z.record(z.string(), z.object({ size: z.number(), mtimeMs: z.number(), status: z.enum(['done', 'failed']) })),
});

/**
 * The inbox's memory, kept in the archive (inbox.json): files already handled, by path,
 * size and modification time, so that a restart neither imports a file left in place
 * again nor reports the same failure twice. A changed file (new size or time) is new.
 * The archive's SHA-256 check is the second guard: the same bytes are a duplicate anyway.
 */
export class InboxLedger {
  private constructor(
    private readonly file: string,
    private readonly folder: string,
    private readonly files: Map<string, LedgerEntry>,
  ) {}

  static async open(file: string, folder: string): Promise<InboxLedger> {
    let files = new Map<string, LedgerEntry>();
    try {
      const data = ledgerSchema.parse(JSON.parse(await readFile(file, 'utf8')));
      // Another folder's memory does not apply to this one.
      if (data.folder === folder) files = new Map(Object.entries(data.files));
    } catch (error) {
      // Missing or unreadable: start afresh; the archive's duplicate check still holds.
      if (!isErrno(error, 'ENOENT') && !(error instanceof SyntaxError) && !(error instanceof z.ZodError)) throw error;
    }
    return new InboxLedger(file, folder, files);
  }

  /** Whether this file, as it is now, was handled already. */
  handled(path: string, size: number, mtimeMs: number): boolean {
    const entry = this.files.get(path);
    return !!entry && entry.size === size && entry.mtimeMs === mtimeMs;
  }

  async record(path: string, entry: LedgerEntry | null): Promise<void> {
    if (entry) this.files.set(path, entry);
    else this.files.delete(path);
    await this.save();
  }

  /** Forgets files no longer in the folder (a full scan saw all that are). */
  async prune(present: ReadonlySet<string>): Promise<void> {
    let changed = false;
    for (const path of this.files.keys()) {
      if (!present.has(path)) {
        this.files.delete(path);
        changed = true;
      }
    }
    if (changed) await this.save();
  }

  private save(): Promise<void> {
    return writeFileDurable(this.file, JSON.stringify({ version: 1, folder: this.folder, files: Object.fromEntries(this.files) }, null, 1));
  }
}
