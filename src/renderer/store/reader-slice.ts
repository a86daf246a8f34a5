import type { DocumentContent } from '../../shared/model';
import { messageOf, type SliceCreator } from './types';

export interface ReaderSlice {
  /** the document the reader shows; id is set at once, content when it has loaded */
  reader: { id: string; status: 'loading' | 'ready' | 'failed'; content: DocumentContent | null; error: string | null } | null;
  openDocument(id: string): Promise<void>;
  closeDocument(): void;
  /** Resolves to null on success, or the reason it failed (shown beside the title field). */
  renameDocument(id: string, title: string): Promise<string | null>;
  /** After library.changed: pick up a new title or version of the open document. */
  refreshOpenDocument(ids: readonly string[]): Promise<void>;
}

export const createReaderSlice: SliceCreator<ReaderSlice> = (api) => (set, get) => {
  async function load(id: string, keepContent: boolean) {
    const before = get().reader;
    set({ reader: { id, status: 'loading', content: keepContent && before?.id === id ? before.content : null, error: null } });
    try {
      const content = await api['document.get']({ id });
      if (get().reader?.id === id) set({ reader: { id, status: 'ready', content, error: null } });
    } catch (error) {
      if (get().reader?.id === id) set({ reader: { id, status: 'failed', content: null, error: messageOf(error) } });
    }
  }

  return {
    reader: null,

    openDocument: (id) => load(id, false),

    closeDocument() {
      set({ reader: null });
    },

    async renameDocument(id, title) {
      try {
        const meta = await api['document.update']({ id, title });
        const reader = get().reader;
        if (reader?.id === id && reader.content) set({ reader: { ...reader, content: { ...reader.content, meta } } });
        get().upsertDocument(meta);
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },

    async refreshOpenDocument(ids) {
      const reader = get().reader;
      if (reader?.status === 'ready' && ids.includes(reader.id)) await load(reader.id, true);
    },
  };
};
