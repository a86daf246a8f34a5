import type { Annotation, Block, Collection, Entity, SavedSearch } from '../../../shared/model';
import type { Archive } from '../archive';
import { sha256 } from '../store/doc-checks';
import type { TeamClient } from './client';
import { checkBlocks } from './incoming-check';
import { runLimited } from '../run-limited';
import { originalExt, type DocumentContent, type NoteContent } from './local-records';

/** One change to make in the archive: a record's new content, or its removal (content null). */
export interface Incoming {
  kind: string;
  id: string;
  content: unknown;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

async function fetchChecked(client: TeamClient, sha: string, what: string): Promise<Uint8Array> {
  const bytes = await client.getBlob(sha);
  if (sha256(bytes) !== sha) throw new Error(`The server sent a ${what} that does not match its SHA-256 ${sha}.`);
  return bytes;
}

/** Whether a document from the server has the files this archive holds (only its metadata changed). */
function sameFiles(archive: Archive, id: string, content: DocumentContent | null): boolean {
  const current = content ? archive.syncStores().library.get(id) : undefined;
  return !!current && !!content && (current.checks?.text ?? '') === content.blobs.text && current.sha256 === content.blobs.original;
}

/** A document from the server: created, its metadata updated, or (new text) stored as its new version with its annotations kept. */
async function applyDocument(archive: Archive, client: TeamClient, id: string, content: DocumentContent | null): Promise<void> {
  const { library, docs, annotationStore } = archive.syncStores();
  if (!content) {
    if (library.get(id)) await archive.trash.delete([id]);
    return;
  }
  if (library.trashed(id)) await archive.trash.restore([id]);
  const meta = { ...content.meta, id };
  const current = library.get(id);
  if (current && (current.checks?.text ?? '') === content.blobs.text && current.sha256 === content.blobs.original) {
    await archive.search.track(
      async () => {
        await library.update(id, () => meta);
        await docs.writeMeta(meta);
      },
      () => [id],
    );
    return;
  }
  const text = decoder.decode(await fetchChecked(client, content.blobs.text, 'text'));
  const blocks: Block[] = checkBlocks(decoder.decode(await fetchChecked(client, content.blobs.blocks, 'block list')), text.length);
  const original = await fetchChecked(client, content.blobs.original, 'original file');
  const doc = { meta, text, blocks, original, originalExt: originalExt(meta.sourceName) };
  if (!current) {
    await archive.search.track(
      async () => {
        await docs.create(doc);
        library.add(meta);
      },
      () => [id],
    );
    return;
  }
  await archive.search.track(
    () =>
      annotationStore.exclusive(id, async (annotations) => {
        await docs.replace(doc, annotations, current.version ?? 1);
        await library.update(id, () => meta);
      }),
    () => [id],
  );
}

/** A document's annotations and note from the server, in one write of its annotations file. */
async function applyToDocument(archive: Archive, docId: string, changes: Incoming[]): Promise<void> {
  const { annotationStore } = archive.syncStores();
  const list = await archive.search.track(
    () =>
      annotationStore.change(docId, (data) => {
        for (const change of changes) {
          if (change.kind === 'note') {
            const note = change.content as NoteContent | null;
            data.note = note?.note ?? null;
            if (note?.noteUpdatedAt) data.noteUpdatedAt = note.noteUpdatedAt;
            else delete data.noteUpdatedAt;
            continue;
          }
          const index = data.annotations.findIndex((a) => a.id === change.id);
          if (change.content === null) {
            if (index >= 0) data.annotations.splice(index, 1);
          } else if (index >= 0) data.annotations[index] = change.content as Annotation;
          else data.annotations.push(change.content as Annotation);
        }
        return [...data.annotations];
      }),
    () => [docId],
    'annotations',
  );
  archive.entities.onAnnotationsChanged(docId, list);
}

const upsert = <T extends { id: string }>(list: T[] | undefined, id: string, value: T | null): T[] => {
  const rest = (list ?? []).filter((x) => x.id !== id);
  return value ? [...rest, value] : rest;
};

/**
 * Applies changes from the server through the archive's stores: documents first (their notes
 * and annotations need their folder), then each document's annotations in one write, then
 * what the library and the registry hold. Answers the documents that changed.
 */
export async function applyIncoming(
  archive: Archive,
  client: TeamClient,
  changes: Incoming[],
  /** the document of an annotation being removed (its content is gone: the last synced copy tells) */
  docOf: (annotationId: string) => string | undefined,
  onEach: () => void,
): Promise<string[]> {
  const { library, entityStore } = archive.syncStores();
  const touched = new Set<string>();
  const documents = changes.filter((c) => c.kind === 'document');
  // Metadata only (titles, tags, collections): one write of library.json for all of them.
  const metaOnly = documents.filter((c) => sameFiles(archive, c.id, c.content as DocumentContent | null));
  if (metaOnly.length) {
    const metas = metaOnly.map((c) => ({ ...(c.content as DocumentContent).meta, id: c.id }));
    const { docs } = archive.syncStores();
    await archive.search.track(
      async () => {
        await library.mutate((draft) => {
          const byId = new Map(metas.map((m) => [m.id, m]));
          draft.documents = draft.documents.map((d) => byId.get(d.id) ?? d);
        });
        await runLimited(metas, 8, (meta) => docs.writeMeta(meta));
      },
      () => metas.map((m) => m.id),
    );
    for (const c of metaOnly) {
      touched.add(c.id);
      onEach();
    }
  }
  // New documents side by side (their files come over the network); new versions and removals one by one.
  const rest = documents.filter((c) => !metaOnly.includes(c));
  const fresh = rest.filter((c) => c.content && !library.get(c.id) && !library.trashed(c.id));
  await runLimited(fresh, 8, async (change) => {
    await applyDocument(archive, client, change.id, change.content as DocumentContent);
    touched.add(change.id);
    onEach();
  });
  for (const change of rest.filter((c) => !fresh.includes(c))) {
    await applyDocument(archive, client, change.id, change.content as DocumentContent | null);
    touched.add(change.id);
    onEach();
  }
  const byDoc = new Map<string, Incoming[]>();
  for (const change of changes) {
    if (change.kind !== 'note' && change.kind !== 'annotation') continue;
    const docId = change.kind === 'note' ? change.id : ((change.content as Annotation | null)?.docId ?? docOf(change.id));
    if (!docId || !library.get(docId)) {
      onEach(); // its document is not in this archive (deleted here, or not open to this user): nothing to attach it to
      continue;
    }
    byDoc.set(docId, [...(byDoc.get(docId) ?? []), change]);
  }
  for (const [docId, list] of byDoc) {
    await applyToDocument(archive, docId, list);
    touched.add(docId);
    list.forEach(() => onEach());
  }
  const libraryChanges = changes.filter((c) => ['collection', 'search', 'labels'].includes(c.kind));
  if (libraryChanges.length) {
    await library.mutate((draft) => {
      for (const change of libraryChanges) {
        if (change.kind === 'collection') draft.collections = upsert(draft.collections, change.id, change.content as Collection | null);
        else if (change.kind === 'search') draft.savedSearches = upsert(draft.savedSearches, change.id, change.content as SavedSearch | null);
        else {
          const labels = change.content as { labels?: unknown; relationTypes?: unknown } | null;
          const settings = { ...(draft.settings ?? { colors: [] }) };
          draft.settings = { ...settings, labels: (labels?.labels ?? []) as never, relationTypes: (labels?.relationTypes ?? []) as never };
        }
      }
    });
    libraryChanges.forEach(() => onEach());
  }
  const entities = changes.filter((c) => c.kind === 'entity');
  if (entities.length) {
    await entityStore.mutate((draft) => {
      for (const change of entities) draft.entities = upsert(draft.entities, change.id, change.content as Entity | null);
    });
    entities.forEach(() => onEach());
  }
  return [...touched];
}
