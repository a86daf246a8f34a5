import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { ApiError } from '../../shared/api';
import type { DocumentContent, DocumentMeta, ImportOutcome } from '../../shared/model';
import { describeFsError } from './fs-errors';
import { newId } from './ids';
import { importerFor, importers } from './importers/registry';
import { ImportError } from './importers/types';
import { DocStore } from './store/doc-store';
import { archiveLayout, type ArchiveLayout } from './store/layout';
import { LibraryStore } from './store/library-store';
import { acquireLock, type ArchiveLock } from './store/lock';
import { Mutex } from './store/mutex';

export interface OpenOptions {
  /** false: read only, no lock taken (list, show) */
  writable: boolean;
  /** who holds the lock, named in the message a second writer gets */
  owner: string;
}

export interface ImportSource {
  name: string;
  bytes: Uint8Array;
  /** for a PDF that needs a user password */
  password?: string;
}

export const SUPPORTED_EXTENSIONS = importers.flatMap((i) => i.extensions);

/** The archive: one folder on disk, free of Electron, the same for the desktop app, the server and the CLI. */
export class Archive {
  private readonly importMutex = new Mutex();

  private constructor(
    readonly layout: ArchiveLayout,
    private readonly library: LibraryStore,
    private readonly docs: DocStore,
    private readonly lock: ArchiveLock | null,
  ) {}

  static async open(dir: string, options: OpenOptions): Promise<Archive> {
    const layout = archiveLayout(dir);
    let lock: ArchiveLock | null = null;
    if (options.writable) {
      try {
        await mkdir(layout.docs, { recursive: true });
      } catch (error) {
        throw new ApiError('io', `Cannot create the archive at ${dir}: ${describeFsError(error)}.`);
      }
      lock = await acquireLock(dir, options.owner);
    }
    try {
      const docs = new DocStore(layout);
      if (options.writable) await docs.sweepStaging();
      const library = await LibraryStore.open(layout, options.writable);
      return new Archive(layout, library, docs, lock);
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  get notices(): readonly string[] {
    return this.library.notices;
  }

  list(): DocumentMeta[] {
    return [...this.library.documents()];
  }

  async get(id: string): Promise<DocumentContent> {
    const meta = this.meta(id);
    const [text, blocks] = await Promise.all([this.docs.readText(id), this.docs.readBlocks(id)]);
    return { meta, text, blocks };
  }

  async setTitle(id: string, title: string): Promise<DocumentMeta> {
    const meta = { ...this.meta(id), title, updatedAt: new Date().toISOString() };
    await this.docs.writeMeta(meta);
    return this.library.update(id, () => meta);
  }

  /**
   * Imports one file. Never throws for a bad file: the outcome names the reason, and
   * nothing is stored unless all of it is stored durably.
   */
  importFile(source: ImportSource): Promise<ImportOutcome> {
    return this.importMutex.run(() => this.importOne(source));
  }

  async close(): Promise<void> {
    await this.importMutex.run(async () => undefined);
    await this.lock?.release();
  }

  private meta(id: string): DocumentMeta {
    const meta = this.library.get(id);
    if (!meta) throw new ApiError('not_found', `No document with id ${id} in this archive.`);
    return meta;
  }

  private async importOne({ name, bytes, password }: ImportSource): Promise<ImportOutcome> {
    const file = name;
    const importer = importerFor(name);
    if (!importer) {
      const ext = extname(name) || '(none)';
      return { file, status: 'failed', reason: `unsupported file type ${ext}; Marginalia imports ${SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(', ')}` };
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = this.library.findBySha(sha256);
    if (existing) return { file, status: 'duplicate', doc: existing };

    let parsed;
    try {
      parsed = await importer.parse(bytes, name, password === undefined ? {} : { password });
    } catch (error) {
      if (!(error instanceof ImportError)) {
        return { file, status: 'failed', reason: `could not be read as ${importer.type.toUpperCase()}: ${(error as Error).message}` };
      }
      const needsPassword = error.code === 'password_required' || error.code === 'password_wrong';
      return { file, status: 'failed', reason: error.message, ...(needsPassword ? { needsPassword } : {}) };
    }

    const now = new Date().toISOString();
    const meta: DocumentMeta = {
      id: newId(),
      title: parsed.title,
      type: importer.type,
      size: bytes.byteLength,
      sha256,
      sourceName: baseName(name),
      encoding: parsed.encoding,
      textLength: parsed.text.length,
      ...(parsed.notices?.length ? { notices: parsed.notices } : {}),
      importedAt: now,
      updatedAt: now,
    };
    const originalExt = extname(name).slice(1).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 10);
    try {
      await this.docs.create({ meta, text: parsed.text, blocks: parsed.blocks, original: bytes, originalExt });
      try {
        await this.library.add(meta);
      } catch (error) {
        await rm(this.layout.docDir(meta.id), { recursive: true, force: true });
        throw error;
      }
    } catch (error) {
      return { file, status: 'failed', reason: `could not be stored in the archive: ${describeFsError(error)}` };
    }
    return { file, status: 'imported', doc: meta };
  }
}

/** The file name without folders, whichever separator the client used. */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || name;
}
