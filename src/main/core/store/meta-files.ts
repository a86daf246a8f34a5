import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DocumentMeta } from '../../../shared/model';
import { runLimited } from '../run-limited';
import { fsyncFile, isErrno, readIfThere, syncDir, syncFileSystem, TMP_SUFFIX } from './durable-file';
import type { ArchiveLayout } from './layout';
import { metaFileJson } from './new-meta';
import { carriedBlocks } from './stored-blocks';

/** meta.json files written at once: bounds open files. */
const CONCURRENCY = 16;
let tmpCounter = 0;

/**
 * Rewrites the meta.json of each document given whose file does not hold it already, durably
 * and as a group (issue #19: library.bin is a cache, never the only copy of an edit). Like the
 * import's group commit (group-commit.ts): every new file is written under a temp name without
 * fsync, one syncfs makes them all durable (or each is fsynced where syncfs is unavailable),
 * then each is renamed over its meta.json and one more syncfs (or an fsync of each folder)
 * makes the renames durable. A crash leaves each meta.json old or new, never torn; temp files
 * left behind are swept with the folder's (sweepTempFiles). A document whose folder is gone
 * is skipped: there is nothing to rebuild it from anyway. The blocks a meta.json holds (since
 * issue #19) are written again into the new one (stored-blocks.ts). Answers how many files
 * were written.
 */
export async function saveMetaFiles(layout: ArchiveLayout, docs: readonly DocumentMeta[]): Promise<number> {
  const staged: { tmp: string; file: string }[] = [];
  await runLimited(docs, CONCURRENCY, async (meta) => {
    const file = layout.docFile(meta.id, 'meta.json');
    // As DocStore writes it (import, writeMeta): the same bytes, so an unchanged one is left alone.
    const current = await readIfThere(file);
    const json = metaFileJson(meta, carriedBlocks(current));
    if (current === json) return;
    const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${++tmpCounter}${TMP_SUFFIX}`);
    try {
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(json);
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return; // no folder
      throw error;
    }
    staged.push({ tmp, file });
  });
  if (!staged.length) return 0;
  try {
    const grouped = await syncFileSystem(layout.docs);
    if (!grouped) await runLimited(staged, CONCURRENCY, ({ tmp }) => fsyncFile(tmp));
    await runLimited(staged, CONCURRENCY, ({ tmp, file }) => rename(tmp, file));
    if (!(await syncFileSystem(layout.docs))) await runLimited(staged, CONCURRENCY, ({ file }) => syncDir(dirname(file)));
  } catch (error) {
    await Promise.all(staged.map(({ tmp }) => rm(tmp, { force: true })));
    throw error;
  }
  return staged.length;
}
