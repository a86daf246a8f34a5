import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Block, DocumentMeta, PdfSourceMap } from '../../../shared/model';
import { GroupCommit } from './group-commit';
import { exists, folderNames, fsyncFiles, isErrno, isTempFile, readIfThere, syncDir, writeAndFsync, writeFileDurable } from './durable-file';
import { parseStore } from './json-store';
import { decodePdfMap, encodePdfMap } from './pdf-map-codec';
import { writeNew } from './stage-files';
import { metaFileJson } from './new-meta';
import type { ArchiveLayout } from './layout';
import { documentMetaSchema, type AnnotationsFile } from './schemas';
import { carriedBlocks, findBlocks, parseFoundBlocks } from './stored-blocks';

export interface NewDocument {
  meta: DocumentMeta;
  text: string;
  blocks: Block[];
  original: Uint8Array;
  originalExt: string;
  /** PDFs: the source map, written as pages.json with the other files */
  pdfMap?: PdfSourceMap;
  /** image files: the PDF of their pages (pages.pdf), which the page view and OCR read */
  pagesPdf?: Uint8Array;
}

/**
 * The per-document folders: docs/<id>/{original.<ext>, text.txt, meta.json (with the blocks),
 * annotations.json (from the first annotation), pages.json (PDFs)}; a folder written before
 * issue #19 also has blocks.json, and a meta.json without blocks (layout.ts).
 */
/** Texts kept in memory, by total UTF-16 length: the open document is read on every annotation. */
const TEXT_CACHE_CHARS = 8_000_000;

export class DocStore {
  /** recently read texts, oldest first (a text changes only by replace(), which drops it) */
  private readonly texts = new Map<string, string>();
  private cachedChars = 0;
  /** bumped by replace(): a read that began before it must not cache what it read */
  private readonly replacing = new Map<string, number>();

  private readonly group: GroupCommit;

  constructor(private readonly layout: ArchiveLayout) {
    this.group = new GroupCommit(layout.docs);
  }

  /**
   * Writes every file of a document into a staging folder, then renames it into place: all
   * or nothing. Documents created meanwhile share one durable commit (GroupCommit): this
   * resolves once the folder and its files are durable in docs/.
   */
  create(doc: NewDocument): Promise<void> {
    const staging = this.layout.stagingDir(doc.meta.id);
    return this.group.add({ staging, target: this.layout.docDir(doc.meta.id), write: (sync) => this.writeStaging(staging, doc, null, sync) });
  }

  /**
   * Commits a staging folder that a parse worker filled with the document's original, text and
   * meta.json with its blocks (store/stage-files.ts). Unless `metaInPlace`, meta.json is written
   * again here, with the blocks the worker wrote into it (the rules changed the metadata). The folder
   * shares the next group commit like any other (durable before it is renamed into docs/,
   * acknowledged only after). Where each file is fsynced instead, the worker's files are too.
   */
  createStaged(meta: DocumentMeta, metaInPlace = false): Promise<void> {
    const staging = this.layout.stagingDir(meta.id);
    return this.group.add({
      staging,
      target: this.layout.docDir(meta.id),
      write: async (sync) => {
        if (!metaInPlace) {
          const file = join(staging, 'meta.json');
          await writeOver(file, metaFileJson(meta, carriedBlocks(await readIfThere(file))));
        }
        if (!sync) return;
        await fsyncFiles(staging);
        await syncDir(staging);
      },
    });
  }

  /** Where a new document's files are staged before it is committed (a parse worker writes there). */
  stagingFor(id: string): string {
    return this.layout.stagingDir(id);
  }

  /** Removes a staging folder whose document will not be committed (a version candidate, a failed rule). */
  async discardStaged(id: string): Promise<void> {
    await rm(this.layout.stagingDir(id), { recursive: true, force: true });
  }

