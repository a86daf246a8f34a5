/**
 * The files of a new document written into its staging folder by the parse worker that
 * read it (issue #19): its original, text.txt and meta.json with the blocks inside
 * (new-meta.ts metaFileJson), so the main thread, which stores and indexes every document of
 * an import, writes none of them and only commits the folder (DocStore.createStaged). The
 * files are not fsynced here: the group commit makes the whole folder durable before it is
 * renamed into docs/ and acknowledged, exactly as for a folder the main thread wrote.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFile, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Block } from '../../../shared/model';
import { metaFileJson, newDocumentMeta, type MetaBase, type MetaParsed } from './new-meta';

/** As doc-checks.ts's (not imported: the parse worker stays small, with only what it runs). */
const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

export interface StageTarget {
  /** docs/.staging-<id> */
  dir: string;
  /** original.<ext> (or original) */
  originalName: string;
  /** what the main thread knows of the document, for its meta.json (newDocumentMeta) */
  meta: MetaBase;
}

/** What a staging worker answers: the checksums it wrote into meta.json, or why the folder could not be written (nothing of it is left). */
export type StageOutcome = { checks: { text: string; blocks: string } } | { error: { message: string; code?: string } };

/**
 * Runs in a parse worker, whose thread has nothing else to do meanwhile: the calls are
 * synchronous. Through libuv's pool each of them (mkdir, then open, write and close of each
 * file) was handed to a pool thread and its answer back to the worker's loop, two thread
 * wake-ups each on two cores shared with the main thread (issue #19).
 */
export function writeStagedFiles(target: StageTarget, original: Uint8Array, parsed: MetaParsed & { blocks: readonly Block[] }): StageOutcome {
  const { text } = parsed;
  const blocksJson = JSON.stringify(parsed.blocks);
  // The blocks' checksum is of their JSON as written into meta.json (documentChecks hashes the same string).
  const checks = { text: sha256(text), blocks: sha256(blocksJson) };
  try {
    // A folder already there (hardly ever: ids are new and staging folders are swept at open) is
    // started afresh. Not `recursive`: docs/ exists, and a recursive mkdir cost ~1 ms a document here.
    try {
      mkdirSync(target.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      rmSync(target.dir, { recursive: true, force: true });
      mkdirSync(target.dir);
    }
    writeFileSync(join(target.dir, target.originalName), original, { flag: 'wx' });
    writeFileSync(join(target.dir, 'text.txt'), text, { flag: 'wx' });
    writeFileSync(join(target.dir, 'meta.json'), metaFileJson(newDocumentMeta(target.meta, parsed, checks), blocksJson), { flag: 'wx' });
  } catch (error) {
    try {
      rmSync(target.dir, { recursive: true, force: true });
    } catch {
      /* what is left is a staging folder, swept at the next open */
    }
    const { message, code } = error as NodeJS.ErrnoException;
    return { error: { message: String(message), ...(code ? { code } : {}) } };
  }
  return { checks };
}

/**
 * A new file in a folder that is committed afterwards (not fsynced: the commit makes it
 * durable). `wx`: never over an existing file. The callback API (open, write, close in
 * libuv's pool) spends less of the calling thread than a FileHandle's promises.
 */
export function writeNew(file: string, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => writeFile(file, data, { flag: 'wx' }, (error) => (error ? reject(error) : resolve())));
}
