import type { DocumentContent } from '../../shared/model';
import { findQuery } from '../../shared/search/find-query';
import { growByWord, shrinkByWord } from '../../shared/text/words';
import { messageOf, type SliceCreator } from './types';

export interface FindState {
  open: boolean;
  query: string;
  /** [start, end) offsets of every hit, in text order */
  hits: [number, number][];
  /** index into hits of the current one; -1 when there is none */
  current: number;
  status: 'idle' | 'searching' | 'done' | 'failed';
  error: string | null;
  /** bumps when the find field should take focus */
  focusSeq: number;
}

const closedFind: FindState = { open: false, query: '', hits: [], current: -1, status: 'idle', error: null, focusSeq: 0 };

export interface ReaderSlice {
  /** the document the reader shows; id is set at once, content when it has loaded */
  reader: { id: string; status: 'loading' | 'ready' | 'failed'; content: DocumentContent | null; error: string | null } | null;
  find: FindState;
  openDocument(id: string): Promise<void>;
  closeDocument(): void;
  /** Resolves to null on success, or the reason it failed (shown beside the title field). */
  renameDocument(id: string, title: string): Promise<string | null>;
  /** After library.changed: pick up a new title or version of the open document. */
  refreshOpenDocument(ids: readonly string[]): Promise<void>;
  openFind(query?: string): void;
  closeFind(): void;
  /** Asks the core for every hit of the query in the open document and goes to the first. */
  runFind(query: string): Promise<void>;
  /** Next (+1) or previous (-1) hit, wrapping around. */
  stepFind(delta: 1 | -1): void;
  /** Grows (+1) or shrinks (-1) the current hit by a word, before it is tagged (Shift+Alt+→/←). */
  resizeFindHit(delta: 1 | -1): void;
}

export const createReaderSlice: SliceCreator<ReaderSlice> = (api) => (set, get) => {
  let findSeq = 0;

  async function load(id: string, keepContent: boolean) {
    const before = get().reader;
    set({ reader: { id, status: 'loading', content: keepContent && before?.id === id ? before.content : null, error: null } });
    try {
      const content = await api['document.get']({ id });
      if (get().reader?.id === id) set({ reader: { id, status: 'ready', content, error: null } });
    } catch (error) {
      if (get().reader?.id === id) set({ reader: { id, status: 'failed', content: null, error: messageOf(error) } });
    }
    // The first read of a document checks its files: a repair made then is told at once.
    void get().loadRepairs();
  }

  function goToHit(index: number) {
    const hit = get().find.hits[index];
    set((state) => ({ find: { ...state.find, current: hit ? index : -1 } }));
    if (hit) get().focusOffset(hit[0]);
  }

  return {
    reader: null,
    find: closedFind,

    openDocument(id) {
      set({ find: closedFind, activeAnnotation: null, focusRequest: null, suggestions: null, tagAll: null });
      get().clearUndo();
      void get().loadEntityNames();
      void get().loadAnnotations(id);
      void get().loadNote(id);
      return load(id, false);
    },

    closeDocument() {
      set({ reader: null, annotations: null, note: null, find: closedFind, activeAnnotation: null, suggestions: null, tagAll: null });
      get().clearUndo();
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
      if (reader?.status !== 'ready' || !ids.includes(reader.id)) return;
      const version = reader.content?.meta.version;
      await load(reader.id, true);
      // A new version of the text re-anchored the annotations in the core: the old offsets and the undo history no longer hold.
      if (get().reader?.content?.meta.version !== version) {
        get().clearUndo();
        await get().loadAnnotations(reader.id);
        const query = get().find.query;
        if (get().find.open && query) await get().runFind(query);
      }
    },

    openFind(query) {
      set((state) => ({ find: { ...state.find, open: true, query: query ?? state.find.query, focusSeq: state.find.focusSeq + 1 } }));
    },

    closeFind() {
      findSeq++;
      set((state) => ({ find: { ...closedFind, query: state.find.query, focusSeq: state.find.focusSeq } }));
    },

    async runFind(query) {
      const docId = get().reader?.id;
      const mine = ++findSeq;
      if (!docId || !query.trim()) {
        set((state) => ({ find: { ...state.find, query, hits: [], current: -1, status: 'idle', error: null } }));
        return;
      }
      set((state) => ({ find: { ...state.find, query, status: 'searching', error: null } }));
      try {
        const hits = await api['search.hits']({ docId, query: findQuery(query) });
        if (mine !== findSeq) return;
        set((state) => ({ find: { ...state.find, hits, current: -1, status: 'done' } }));
        goToHit(0);
      } catch (error) {
        if (mine === findSeq) set((state) => ({ find: { ...state.find, hits: [], current: -1, status: 'failed', error: messageOf(error) } }));
      }
    },

    resizeFindHit(delta) {
      const { hits, current } = get().find;
      const text = get().reader?.content?.text;
      const hit = hits[current];
      if (!hit || !text) return;
      const next = (delta > 0 ? growByWord : shrinkByWord)(text, hit[0], hit[1]);
      const resized = hits.map((h, i): [number, number] => (i === current ? [next.start, next.end] : h));
      set((state) => ({ find: { ...state.find, hits: resized } }));
    },

    stepFind(delta) {
      const { hits, current } = get().find;
      if (hits.length === 0) return;
      goToHit((current + delta + hits.length) % hits.length);
    },
  };
};