  /**
   * Replaces a document's folder with a new version (text, blocks, original, re-anchored
   * annotations); the old files move to versions/<n>/ inside it. Crash-safe: the old folder
   * is renamed aside before the new one takes its place, and sweep() finishes or undoes a
   * swap that a crash interrupted.
   */
  async replace(doc: NewDocument, annotations: AnnotationsFile, previousVersion: number): Promise<void> {
    const { layout } = this;
    const id = doc.meta.id;
    const current = layout.docDir(id);
    const staging = await this.stage(doc, annotations);
    const aside = join(layout.docs, `.replaced-${id}`);
    this.replacing.set(id, (this.replacing.get(id) ?? 0) + 1);
    this.forgetText(id);
    try {
      await keepHistory(current, join(staging, 'versions'), previousVersion);
      await syncDir(staging);
      await rename(current, aside);
      await rename(staging, current);
      await syncDir(layout.docs);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    this.replacing.set(id, (this.replacing.get(id) ?? 0) + 1);
    this.forgetText(id);
    await rm(aside, { recursive: true, force: true });
  }

  /**
   * Writes a document's files into a fresh staging folder. A new document has no
   * annotations.json yet: its first annotation creates it (a missing one reads as empty).
   */
  private async stage(doc: NewDocument, annotations: AnnotationsFile | null): Promise<string> {
    const staging = this.layout.stagingDir(doc.meta.id);
    await this.writeStaging(staging, doc, annotations, true);
    return staging;
  }

  /** The staging folder's files; with `sync`, each file and the folder are fsynced (else the caller makes them durable). */
  private async writeStaging(staging: string, doc: NewDocument, annotations: AnnotationsFile | null, sync: boolean): Promise<void> {
    // mkdir answers the first folder it made: nothing means a staging folder was left there
    // (ids are new and staging folders are swept at open, so hardly ever): start it afresh.
    if ((await mkdir(staging, { recursive: true })) === undefined) {
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging);
    }
    try {
      const files: [string, string | Uint8Array][] = [
        [`original${doc.originalExt ? `.${doc.originalExt}` : ''}`, doc.original],
        ['text.txt', doc.text],
        ...(annotations ? [['annotations.json', JSON.stringify(annotations, null, 1)] as [string, string]] : []),
        // The blocks' JSON as documentChecks hashed it (doc-checks.ts), inside meta.json (issue #19: no blocks.json).
        ['meta.json', metaFileJson(doc.meta, JSON.stringify(doc.blocks))],
        ...(doc.pdfMap ? [['pages.json', encodePdfMap(doc.pdfMap)] as [string, string]] : []),
        ...(doc.pagesPdf ? [['pages.pdf', doc.pagesPdf] as [string, Uint8Array]] : []),
      ];
      // The files are independent: write (and fsync) them side by side (libuv's pool runs them in parallel).
      await Promise.all(files.map(([name, data]) => (sync ? writeSynced(join(staging, name), data) : writeNew(join(staging, name), data))));
      if (sync) await syncDir(staging);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  }

  async readText(id: string): Promise<string> {
    const cached = this.texts.get(id);
    if (cached !== undefined) {
      this.texts.delete(id);
      this.texts.set(id, cached);
      return cached;
    }
    const generation = this.replacing.get(id);
    const text = await readFile(this.layout.docFile(id, 'text.txt'), 'utf8');
    if (text.length <= TEXT_CACHE_CHARS / 2 && this.replacing.get(id) === generation) {
      this.forgetText(id);
      this.texts.set(id, text);
      this.cachedChars += text.length;
      for (const [oldest, old] of this.texts) {
        if (this.cachedChars <= TEXT_CACHE_CHARS) break;
        this.texts.delete(oldest);
        this.cachedChars -= old.length;
      }
    }
    return text;
  }

  /** Drops a cached text (its file was rewritten by a repair). */
  forget(id: string): void {
    this.forgetText(id);
  }

  private forgetText(id: string): void {
    const old = this.texts.get(id);
    if (old === undefined) return;
    this.texts.delete(id);
    this.cachedChars -= old.length;
  }

  /** The blocks in the document's meta.json, or in its blocks.json where it was written before issue #19 (stored-blocks.ts). */
  async readBlocks(id: string): Promise<Block[]> {
    return parseFoundBlocks(await findBlocks(this.layout, id));
  }

  /**
   * A PDF's source map, or null where there is none yet (imported before maps existed) or
   * the file cannot be read (then it is rebuilt from the original, which is the truth).
   */
  async readPdfMap(id: string): Promise<PdfSourceMap | null> {
    const json = await readIfThere(this.layout.docFile(id, 'pages.json'));
    if (json === null) return null;
    try {
      return decodePdfMap(json);
    } catch {
      return null;
    }
  }

  /** Stores a map built after the import (pdf.map on an old PDF, reindex); durable like every write. */
  async writePdfMap(id: string, map: PdfSourceMap): Promise<void> {
    await writeFileDurable(this.layout.docFile(id, 'pages.json'), encodePdfMap(map));
  }

  /** The imported file, byte for byte. */
  async readOriginal(id: string, ext: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.layout.original(id, ext)));
  }

  /** The PDF a paged document is shown and read from: a PDF's original, an image's pages.pdf. */
  async readPagedPdf(meta: Pick<DocumentMeta, 'id' | 'type'>): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.pagedPdfPath(meta)));
  }

  pagedPdfPath(meta: Pick<DocumentMeta, 'id' | 'type'>): string {
    return meta.type === 'image' ? this.layout.docFile(meta.id, 'pages.pdf') : this.layout.original(meta.id, 'pdf');
  }

  /**
   * Rewrites a document's meta.json from its metadata, with the blocks the file holds (never
   * dropped: they have no other copy). An unchanged file is left as it is (it was durable already).
   */
  async writeMeta(meta: DocumentMeta): Promise<void> {
    const file = this.layout.docFile(meta.id, 'meta.json');
    const current = await readIfThere(file);
    const json = metaFileJson(meta, carriedBlocks(current));
    if (json !== current) await writeFileDurable(file, json);
  }

  /**
   * Finishes or undoes what a crash interrupted: staging folders were never acknowledged;
   * a folder set aside during a version swap goes back if the new one never arrived.
   * Returns the ids whose folder was swapped, so the library can re-read their meta.json.
   */
  async sweep(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.layout.docs);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
    const swapped: string[] = [];
    for (const name of names) {
      // Only dot-names are leftovers; the rest are the documents (100,000 of them: no work each).
      if (!name.startsWith('.')) continue;
      const path = join(this.layout.docs, name);
      if (name.startsWith('.staging-')) await rm(path, { recursive: true, force: true });
      if (!name.startsWith('.replaced-')) continue;
      const id = name.slice('.replaced-'.length);
      if (await exists(this.layout.docDir(id))) {
        await rm(path, { recursive: true, force: true });
        swapped.push(id);
      } else {
        await rename(path, this.layout.docDir(id));
      }
    }
    if (names.some((n) => n.startsWith('.'))) await syncDir(this.layout.docs);
    return swapped;
  }

  /**
   * Moves a document's folder into the trash: one rename, so the folder is whole in docs/ or
   * whole in trash/, never split. The folder's place is the truth; library.json follows it
   * (LibraryStore reconciles the two at open).
   */
  async moveToTrash(id: string): Promise<void> {
    await mkdir(this.layout.trash, { recursive: true });
    if (await exists(this.layout.trashDir(id))) throw new Error(`trash/${id} exists already`);
    await rename(this.layout.docDir(id), this.layout.trashDir(id));
    this.forgetText(id);
    await syncDir(this.layout.docs);
    await syncDir(this.layout.trash);
  }

  /** Brings a trashed folder back into docs/, whole. */
  async restoreFromTrash(id: string): Promise<void> {
    if (await exists(this.layout.docDir(id))) throw new Error(`docs/${id} exists already`);
    await rename(this.layout.trashDir(id), this.layout.docDir(id));
    this.forgetText(id);
    await syncDir(this.layout.trash);
    await syncDir(this.layout.docs);
  }

  /** First step of removing a trashed folder for good: out of the trash's listing by one rename. */
  async markForRemoval(id: string): Promise<void> {
    await rename(this.layout.trashDir(id), this.layout.emptyingDir(id));
    await syncDir(this.layout.trash);
  }

  /** Takes a folder marked for removal back into the trash (library.json could not be written). */
  async unmarkForRemoval(id: string): Promise<void> {
    await rename(this.layout.emptyingDir(id), this.layout.trashDir(id));
    await syncDir(this.layout.trash);
  }

  /** Removes folders marked for removal (after library.json stopped listing them, or left by a crash). */
  async sweepTrash(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.layout.trash);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return;
      throw error;
    }
    const marked = names.filter((n) => n.startsWith('.emptying-'));
    for (const name of marked) await rm(join(this.layout.trash, name), { recursive: true, force: true });
    if (marked.length) await syncDir(this.layout.trash);
  }

  /** The ids of the folders in trash/ (not those being removed). */
  async trashedFolders(): Promise<Set<string>> {
    return new Set(await folderNames(this.layout.trash));
  }

  async readMeta(id: string): Promise<DocumentMeta> {
    const file = this.layout.docFile(id, 'meta.json');
    return parseStore(file, await readFile(file, 'utf8'), documentMetaSchema);
  }
}


