import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { ImportOutcome, InboxAfter, InboxEvent, InboxState } from '../../../shared/model';
import { sizeProblem, type Archive } from '../archive';
import { describeFsError } from '../fs-errors';
import { isErrno } from '../store/durable-file';
import { InboxLedger } from './ledger';

export const DONE_FOLDER = 'done';
export const ERROR_SUFFIX = '.error.txt';

export interface InboxWatcherOptions {
  folder: string;
  after: InboxAfter;
  /** a file is read once its size and modification time have not changed for this long */
  settleMs?: number;
  /** the periodic scan that catches what fs.watch misses (network and some container file systems) */
  scanMs?: number;
  /** files imported per scan at most; the next scan takes the rest */
  maxPerScan?: number;
  /** one file handled: its outcome (null when it vanished before it could be read) */
  onEvent(event: InboxEvent, outcome: ImportOutcome): void;
  onState(state: InboxState, message?: string): void;
  /** a file seen while it may still be growing (tests wait for this) */
  onPending?(file: string, size: number): void;
  /** a scan finished, with how many files it handled (tests count scans instead of waiting for time) */
  onScanned?(handled: number): void;
}

interface Seen {
  size: number;
  mtimeMs: number;
  /** when this size and time were first seen */
  since: number;
}

/** Names that are not documents yet: partial downloads, editors' lock files, our own reason files. */
const IGNORED = [/^\./, /^~\$/, /\.(part|partial|crdownload|download|tmp|marginalia-tmp)$/i, /\.error\.txt$/i];

/**
 * Watches an inbox folder (recursively) and imports each file that arrives once it has stopped
 * growing. fs.watch wakes it quickly; a periodic scan is the fallback where events are missed.
 * One file at a time, at most maxPerScan per scan: the work is bounded whatever lands.
 * Imported files move to `done/` (or stay, remembered); a failure stays with `<file>.error.txt`.
 */
export class InboxWatcher {
  private readonly root: string;
  private readonly settleMs: number;
  private readonly scanMs: number;
  private readonly maxPerScan: number;
  private readonly seen = new Map<string, Seen>();
  private ledger: InboxLedger | null = null;
  private fsWatcher: FSWatcher | null = null;
  private interval: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private state: InboxState | null = null;

  constructor(
    private readonly archive: Archive,
    private readonly options: InboxWatcherOptions,
  ) {
    this.root = resolve(options.folder);
    this.settleMs = options.settleMs ?? 2_000;
    this.scanMs = options.scanMs ?? 10_000;
    this.maxPerScan = options.maxPerScan ?? 100;
  }

  get folder(): string {
    return this.root;
  }

  async start(): Promise<void> {
    const archiveRoot = resolve(this.archive.layout.root);
    const overlap = inboxOverlap(this.root, archiveRoot);
    if (overlap) throw new Error(overlap);
    this.ledger = await InboxLedger.open(join(archiveRoot, 'inbox.json'), this.root);
    this.interval = setInterval(() => this.kick(), this.scanMs);
    // The first scan is awaited, so that the caller learns at once whether the folder is there.
    this.kick();
    await this.running;
  }

  /** Stops watching; waits for the file being imported, so the archive can close after. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.interval) clearInterval(this.interval);
    if (this.soon) clearTimeout(this.soon);
    this.fsWatcher?.close();
    this.fsWatcher = null;
    await this.running;
  }

  /** Scans now, or right after the scan under way. */
  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.scan()
      .catch((error: unknown) => this.setState('error', `The inbox ${this.root} could not be scanned: ${describeFsError(error)}.`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** A scan after the settle period, when something may still be growing or an event came in. */
  private later(): void {
    if (this.stopped || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.kick();
    }, this.settleMs);
  }

  private setState(state: InboxState, message?: string): void {
    if (this.state === state && state === 'watching') return;
    this.state = state;
    this.options.onState(state, message);
  }

  private ensureFsWatch(): void {
    if (this.fsWatcher) return;
    try {
      this.fsWatcher = watch(this.root, { recursive: true }, () => this.later());
      this.fsWatcher.on('error', () => {
        // The folder went away or the watch broke: the periodic scan notices and says so.
        this.fsWatcher?.close();
        this.fsWatcher = null;
        this.later();
      });
    } catch {
      this.fsWatcher = null; // the periodic scan still works
    }
  }

  private async scan(): Promise<void> {
    let files: string[];
    try {
      files = await listFiles(this.root);
    } catch (error) {
      this.fsWatcher?.close();
      this.fsWatcher = null;
      const why = isErrno(error, 'ENOENT') ? 'does not exist (any more)' : isErrno(error, 'ENOTDIR') ? 'is not a folder' : `cannot be read (${describeFsError(error)})`;
      this.setState('missing', `The inbox folder ${this.root} ${why}; watching resumes when it is back.`);
      return;
    }
    this.ensureFsWatch();
    this.setState('watching');
    const present = new Set(files);
    for (const path of this.seen.keys()) if (!present.has(path)) this.seen.delete(path);
    let handled = 0;
    let pending = false;
    for (const rel of files) {
      if (this.stopped) return;
      if (handled >= this.maxPerScan) {
        pending = true;
        break;
      }
      const path = join(this.root, rel);
      let info;
      try {
        info = await stat(path);
      } catch {
        continue; // gone between the listing and now
      }
      if (this.ledger!.handled(rel, info.size, info.mtimeMs)) continue;
      const now = Date.now();
      const before = this.seen.get(rel);
      if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
        this.seen.set(rel, { size: info.size, mtimeMs: info.mtimeMs, since: now });
        this.options.onPending?.(path, info.size);
        pending = true;
        continue;
      }
      if (now - before.since < this.settleMs || now - info.mtimeMs < this.settleMs) {
        pending = true;
        continue;
      }
      this.seen.delete(rel);
      await this.importOne(rel, info.size, info.mtimeMs);
      handled++;
    }
    if (!pending) await this.ledger!.prune(present);
    if (pending) this.later();
    this.options.onScanned?.(handled);
  }

