import { i18n } from '../i18n';
import type { Suggestion } from '../../shared/model';
import { messageOf, type SliceCreator } from './types';

export interface SuggestionsState {
  docId: string;
  status: 'loading' | 'ready' | 'failed';
  items: Suggestion[];
  /** index of the suggestion the user is on; -1 before j/k */
  current: number;
  error: string | null;
}

export interface SuggestionsSlice {
  suggestions: SuggestionsState | null;
  /** Shows the document's suggestions, or hides them when shown. */
  toggleSuggestions(docId: string): Promise<void>;
  closeSuggestions(): void;
  stepSuggestion(delta: 1 | -1): void;
  /** Tags the current suggestion (linking it to its registry entity); nothing is applied without this. */
  acceptSuggestion(): Promise<void>;
  /** The core remembers the rejection for this document. */
  rejectSuggestion(): Promise<void>;
  /** After a mention is made: suggestions it covers are done with. */
  dropSuggestionsOver(span: { start: number; end: number }): void;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export const createSuggestionsSlice: SliceCreator<SuggestionsSlice> = (api) => (set, get) => {
  function keep(items: Suggestion[], current: number) {
    const state = get().suggestions;
    if (!state) return;
    set({ suggestions: { ...state, items, current: items.length ? Math.min(current, items.length - 1) : -1 } });
    const next = items[Math.min(current, items.length - 1)];
    if (next && current >= 0) get().focusOffset(next.start);
  }

  return {
    suggestions: null,

    async toggleSuggestions(docId) {
      if (get().suggestions?.docId === docId) return get().closeSuggestions();
      set({ suggestions: { docId, status: 'loading', items: [], current: -1, error: null } });
      try {
        const items = (await api['suggestions.list']({ docId })).sort((a, b) => a.start - b.start || b.end - a.end);
        if (get().suggestions?.docId === docId) set({ suggestions: { docId, status: 'ready', items, current: -1, error: null } });
      } catch (error) {
        if (get().suggestions?.docId === docId) set({ suggestions: { docId, status: 'failed', items: [], current: -1, error: messageOf(error) } });
      }
    },

    closeSuggestions: () => set({ suggestions: null }),

    stepSuggestion(delta) {
      const state = get().suggestions;
      if (!state?.items.length) return;
      const n = state.items.length;
      const current = state.current < 0 ? (delta === 1 ? 0 : n - 1) : (state.current + delta + n) % n;
      set({ suggestions: { ...state, current } });
      get().focusOffset(state.items[current]!.start);
    },

    async acceptSuggestion() {
      const state = get().suggestions;
      const s = state?.items[state.current];
      if (!state || !s) return;
      const created = await get().createMention(state.docId, s, s.label, s.entityId, true);
      if (created) keep(get().suggestions?.items ?? [], state.current);
    },

    async rejectSuggestion() {
      const state = get().suggestions;
      const s = state?.items[state.current];
      if (!state || !s) return;
      try {
        await api['suggestions.reject']({ docId: state.docId, label: s.label, text: s.text });
        const after = get().suggestions;
        if (after?.docId === state.docId) keep(after.items.filter((x) => !(x.label === s.label && x.text === s.text)), state.current);
      } catch (error) {
        get().pushAlert(i18n.t('alert.reject', { text: s.text }), error);
      }
    },

    dropSuggestionsOver(span) {
      const state = get().suggestions;
      if (!state) return;
      const items = state.items.filter((s) => !overlaps(s, span));
      if (items.length !== state.items.length) set({ suggestions: { ...state, items, current: Math.min(state.current, items.length - 1) } });
    },
  };
};