/** Copies the folder's versions/ and its current files (as versions/<n>/) into the new folder, each fsynced. */
async function keepHistory(current: string, history: string, previousVersion: number): Promise<void> {
  const copyTree = async (from: string, to: string): Promise<void> => {
    await mkdir(to, { recursive: true });
    for (const entry of await readdir(from, { withFileTypes: true })) {
      if (entry.isDirectory()) await copyTree(join(from, entry.name), join(to, entry.name));
      else if (entry.isFile() && !isTempFile(entry.name)) await writeSynced(join(to, entry.name), await readFile(join(from, entry.name)));
    }
    await syncDir(to);
  };
  if (await exists(join(current, 'versions'))) await copyTree(join(current, 'versions'), history);
  const target = join(history, String(previousVersion));
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(current, { withFileTypes: true })) {
    // A version keeps the document's files; copies kept for repairs stay with the current folder only.
    if (entry.isFile() && !isTempFile(entry.name) && !isRepairCopy(entry.name)) await writeSynced(join(target, entry.name), await readFile(join(current, entry.name)));
  }
  await syncDir(target);
  await syncDir(history);
}

/** annotations.backup-N.json, and files set aside (.damaged-) or kept (.good-) by a repair. */
const isRepairCopy = (name: string): boolean => /^annotations\.backup-\d+\.json$|\.(damaged|good)-\d+$/.test(name);

/** A new file in a folder being built (staging, a version), fsynced; the folder is fsynced once all are written. */
const writeSynced = (file: string, data: string | Uint8Array): Promise<void> => writeAndFsync(file, 'wx', data);
/** A file in a staging folder, made or replaced (not fsynced: the commit makes the folder durable). */
const writeOver = (file: string, data: string): Promise<void> => writeFile(file, data);
