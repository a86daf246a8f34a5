/**
 * Where a document's blocks are on disk. Since issue #19 they are the last field of its
 * meta.json (new-meta.ts metaFileJson): a document is three files, not four. Folders written
 * before hold them in blocks.json beside a meta.json without blocks; those are read as they
 * are and never migrated (layout.ts says why). Every reader of blocks comes through here, and
 * every rewrite of a meta.json carries its blocks over (carriedBlocks), so that editing a
 * document's metadata never drops them.
 */
import type { Block } from '../../../shared/model';
import { readIfThere } from './durable-file';
import { checkShape, parseStore, StoreDamagedError } from './json-store';
import type { ArchiveLayout } from './layout';
import { BLOCKS_KEY } from './new-meta';
import { blocksSchema } from './schemas';

export type FoundBlocks =
  /** in meta.json: `value` as parsed, `json` its JSON again (what checks.blocks is the SHA-256 of, as written) */
  | { in: 'meta.json'; file: string; value: unknown; json: string }
  /** in blocks.json (a folder from before issue #19), as read */
  | { in: 'blocks.json'; file: string; json: string }
  /** in neither: `file` is meta.json, where rebuilt blocks are written */
  | { in: 'nowhere'; file: string };

/**
 * Finds a document's blocks: in its meta.json, else in its blocks.json. A meta.json that cannot
 * be parsed holds no blocks here: an old folder's blocks.json is still found beside it.
 */
export async function findBlocks(layout: ArchiveLayout, id: string): Promise<FoundBlocks> {
  const metaFile = layout.docFile(id, 'meta.json');
  const raw = await readIfThere(metaFile);
  const value = raw === null ? undefined : blocksIn(raw);
  if (value !== undefined) return { in: 'meta.json', file: metaFile, value, json: JSON.stringify(value) };
  const blocksFile = layout.docFile(id, 'blocks.json');
  const json = await readIfThere(blocksFile);
  return json === null ? { in: 'nowhere', file: metaFile } : { in: 'blocks.json', file: blocksFile, json };
}

/** The blocks found, checked for their shape; a StoreDamagedError naming the file and why when they cannot be used. */
export function parseFoundBlocks(found: FoundBlocks): Block[] {
  if (found.in === 'nowhere') throw new StoreDamagedError(found.file, MISSING);
  if (found.in === 'blocks.json') return parseStore(found.file, found.json, blocksSchema);
  try {
    return checkShape(found.file, found.value, blocksSchema);
  } catch (error) {
    throw new StoreDamagedError(found.file, `its blocks: ${(error as Error).message.replace(/^.* is damaged: /, '')}`);
  }
}

/** Why a document has no blocks to read (the reason a repair records). */
export const MISSING = 'it holds no blocks, and there is no blocks.json';

/**
 * The blocks' JSON in a meta.json's text, to write again into the meta.json that replaces it
 * (metaFileJson): undefined when it holds none (a folder from before, or a file that is not
 * JSON: then the blocks are found missing at the document's next check and rebuilt from its
 * text, which is recorded). Damaged blocks are carried as they are: their checksum tells.
 */
export function carriedBlocks(metaRaw: string | null): string | undefined {
  const value = metaRaw === null ? undefined : blocksIn(metaRaw);
  return value === undefined ? undefined : JSON.stringify(value);
}

function blocksIn(metaRaw: string): unknown {
  try {
    const parsed: unknown = JSON.parse(metaRaw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[BLOCKS_KEY] : undefined;
  } catch {
    return undefined;
  }
}

