import { ApiError } from '../../shared/api';
import type { Collection, DocumentMeta, SavedSearch, SearchFilters, Settings } from '../../shared/model';
import { newId } from './ids';
import type { Track } from './search/search-service';
import type { DocStore } from './store/doc-store';
import type { LibraryStore } from './store/library-store';
import type { LibraryFile } from './store/schemas';

export interface MetaPatch {
  title?: string;
  /** null clears it */
  date?: string | null;
  author?: string | null;
  language?: string | null;
  tags?: string[];
}

/** Normalises a tag: trimmed, nested with single '/', no empty levels. */
export function normaliseTag(tag: string): string {
  return tag
    .split('/')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join('/')
    .slice(0, 200);
}

/**
 * What users organise in the library: metadata edits, tags, collections, saved searches,
 * settings. Every change is one durable write of library.json.
 */
export class Catalog {
  constructor(
    private readonly library: LibraryStore,
    private readonly docs: DocStore,
    /** re-indexes documents whose searchable metadata changed (title, tags, collections) */
    private readonly track: Track,
  ) {}

  settings(): Settings {
    return this.library.settings();
  }

  setSettings(settings: Settings): Promise<Settings> {
    return this.library.mutate((draft) => (draft.settings = settings));
  }

  /**
   * Changes settings from what they are when the write happens (under the library's lock),
   * so that two changes made at once (the colours and the OCR languages, say) both stay.
   */
  updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
    return this.library.mutate((draft) => (draft.settings = change(draft.settings ?? this.library.settings())));
  }

  updateMeta(id: string, patch: MetaPatch): Promise<DocumentMeta> {
    return this.track(
      async () => {
        const meta = await this.library.update(id, (doc) => applyPatch(doc, patch));
        // meta.json lets the library be rebuilt from the folders; keep it in step for single edits.
        await this.docs.writeMeta(meta);
        return meta;
      },
      () => [id],
      // Only a new title changes the body's postings; the rest is metadata and extra text.
      patch.title !== undefined ? 'document' : 'annotations',
    );
  }

  /** Adds and removes tags on many documents in one write. */
  tag(ids: readonly string[], add: readonly string[], remove: readonly string[]): Promise<DocumentMeta[]> {
    const adding = add.map(normaliseTag).filter(Boolean);
    const removing = new Set(remove.map(normaliseTag));
    const work = () =>
      this.library.mutate((draft) =>
        eachDoc(draft, ids, (doc) => {
          const tags = [...new Set([...(doc.tags ?? []).filter((t) => !removing.has(t)), ...adding])].sort();
          return { ...doc, tags, updatedAt: new Date().toISOString() };
        }),
      );
    return this.track(work, () => ids, 'annotations');
  }

  /** Every tag in use with its document count; a parent ("policy") counts its children's documents. */
  tags(): { tag: string; count: number }[] {
    const counts = new Map<string, Set<string>>();
    // The library view asks at start: from the columns, not 100,000 documents made objects (issue #19).
    this.library.tagLists((id, tags) => {
      for (const tag of tags) {
        const parts = tag.split('/');
        for (let i = 1; i <= parts.length; i++) {
          const key = parts.slice(0, i).join('/');
          (counts.get(key) ?? counts.set(key, new Set()).get(key)!).add(id);
        }
      }
    });
    return [...counts].map(([tag, docs]) => ({ tag, count: docs.size })).sort((a, b) => a.tag.localeCompare(b.tag));
  }

  collections(): readonly Collection[] {
    return this.library.collections();
  }

  createCollection(name: string): Promise<Collection> {
    const collection = { id: newId(), name: name.trim() };
    return this.library.mutate((draft) => {
      if ((draft.collections ?? []).some((c) => c.name === collection.name)) throw new ApiError('invalid_input', `A collection named "${collection.name}" exists already.`);
      (draft.collections ??= []).push(collection);
      return collection;
    });
  }

  renameCollection(id: string, name: string): Promise<Collection> {
    return this.library.mutate((draft) => {
      const collection = findCollection(draft, id);
      collection.name = name.trim();
      return collection;
    });
  }

  /** Deletes the collection; its documents stay in the archive. */
  deleteCollection(id: string): Promise<void> {
    const members = this.library.documents().filter((d) => d.collections?.includes(id)).map((d) => d.id);
    const work = () =>
      this.library.mutate((draft) => {
        findCollection(draft, id);
        draft.collections = (draft.collections ?? []).filter((c) => c.id !== id);
        draft.documents = draft.documents.map((doc) => (doc.collections?.includes(id) ? { ...doc, collections: doc.collections.filter((c) => c !== id) } : doc));
      });
    return this.track(work, () => members, 'annotations');
  }

  /** Puts documents into a collection, or takes them out. */
  collect(ids: readonly string[], collectionId: string, member: boolean): Promise<DocumentMeta[]> {
    const work = () =>
      this.library.mutate((draft) => {
        findCollection(draft, collectionId);
        return eachDoc(draft, ids, (doc) => {
          const others = (doc.collections ?? []).filter((c) => c !== collectionId);
          return { ...doc, collections: member ? [...others, collectionId] : others };
        });
      });
    return this.track(work, () => ids, 'annotations');
  }

  savedSearches(): readonly SavedSearch[] {
    return this.library.savedSearches();
  }

  saveSearch(name: string, query: string, filters?: SearchFilters): Promise<SavedSearch> {
    const search: SavedSearch = { id: newId(), name: name.trim(), query, ...(filters ? { filters } : {}) };
    return this.library.mutate((draft) => {
      (draft.savedSearches ??= []).push(search);
      return search;
    });
  }

  deleteSearch(id: string): Promise<void> {
    return this.library.mutate((draft) => {
      draft.savedSearches = (draft.savedSearches ?? []).filter((s) => s.id !== id);
    });
  }
}

function applyPatch(doc: DocumentMeta, patch: MetaPatch): DocumentMeta {
  const next: DocumentMeta = { ...doc, updatedAt: new Date().toISOString() };
  if (patch.title !== undefined) next.title = patch.title;
  for (const key of ['date', 'author', 'language'] as const) {
    const value = patch[key];
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  if (patch.tags !== undefined) next.tags = [...new Set(patch.tags.map(normaliseTag).filter(Boolean))].sort();
  return next;
}

function eachDoc(draft: LibraryFile, ids: readonly string[], change: (doc: DocumentMeta) => DocumentMeta): DocumentMeta[] {
  const wanted = new Set(ids);
  const changed: DocumentMeta[] = [];
  draft.documents = draft.documents.map((doc) => {
    if (!wanted.has(doc.id)) return doc;
    wanted.delete(doc.id);
    const next = change(doc);
    changed.push(next);
    return next;
  });
  if (wanted.size > 0) throw new ApiError('not_found', `No document with id ${[...wanted][0]} in this archive.`);
  return changed;
}

function findCollection(draft: LibraryFile, id: string): Collection {
  const collection = (draft.collections ?? []).find((c) => c.id === id);
  if (!collection) throw new ApiError('not_found', `No collection with id ${id}.`);
  return collection;
}
