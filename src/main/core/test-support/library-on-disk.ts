import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentMeta } from '../../../shared/model';
import { readCompact } from '../store/library-compact';
import { applyEntry, readLog } from '../store/library-log';
import type { LibraryFile } from '../store/schemas';

/**
 * The documents the library lists on disk, read as a fresh open would (library.bin with
 * library.log replayed; a version 1 library.json's own list), without opening the archive:
 * what a crash at this moment would leave.
 */
export async function documentsOnDisk(dir: string): Promise<DocumentMeta[]> {
  const small = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8').catch(() => '{"version":2}')) as Partial<LibraryFile>;
  if (small.version === 1) return small.documents ?? [];
  const compact = await readCompact(join(dir, 'library.bin'));
  const data: LibraryFile = { version: 2, documents: compact?.docs ?? [] };
  const log = await readLog(join(dir, 'library.log'));
  if (log && (!compact || log.gen >= compact.logGen)) {
    const index = new Map(data.documents.map((d, i) => [d.id, i]));
    for (const entry of log.entries) applyEntry(data, entry, index);
  }
  return data.documents;
}
