import type { RichDoc } from '../../shared/model';
import { messageOf, type SliceCreator } from './types';

export interface NoteState {
  docId: string;
  doc: RichDoc | null;
  status: 'loading' | 'ready' | 'failed';
  /** 'saved' only once the core answered: it fsyncs before it does */
  save: 'idle' | 'saving' | 'saved' | 'failed';
  error: string | null;
  updatedAt: string | null;
}

export interface NoteSlice {
  note: NoteState | null;
  loadNote(docId: string): Promise<void>;
  /** Saves in order: at most one write in flight, and only the newest waiting one is kept. */
  saveNote(docId: string, doc: RichDoc | null): Promise<void>;
}

export const createNoteSlice: SliceCreator<NoteSlice> = (api) => (set, get) => {
  let inFlight: Promise<void> | null = null;
  let queued: { docId: string; doc: RichDoc | null } | null = null;

  const patch = (docId: string, change: Partial<NoteState>) => {
    const note = get().note;
    if (note?.docId === docId) set({ note: { ...note, ...change } });
  };

  async function drain() {
    while (queued) {
      const { docId, doc } = queued;
      queued = null;
      patch(docId, { save: 'saving', doc });
      try {
        const { updatedAt } = await api['note.set']({ docId, note: doc });
        if (!queued) patch(docId, { save: 'saved', updatedAt, error: null });
      } catch (error) {
        patch(docId, { save: 'failed', error: messageOf(error) });
      }
    }
    inFlight = null;
  }

  return {
    note: null,

    async loadNote(docId) {
      set({ note: { docId, doc: null, status: 'loading', save: 'idle', error: null, updatedAt: null } });
      try {
        const { note, updatedAt } = await api['note.get']({ docId });
        patch(docId, { doc: note, updatedAt, status: 'ready' });
      } catch (error) {
        patch(docId, { status: 'failed', error: messageOf(error) });
      }
    },

    saveNote(docId, doc) {
      queued = { docId, doc };
      patch(docId, { save: 'saving' });
      inFlight ??= drain();
      return inFlight;
    },
  };
};
