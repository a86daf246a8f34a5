/**
 * What the search index reads of the archive (SearchSources), and what it makes of a document:
 * its indexable text and filterable metadata, and the library's fingerprint that a saved index
 * must match.
 */
import { createHash } from 'node:crypto';
import type { DocumentMeta } from '../../../shared/model';
import { richTextToMarkdown } from '../../../shared/markdown/rich-text';
import type { AnnotationsFile } from '../store/schemas';
import type { IndexableDoc } from './types';

export interface SearchSources {
  documents(): readonly DocumentMeta[];
  meta(id: string): DocumentMeta | undefined;
  readText(id: string): Promise<string>;
  readAnnotations(id: string): Promise<AnnotationsFile>;
  /** each listed document's id and updatedAt in library order, without making the documents (LibraryStore.versions); else read from documents() */
  versions?(visit: (id: string, updatedAt: string) => void): void;
}

export const indexOptions = (sources: SearchSources) => ({ getText: (id: string) => sources.readText(id), fingerprint: () => fingerprint(sources) });

export async function* allDocs(sources: SearchSources): AsyncIterable<IndexableDoc> {
  for (const meta of sources.documents()) {
    try {
      yield await indexable(meta, sources);
    } catch (error) {
      console.error(`[marginalia] cannot index ${meta.id}:`, (error as Error).message);
    }
  }
}

/** What search sees of a document: its text, title, and the words of tags, comments and the note. */
export async function indexable(meta: DocumentMeta, sources: SearchSources): Promise<IndexableDoc> {
  const [text, annotations] = await Promise.all([sources.readText(meta.id), sources.readAnnotations(meta.id)]);
  const { extra, meta: indexMeta } = annotationPart(meta, annotations);
  return { id: meta.id, title: meta.title, text, ...(extra ? { extra } : {}), meta: indexMeta };
}

/** The searchable words besides the body (tags, author, comments, note) and the filterable metadata. */
export function annotationPart(meta: DocumentMeta, annotations: AnnotationsFile): { extra: string | undefined; meta: IndexableDoc['meta'] } {
  const extra = [
    ...(meta.tags ?? []),
    meta.author ?? '',
    ...annotations.annotations.map((a) => richTextToMarkdown(a.comment)),
    richTextToMarkdown(annotations.note),
  ]
    .filter(Boolean)
    .join('\n');
  return {
    extra: extra || undefined,
    meta: {
      type: meta.type,
      ...(meta.language ? { language: meta.language } : {}),
      ...(meta.date ? { date: meta.date } : {}),
      ...(meta.tags?.length ? { tags: meta.tags } : {}),
      ...(meta.collections?.length ? { collections: meta.collections } : {}),
      ...entitiesOf(annotations),
      hasAnnotations: annotations.annotations.length > 0,
    },
  };
}

function entitiesOf(file: AnnotationsFile): { entities?: string[] } {
  const ids = [...new Set(file.annotations.flatMap((a) => (a.kind === 'entity' && a.entityId ? [a.entityId] : [])))].sort();
  return ids.length ? { entities: ids } : {};
}

/**
 * Names the library's state: a saved index from another state is rebuilt. Hashed in batches
 * of lines (the same digest as one update per document, at a fraction of the calls).
 */
function fingerprint(sources: SearchSources): string {
  const hash = createHash('sha256');
  let count = 0;
  let batch = '';
  const visit = (id: string, updatedAt: string) => {
    count++;
    batch += `${id}:${updatedAt}\n`;
    if (batch.length > 65_536) {
      hash.update(batch);
      batch = '';
    }
  };
  if (sources.versions) sources.versions(visit);
  else for (const doc of sources.documents()) visit(doc.id, doc.updatedAt);
  hash.update(batch);
  return `${count}:${hash.digest('hex').slice(0, 32)}`;
}