  private async importOne(rel: string, size: number, mtimeMs: number): Promise<void> {
    const path = join(this.root, rel);
    let outcome: ImportOutcome;
    const tooLarge = sizeProblem(size, this.archive.importLimits());
    if (tooLarge) {
      outcome = { file: path, status: 'failed', reason: tooLarge };
    } else {
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        if (isErrno(error, 'ENOENT')) return; // taken away before it could be read
        bytes = Buffer.alloc(0);
        outcome = { file: path, status: 'failed', reason: describeFsError(error) };
      }
      // An unattended inbox never holds a file back as a possible new version: weekly reports share names.
      outcome ??= await this.archive.importFile({ name: path, bytes, separate: true });
    }
    const event: InboxEvent = {
      at: new Date().toISOString(),
      file: path,
      status: outcome.status,
      ...('doc' in outcome ? { docId: outcome.doc.id, title: outcome.doc.title } : {}),
      ...(outcome.status === 'failed' ? { reason: outcome.reason } : {}),
      ...(outcome.status === 'imported' && outcome.rules ? { rules: outcome.rules } : {}),
    };
    if (outcome.status === 'failed') {
      await this.recordFailure(rel, size, mtimeMs, outcome.reason, event);
    } else {
      await rm(path + ERROR_SUFFIX, { force: true }).catch(() => undefined);
      if (this.options.after === 'move') {
        try {
          const moved = await moveToDone(this.root, rel);
          event.file = moved;
          await this.ledger!.record(rel, null);
        } catch (error) {
          // Imported, but it could not be moved: remembered, so that it is not imported again.
          event.reason = `imported, but could not be moved to ${DONE_FOLDER}/: ${describeFsError(error)}`;
          await this.ledger!.record(rel, { size, mtimeMs, status: 'done' });
        }
      } else {
        await this.ledger!.record(rel, { size, mtimeMs, status: 'done' });
      }
    }
    this.options.onEvent(event, outcome);
  }

  private async recordFailure(rel: string, size: number, mtimeMs: number, reason: string, event: InboxEvent): Promise<void> {
    const path = join(this.root, rel);
    const text = `Marginalia could not import ${basename(path)} (${event.at}):\n${reason}\n\nThe file stays here. Fix or replace it and it is tried again; delete this note when done.\n`;
    try {
      await writeFile(path + ERROR_SUFFIX, text);
    } catch (error) {
      event.reason = `${reason} (and ${basename(path)}${ERROR_SUFFIX} could not be written: ${describeFsError(error)})`;
    }
    await this.ledger!.record(rel, { size, mtimeMs, status: 'failed' });
  }
}

/** Why this folder cannot be the archive's inbox (it holds the archive, or lies inside it), or null. */
export function inboxOverlap(folder: string, archiveRoot: string): string | null {
  const inbox = resolve(folder);
  const archive = resolve(archiveRoot);
  if (!inside(inbox, archive) && !inside(archive, inbox)) return null;
  return `The inbox ${inbox} and the archive ${archive} must not contain each other: choose a folder outside the archive.`;
}

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

/** Every file under the inbox, as paths relative to it, skipping done/ and names that are not documents yet. */
async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, top: boolean) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (top) throw error;
      return; // a subfolder removed while walking
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (IGNORED.some((re) => re.test(entry.name))) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!(top && entry.name === DONE_FOLDER)) await walk(path, false);
      } else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(path).then((s) => s.isFile(), () => false)))) {
        // A link to a file is taken like the file; links to folders are not followed (no loops).
        out.push(relative(root, path));
      }
    }
  };
  await walk(root, true);
  return out;
}

/** Moves an imported file to done/<same relative path>, never over another file. */
async function moveToDone(root: string, rel: string): Promise<string> {
  const target = join(root, DONE_FOLDER, rel);
  await mkdir(dirname(target), { recursive: true });
  const ext = extname(target);
  const stem = target.slice(0, target.length - ext.length);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? target : `${stem} (${n})${ext}`;
    try {
      await stat(candidate);
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
      await rename(join(root, rel), candidate);
      return candidate;
    }
  }
  throw new Error(`too many files named ${basename(target)} in ${DONE_FOLDER}/`);
}
