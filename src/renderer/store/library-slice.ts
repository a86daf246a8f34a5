import type { DocumentMeta } from '../../shared/model';
import type { SliceCreator } from './types';

export type SortKey = 'title' | 'importedAt' | 'size' | 'type';
export type SortDirection = 'ascending' | 'descending';

export interface LibrarySlice {
  documents: DocumentMeta[];
  libraryStatus: 'idle' | 'loading' | 'ready' | 'failed';
  sort: { key: SortKey; direction: SortDirection };
  loadLibrary(): Promise<void>;
  /** Clicking the active column flips its direction; another column starts ascending (dates: newest first). */
  toggleSort(key: SortKey): void;
  /** Keeps the list in step after a change made here, before library.changed arrives. */
  upsertDocument(doc: DocumentMeta): void;
}

export const createLibrarySlice: SliceCreator<LibrarySlice> = (api) => (set, get) => {
  // library.changed can arrive in bursts during an import: at most one request in flight, one queued.
  let inFlight: Promise<void> | null = null;
  let again = false;

  async function fetchOnce(): Promise<void> {
    if (get().libraryStatus !== 'ready') set({ libraryStatus: 'loading' });
    try {
      set({ documents: await api['library.list']({}), libraryStatus: 'ready' });
    } catch (error) {
      set({ libraryStatus: 'failed' });
      get().pushAlert('Could not load the library', error);
    }
  }

  return {
    documents: [],
    libraryStatus: 'idle',
    sort: { key: 'importedAt', direction: 'descending' },

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
            : { key, direction: key === 'importedAt' ? 'descending' : 'ascending' },
      }));
    },

    upsertDocument(doc) {
      set(({ documents }) => ({
        documents: documents.some((d) => d.id === doc.id) ? documents.map((d) => (d.id === doc.id ? doc : d)) : [...documents, doc],
      }));
    },
  };
};
