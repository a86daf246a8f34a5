import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import type { Annotation, DocumentMeta, RichDoc } from '../../../shared/model';
import type { Archive } from '../archive';
import { documentChecks, sha256 } from '../store/doc-checks';
import type { RecordKind } from '../../../shared/model/team';
import { ALL_CHANGED, type ChangeScope } from './change-log';
import { digest } from './merge';

/** What sync carries, one kind per store of the archive (RECORD_KINDS, which the server checks too). */
export type { RecordKind };

export interface LocalRecord {
  kind: RecordKind;
  id: string;
  content: unknown;
  /** digest of the content, computed once when first compared */
  hash?: string;
}

/** A document as sync carries it: its metadata (tags and collections included) and the SHA-256 of its files, which travel as blobs. */
export interface DocumentContent {
  meta: DocumentMeta;
  blobs: { original: string; text: string; blocks: string };
}

export interface NoteContent {
  note: RichDoc | null;
  noteUpdatedAt?: string;
}

/**
 * Each archive's records as last read (their plain JSON) and their digests: a record whose
 * JSON is unchanged keeps its digest, so finding what changed among 10,000 documents costs
 * one JSON.stringify each, not a canonical serialisation and a hash.
 */
const digests = new WeakMap<Archive, Map<string, { json: string; hash: string }>>();

export const keyOf = (kind: string, id: string) => `${kind}/${id}`;

export function originalExt(name: string): string {
  return extname(name).slice(1).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 10);
}

/** The kinds held whole in memory (library.json's lists and settings, entities.json): always read, never in the change log. */
export const GLOBAL_KINDS: readonly RecordKind[] = ['collection', 'search', 'labels', 'entity'];

/**
 * The archive's records as sync sees them, read through the stores: those of the documents in
 * `scope` (the change log's: what changed since the last sync, and what the server sent) and
 * every record of the kinds held in memory. Each is then compared with the copy agreed at the
 * last sync; `ALL_CHANGED` reads every document (the first sync, or after a crash).
 */
export async function readLocalRecords(archive: Archive, scope: ChangeScope = ALL_CHANGED): Promise<Map<string, LocalRecord>> {
  const { library, docs, annotationStore, entityStore } = archive.syncStores();
  const records = new Map<string, LocalRecord>();
  let known = digests.get(archive);
  if (!known) digests.set(archive, (known = new Map()));
  const seen = known;
  const put = (kind: RecordKind, id: string, content: unknown) => {
    const key = keyOf(kind, id);
    const json = JSON.stringify(content);
    let cached = seen.get(key);
    if (cached?.json !== json) seen.set(key, (cached = { json, hash: digest(content) }));
    records.set(key, { kind, id, content, hash: cached.hash });
  };
  const metas = scope.all ? library.documents() : [...scope.docs].map((id) => library.get(id)).filter((m): m is DocumentMeta => m !== undefined);
  for (const meta of metas) {
    let checks = meta.checks;
    if (!checks) checks = documentChecks(await docs.readText(meta.id), await docs.readBlocks(meta.id));
    put('document', meta.id, { meta, blobs: { original: meta.sha256, text: checks.text, blocks: checks.blocks } } satisfies DocumentContent);
    // Most documents have no annotations file: a stat, not a load, tells (a sync of 10,000 documents reads only the annotated).
    if (!existsSync(archive.layout.docFile(meta.id, 'annotations.json'))) continue;
    const file = await annotationStore.read(meta.id);
    if (file.note !== null || file.noteUpdatedAt) put('note', meta.id, { note: file.note, ...(file.noteUpdatedAt ? { noteUpdatedAt: file.noteUpdatedAt } : {}) } satisfies NoteContent);
    for (const annotation of file.annotations) put('annotation', annotation.id, annotation);
  }
  for (const collection of library.collections()) put('collection', collection.id, collection);
  for (const search of library.savedSearches()) put('search', search.id, search);
  const settings = library.settings();
  if (settings.labels || settings.relationTypes) put('labels', 'labels', { labels: settings.labels ?? [], relationTypes: settings.relationTypes ?? [] });
  for (const entity of entityStore.all()) put('entity', entity.id, entity);
  return records;
}

/** A document's files for upload: the original, the text and the blocks, by SHA-256. */
export async function documentFiles(archive: Archive, content: DocumentContent): Promise<Map<string, Uint8Array>> {
  const { docs } = archive.syncStores();
  const { meta } = content;
  const text = Buffer.from(await docs.readText(meta.id), 'utf8');
  const blocks = Buffer.from(JSON.stringify(await docs.readBlocks(meta.id)), 'utf8');
  const files = new Map<string, Uint8Array>([
    [content.blobs.original, await docs.readOriginal(meta.id, originalExt(meta.sourceName))],
    [sha256(text), text],
    [sha256(blocks), blocks],
  ]);
  return files;
}

export type AnnotationContent = Annotation;
