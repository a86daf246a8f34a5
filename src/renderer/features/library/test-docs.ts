import type { DocumentMeta } from '../../../shared/model';

/** A document's metadata with test defaults. */
export function meta(patch: Partial<DocumentMeta> & { id: string }): DocumentMeta {
  return {
    title: patch.id,
    type: 'txt',
    size: 100,
    sha256: '0'.repeat(64),
    sourceName: `${patch.id}.txt`,
    encoding: 'utf-8',
    textLength: 100,
    importedAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...patch,
  };
}
