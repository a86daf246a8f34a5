/**
 * The check of a document's files on its first read in a session (store/doc-checks.ts does the
 * checking; this keeps it to once, shares it between concurrent reads, and wires in what a
 * repair needs: re-importing the original, saving new checksums). Apart from archive.ts so that
 * reading a document reads as one line there.
 */
import { type Block, type DocumentMeta, type ImportLimits, isPaged } from '../../shared/model';
import { analyseFile } from './importers/analyse';
import { parsePool } from './importers/parse-pool';
import { importerFor } from './importers/registry';
import { checkDocument } from './store/doc-checks';
import type { DocStore } from './store/doc-store';
import type { ArchiveLayout } from './store/layout';
import type { LibraryStore } from './store/library-store';
import type { RepairsStore } from './store/repairs-store';

export interface FirstReadDeps {
  layout: ArchiveLayout;
  repairs: RepairsStore;
  /** whether the archive is open for writing (a read-only one repairs nothing on disk) */
  writable: boolean;
  library: LibraryStore;
  docs: DocStore;
  importLimits: () => ImportLimits;
}

/** Each document's files are checked once a session, on first read; concurrent reads share the check. */
export class FirstReadChecks {
  private readonly checked = new Map<string, Promise<void>>();
  /** blocks as checked (rebuilt in memory when the file holding them could not be used or rewritten) */
  private readonly repairedBlocks = new Map<string, Block[]>();

  constructor(private readonly deps: FirstReadDeps) {}

  check(meta: DocumentMeta): Promise<void> {
    let running = this.checked.get(meta.id);
    if (running) return running;
    const { layout, repairs, writable } = this.deps;
    running = checkDocument(meta, {
      layout,
      repairs,
      writable,
      reimport: async (bytes, fileName) => {
        const timeoutMs = this.deps.importLimits().timeoutSeconds * 1000;
        const parsed = isPaged(importerFor(fileName)?.type) ? await analyseFile(bytes, fileName, { timeoutMs }) : await parsePool.parse(bytes, fileName, {}, { timeoutMs });
        return parsed.text;
      },
      saveChecks: async (next) => {
        const saved = await this.deps.library.update(next.id, (doc) => ({ ...doc, checks: next.checks! }));
        await this.deps.docs.writeMeta(saved);
      },
      textReplaced: (id) => this.deps.docs.forget(id),
    }).then(
      ({ blocks, blocksInMemory }) => {
        if (blocksInMemory) this.repairedBlocks.set(meta.id, blocks);
      },
      (error: unknown) => {
        this.checked.delete(meta.id);
        throw error;
      },
    );
    this.checked.set(meta.id, running);
    return running;
  }

  /** A document's blocks as its check rebuilt them in memory, when the file holding them (meta.json, or an older folder's blocks.json) could not be used or rewritten. */
  repaired(id: string): Block[] | undefined {
    return this.repairedBlocks.get(id);
  }
}
