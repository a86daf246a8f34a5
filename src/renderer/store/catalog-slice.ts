import { i18n } from '../i18n';
import { DOC_TYPES, type Collection, type SavedSearch } from '../../shared/model';
import { fromSearchFilters, toSearchFilters } from '../features/library/filter-documents';
import { messageOf, type SliceCreator } from './types';

/** Tags, collections and saved searches: the library's sidebar. */
export interface CatalogSlice {
  tags: { tag: string; count: number }[];
  collections: Collection[];
  savedSearches: SavedSearch[];
  loadCatalog(): Promise<void>;
  loadTags(): Promise<void>;
  /** Each answers null on success or the reason it failed, for the form that asked. */
  createCollection(name: string): Promise<string | null>;
  renameCollection(id: string, name: string): Promise<string | null>;
  deleteCollection(id: string): Promise<void>;
  /** Puts the selected documents in (member) or takes them out of a collection. */
  assignSelection(collectionId: string, member: boolean): Promise<void>;
  saveSearch(name: string): Promise<string | null>;
  deleteSavedSearch(id: string): Promise<void>;
  /** Sets the query and the chips from a saved search and runs it at once. */
  runSavedSearch(saved: SavedSearch): void;
}

export const createCatalogSlice: SliceCreator<CatalogSlice> = (api) => (set, get) => ({
  tags: [],
  collections: [],
  savedSearches: [],

  async loadCatalog() {
    try {
      const [tags, collections, savedSearches] = await Promise.all([api['tags.list']({}), api['collections.list']({}), api['searches.list']({})]);
      set({ tags, collections, savedSearches });
    } catch (error) {
      get().pushAlert(i18n.t('alert.catalog'), error);
    }
  },

  async loadTags() {
    try {
      set({ tags: await api['tags.list']({}) });
    } catch {
      // The tree keeps its last state; the next library change tries again.
    }
  },

  async createCollection(name) {
    try {
      const created = await api['collections.create']({ name });
      set(({ collections }) => ({ collections: [...collections, created] }));
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  async renameCollection(id, name) {
    try {
      const renamed = await api['collections.rename']({ id, name });
      set(({ collections }) => ({ collections: collections.map((c) => (c.id === id ? renamed : c)) }));
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  async deleteCollection(id) {
    const collection = get().collections.find((c) => c.id === id);
    try {
      await api['collections.delete']({ id });
      set(({ collections }) => ({ collections: collections.filter((c) => c.id !== id) }));
      const { filters } = get();
      if (filters.collections.includes(id)) get().setFilters({ collections: filters.collections.filter((c) => c !== id) });
      await get().loadLibrary();
    } catch (error) {
      get().pushAlert(i18n.t('alert.deleteCollection', { name: collection?.name ?? id }), error);
    }
  },

  async assignSelection(collectionId, member) {
    const ids = [...get().selection];
    const collection = get().collections.find((c) => c.id === collectionId);
    if (!ids.length) return;
    try {
      get().upsertDocuments(await api['collections.assign']({ ids, collectionId, member }));
      get().refreshSearch();
    } catch (error) {
      get().pushAlert(i18n.t(member ? 'alert.addToCollection' : 'alert.removeFromCollection', { name: collection?.name ?? collectionId }), error);
    }
  },

  async saveSearch(name) {
    const { searchText, filters, tags } = get();
    try {
      const filtersOut = toSearchFilters(filters, tags.map((t) => t.tag));
      const saved = await api['searches.save']({ name, query: searchText.trim(), ...(filtersOut ? { filters: filtersOut } : {}) });
      set(({ savedSearches }) => ({ savedSearches: [...savedSearches.filter((s) => s.id !== saved.id), saved] }));
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  async deleteSavedSearch(id) {
    const saved = get().savedSearches.find((s) => s.id === id);
    try {
      await api['searches.delete']({ id });
      set(({ savedSearches }) => ({ savedSearches: savedSearches.filter((s) => s.id !== id) }));
    } catch (error) {
      get().pushAlert(i18n.t('alert.deleteSavedSearch', { name: saved?.name ?? id }), error);
    }
  },

  runSavedSearch(saved) {
    set({ filters: fromSearchFilters(saved.filters, DOC_TYPES) });
    get().setSearchText(saved.query, { immediate: true });
  },
});
