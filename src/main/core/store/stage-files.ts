/**
 * The files of a new document written into its staging folder by the parse worker that
 * read it (issue #19): the main thread, which stores and indexes every document of an
 * import, then only adds meta.json and commits the folder (DocStore.createStaged). The
 * files are not fsynced here: the group commit makes the whole folder durable before it is
 * renamed into docs/ and acknowledged, exactly as for a folder the main thread wrote.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Block } from '../../../shared/model';

/** As doc-checks.ts's (not imported: the parse worker stays small, with only what it runs). */
const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

export interface StageTarget {
  /** docs/.staging-<id> */
  dir: string;
  /** original.<ext> (or original) */
  originalName: string;
}

/** What a staging worker answers: the checksums for meta.json, or why the folder could not be written (nothing of it is left). */
export type StageOutcome = { checks: { text: string; blocks: string } } | { error: { message: string; code?: string } };

export async function writeStagedFiles(target: StageTarget, original: Uint8Array, text: string, blocks: readonly Block[]): Promise<StageOutcome> {
  const blocksJson = JSON.stringify(blocks);
  try {
    // A folder already there (hardly ever: ids are new and staging folders are swept at open) is started afresh.
    if ((await mkdir(target.dir, { recursive: true })) === undefined) {
      await rm(target.dir, { recursive: true, force: true });
      await mkdir(target.dir);
    }
    await Promise.all([writeNew(join(target.dir, target.originalName), original), writeNew(join(target.dir, 'text.txt'), text), writeNew(join(target.dir, 'blocks.json'), blocksJson)]);
  } catch (error) {
    await rm(target.dir, { recursive: true, force: true }).catch(() => {});
    const { message, code } = error as NodeJS.ErrnoException;
    return { error: { message: String(message), ...(code ? { code } : {}) } };
  }
  // blocks.json's checksum is of the JSON as written (documentChecks hashes the same string).
  return { checks: { text: sha256(text), blocks: sha256(blocksJson) } };
}

/** A new file in a folder that is committed afterwards (not fsynced: the commit makes it durable). */
export async function writeNew(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}
