import { i18n } from '../i18n';
import type { Entity, EntitySummary, MentionInContext, RelationInContext } from '../../shared/model';
import { messageOf, type SliceCreator } from './types';

export interface EntityListState {
  status: 'loading' | 'ready' | 'failed';
  items: EntitySummary[];
  error: string | null;
}

export interface EntityPageState {
  id: string;
  status: 'loading' | 'ready' | 'failed';
  entity: Entity | null;
  mentions: MentionInContext[];
  relations: RelationInContext[];
  error: string | null;
}

/** An entity the library is filtered by: its chip text and the documents that mention it. */
export interface EntityFilterInfo {
  label: string;
  name: string;
  docIds: string[];
}

export interface EntitiesSlice {
  entityList: EntityListState | null;
  entityPage: EntityPageState | null;
  entityFilterInfo: Record<string, EntityFilterInfo>;
  loadEntityList(filter: { label?: string; query?: string }): Promise<void>;
  loadEntityPage(id: string): Promise<void>;
  /** Each resolves to null on success, or the reason it failed. */
  updateEntity(id: string, patch: { name?: string; aliases?: string[] }): Promise<string | null>;
  mergeEntities(into: string, ids: string[]): Promise<string | null>;
  splitEntity(id: string, name: string, mentions: { docId: string; annotationId: string }[]): Promise<string | null>;
  /** The library (and search) filtered by the documents that mention this entity. */
  filterByEntity(id: string): Promise<void>;
}

export const createEntitiesSlice: SliceCreator<EntitiesSlice> = (api) => (set, get) => {
  let listTicket = 0;
  let lastFilter: { label?: string; query?: string } = {};

  const refreshPage = async () => {
    const page = get().entityPage;
    if (page) await get().loadEntityPage(page.id);
  };

  return {
    entityList: null,
    entityPage: null,
    entityFilterInfo: {},

    async loadEntityList(filter) {
      lastFilter = filter;
      const ticket = ++listTicket;
      set((s) => ({ entityList: { status: 'loading', items: s.entityList?.items ?? [], error: null } }));
      try {
        const items = await api['entities.list']({ ...(filter.label ? { label: filter.label } : {}), ...(filter.query?.trim() ? { query: filter.query.trim() } : {}) });
        if (ticket === listTicket) set({ entityList: { status: 'ready', items, error: null } });
      } catch (error) {
        if (ticket === listTicket) set({ entityList: { status: 'failed', items: [], error: messageOf(error) } });
      }
    },

    async loadEntityPage(id) {
      const before = get().entityPage;
      set({ entityPage: { id, status: 'loading', entity: before?.id === id ? before.entity : null, mentions: before?.id === id ? before.mentions : [], relations: before?.id === id ? before.relations : [], error: null } });
      try {
        const { entity, mentions, relations } = await api['entities.get']({ id });
        if (get().entityPage?.id === id) set({ entityPage: { id, status: 'ready', entity, mentions, relations, error: null } });
      } catch (error) {
        if (get().entityPage?.id === id) set({ entityPage: { id, status: 'failed', entity: null, mentions: [], relations: [], error: messageOf(error) } });
      }
    },

    async updateEntity(id, patch) {
      try {
        const entity = await api['entities.update']({ id, ...patch });
        const page = get().entityPage;
        if (page?.id === id) set({ entityPage: { ...page, entity } });
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },

    async mergeEntities(into, ids) {
      try {
        await api['entities.merge']({ into, ids: ids.filter((id) => id !== into) });
        await get().loadEntityList(lastFilter);
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },

    async splitEntity(id, name, mentions) {
      try {
        await api['entities.split']({ id, name, mentions });
        await refreshPage();
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },

    async filterByEntity(id) {
      try {
        const { entity, mentions } = await api['entities.get']({ id });
        const docIds = [...new Set(mentions.map((m) => m.docId))];
        set((s) => ({ entityFilterInfo: { ...s.entityFilterInfo, [id]: { label: entity.label, name: entity.name, docIds } } }));
        const current = get().filters.entities;
        get().setFilters({ entities: current.includes(id) ? current : [...current, id] });
      } catch (error) {
        get().pushAlert(i18n.t('alert.filterEntity'), error);
      }
    },
  };
};
