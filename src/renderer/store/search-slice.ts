import type { SearchHit } from '../../shared/model';
import { toSearchFilters } from '../features/library/filter-documents';
import { messageOf, type SliceCreator } from './types';

export const SEARCH_PAGE = 25;
/** Typing pauses this long before a query goes out. */
export const SEARCH_DEBOUNCE_MS = 150;

export interface SearchState {
  /** the query the results belong to */
  query: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  hits: SearchHit[];
  total: number;
  approximate: boolean;
  error: string | null;
  loadingMore: boolean;
}

export interface SearchSlice {
  /** what the search box holds */
  searchText: string;
  search: SearchState;
  setSearchText(text: string, options?: { immediate?: boolean }): void;
  /** Runs the current text again, e.g. after the chips changed; a no-op without a query. */
  refreshSearch(): void;
  loadMoreResults(): Promise<void>;
}

const IDLE: SearchState = { query: '', status: 'idle', hits: [], total: 0, approximate: false, error: null, loadingMore: false };

export const createSearchSlice: SliceCreator<SearchSlice> = (api) => (set, get) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Each request takes a number; an answer that is not the latest is dropped (typing outruns the core).
  let latest = 0;

  async function run(offset: number) {
    const query = get().searchText.trim();
    const ticket = ++latest;
    if (!query) {
      set({ search: IDLE });
      return;
    }
    const filters = toSearchFilters(get().filters, get().tags.map((t) => t.tag));
    const before = get().search;
    set({
      search: offset ? { ...before, loadingMore: true } : { ...before, query, status: 'loading', error: null, loadingMore: false, ...(before.query === query ? {} : { hits: [] }) },
    });
    try {
      const result = await api['search.query']({ query, ...(filters ? { filters } : {}), limit: SEARCH_PAGE, offset });
      if (ticket !== latest) return;
      set({
        search: {
          query,
          status: 'ready',
          hits: offset ? [...get().search.hits, ...result.hits] : result.hits,
          total: result.total,
          approximate: result.approximate === true,
          error: null,
          loadingMore: false,
        },
      });
    } catch (error) {
      if (ticket !== latest) return;
      set({ search: { ...get().search, query, status: 'failed', error: messageOf(error), loadingMore: false } });
    }
  }

  return {
    searchText: '',
    search: IDLE,

    setSearchText(text, options) {
      set({ searchText: text });
      clearTimeout(timer);
      if (!text.trim()) {
        latest++;
        set({ search: IDLE });
        return;
      }
      if (options?.immediate) void run(0);
      else timer = setTimeout(() => void run(0), SEARCH_DEBOUNCE_MS);
    },

    refreshSearch() {
      if (!get().searchText.trim()) return;
      clearTimeout(timer);
      void run(0);
    },

    async loadMoreResults() {
      const { search } = get();
      if (search.status !== 'ready' || search.loadingMore || search.hits.length >= search.total) return;
      await run(search.hits.length);
    },
  };
};
