import { i18n } from '../i18n';
import { decodeLibraryTable, type DocumentMeta, type LibraryEntry, type LibraryRow } from '../../shared/model';
import { seedRanks } from '../features/library/title-order';
import { NO_FILTERS, type LibraryFilters } from '../features/library/filter-documents';
import { messageOf, type SliceCreator } from './types';

import type { SortDirection, SortKey } from '../features/library/sort-documents';

export type { SortDirection, SortKey };

/** What the details dialog may change; null clears date, author or language. */
export interface MetadataPatch {
  title?: string;
  date?: string | null;
  author?: string | null;
  language?: string | null;
  tags?: string[];
}

export interface LibrarySlice {
  /** what the library view shows of every document (library.table); the details dialog fetches the rest */
  documents: LibraryRow[];
  libraryStatus: 'idle' | 'loading' | 'ready' | 'failed';
  sort: { key: SortKey; direction: SortDirection };
  filters: LibraryFilters;
  /** ids of the rows ticked for bulk actions */
  selection: ReadonlySet<string>;
  /** the row a shift-click extends from */
  selectionAnchor: string | null;
  /** the document whose details dialog is open */
  detailsId: string | null;
  /** its whole metadata, fetched when the dialog opens (the table holds only what it shows) */
  detailsMeta: LibraryEntry | null;
  loadLibrary(): Promise<void>;
  /** Clicking the active column flips its direction; another column starts ascending (dates: newest first). */
  toggleSort(key: SortKey): void;
  /** Keeps the list in step after a change made here, before library.changed arrives. */
  upsertDocument(doc: DocumentMeta | LibraryRow): void;
  upsertDocuments(docs: readonly (DocumentMeta | LibraryRow)[]): void;
  setFilters(patch: Partial<LibraryFilters>): void;
  clearFilters(): void;
  setSelection(selection: ReadonlySet<string>, anchor: string | null): void;
  clearSelection(): void;
  openDetails(id: string | null): void;
  /** Resolves to null on success, or the reason it failed (shown in the dialog). */
  updateDocument(id: string, patch: MetadataPatch): Promise<string | null>;
  /** Adds and removes tags on every selected document. */
  tagSelection(add: string[], remove: string[]): Promise<string | null>;
}

const EMPTY: ReadonlySet<string> = new Set();

export const createLibrarySlice: SliceCreator<LibrarySlice> = (api) => (set, get) => {
  // library.changed can arrive in bursts during an import: at most one request in flight, one queued.
  let inFlight: Promise<void> | null = null;
  let again = false;

  async function fetchOnce(): Promise<void> {
    if (get().libraryStatus !== 'ready') set({ libraryStatus: 'loading' });
    try {
      // The table's columns, not every document's metadata as objects (issue #19: ~39 MB of JSON at 100,000).
      const table = await api['library.table']({});
      const documents = decodeLibraryTable(table);
      // The core's title ranks: the first sort of the session compares none of these titles.
      if (table.titleRanks) seedRanks(table.titles, table.titleRanks.ranks, table.titleRanks.locale);
      // Ticked rows that are gone are unticked; with none ticked (always at start) no set of 100,000 ids is made.
      const selection = get().selection;
      const known = selection.size ? new Set(documents.map((d) => d.id)) : null;
      const kept = known ? [...selection].filter((id) => known.has(id)) : [];
      set({ documents, libraryStatus: 'ready', ...(kept.length !== selection.size ? { selection: new Set(kept) } : {}) });
      void get().loadTags();
    } catch (error) {
      set({ libraryStatus: 'failed' });
      get().pushAlert(i18n.t('alert.library'), error, i18n.t('fix.retry'));
    }
  }

  return {
    documents: [],
    libraryStatus: 'idle',
    sort: { key: 'importedAt', direction: 'descending' },
    filters: NO_FILTERS,
    selection: EMPTY,
    selectionAnchor: null,
    detailsId: null,
    detailsMeta: null,

    loadLibrary() {
      if (inFlight) {
        again = true;
        return inFlight;
      }
      inFlight = (async () => {
        do {
          again = false;
          await fetchOnce();
        } while (again);
        inFlight = null;
      })();
      return inFlight;
    },

    toggleSort(key) {
      set(({ sort }) => ({
        sort:
          sort.key === key
            ? { key, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' }
            : { key, direction: key === 'importedAt' || key === 'date' ? 'descending' : 'ascending' },
      }));
    },

    upsertDocument(doc) {
      get().upsertDocuments([doc]);
    },

    upsertDocuments(docs) {
      const byId = new Map(docs.map((d) => [d.id, d]));
      set(({ documents }) => {
        // Metadata edits answer DocumentMeta: keep what only the library's answers know (hasAnnotations).
        const next = documents.map((d) => (byId.has(d.id) ? { ...d, ...byId.get(d.id) } : d));
        const known = new Set(documents.map((d) => d.id));
        return { documents: [...next, ...docs.filter((d) => !known.has(d.id)).map((d) => ({ hasAnnotations: false, ...d }))] };
      });
    },

    setFilters(patch) {
      set(({ filters }) => ({ filters: { ...filters, ...patch } }));
      get().refreshSearch();
    },

    clearFilters() {
      set({ filters: NO_FILTERS });
      get().refreshSearch();
    },

    setSelection(selection, anchor) {
      set({ selection, selectionAnchor: anchor });
    },

    clearSelection() {
      set({ selection: EMPTY, selectionAnchor: null });
    },

    openDetails(id) {
      set({ detailsId: id, detailsMeta: null });
      if (!id) return;
      api['document.meta']({ id })
        .then((meta) => {
          if (get().detailsId === id) set({ detailsMeta: meta });
        })
        .catch((error: unknown) => {
          if (get().detailsId === id) set({ detailsId: null });
          get().pushAlert(i18n.t('alert.library'), error, i18n.t('fix.retry'));
        });
    },

    async updateDocument(id, patch) {
      try {
        get().upsertDocument(await api['document.update']({ id, ...patch }));
        void get().loadTags();
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },

    async tagSelection(add, remove) {
      const ids = [...get().selection];
      if (!ids.length || (!add.length && !remove.length)) return null;
      try {
        get().upsertDocuments(await api['documents.tag']({ ids, add, remove }));
        void get().loadTags();
        get().refreshSearch();
        return null;
      } catch (error) {
        get().pushAlert(i18n.t('alert.tagDocuments', { count: ids.length }), error);
        return messageOf(error);
      }
    },
  };
};
