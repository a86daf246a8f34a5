import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import type { Block, DocumentMeta } from '../../../shared/model';
import { isErrno, syncDir, writeFileDurable } from './durable-file';
import { parseStore } from './json-store';
import type { ArchiveLayout } from './layout';
import { blocksSchema, emptyAnnotations } from './schemas';

export interface NewDocument {
  meta: DocumentMeta;
  text: string;
  blocks: Block[];
  original: Uint8Array;
  originalExt: string;
}

/** The per-document folders: docs/<id>/{text.txt, blocks.json, annotations.json, meta.json, original.<ext>}. */
export class DocStore {
  constructor(private readonly layout: ArchiveLayout) {}

  /** Writes every file of a document into a staging folder, then renames it into place: all or nothing. */
  async create(doc: NewDocument): Promise<void> {
    const { layout } = this;
    const id = doc.meta.id;
    const staging = layout.stagingDir(id);
    await mkdir(staging, { recursive: true });
    try {
      const files: [string, string | Uint8Array][] = [
        [`original${doc.originalExt ? `.${doc.originalExt}` : ''}`, doc.original],
        ['text.txt', doc.text],
        ['blocks.json', JSON.stringify(doc.blocks)],
        ['annotations.json', JSON.stringify(emptyAnnotations(), null, 1)],
        ['meta.json', JSON.stringify(doc.meta, null, 1)],
      ];
      for (const [name, data] of files) await writeSynced(`${staging}/${name}`, data);
      await syncDir(staging);
      await rename(staging, layout.docDir(id));
      await syncDir(layout.docs);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  }

  async readText(id: string): Promise<string> {
    return readFile(this.layout.docFile(id, 'text.txt'), 'utf8');
  }

  async readBlocks(id: string): Promise<Block[]> {
    const file = this.layout.docFile(id, 'blocks.json');
    return parseStore(file, await readFile(file, 'utf8'), blocksSchema);
  }

  async writeMeta(meta: DocumentMeta): Promise<void> {
    await writeFileDurable(this.layout.docFile(meta.id, 'meta.json'), JSON.stringify(meta, null, 1));
  }

  /** Removes what a crashed import left behind: staging folders were never acknowledged. */
  async sweepStaging(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.layout.docs);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return;
      throw error;
    }
    for (const name of names) {
      if (name.startsWith('.staging-')) await rm(`${this.layout.docs}/${name}`, { recursive: true, force: true });
    }
  }
}

/** A new file in a folder that is renamed (and synced) afterwards: no temp-and-rename needed. */
async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
