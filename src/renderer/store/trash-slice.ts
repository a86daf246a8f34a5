import { i18n } from '../i18n';
import type { EntityDeletion } from '../../shared/api/contract';
import type { TrashedDocument } from '../../shared/model';
import { messageOf, type SliceCreator } from './types';

export interface TrashState {
  status: 'loading' | 'ready' | 'failed';
  items: TrashedDocument[];
  error: string | null;
}

export interface TrashSlice {
  trash: TrashState | null;
  /** the archive's setting: days in the trash before removal at open; null: never */
  trashRetentionDays: number | null;
  loadTrash(): Promise<void>;
  saveTrashRetention(days: number | null): Promise<string | null>;
  /** Moves documents to the trash; a toast offers Undo. Resolves to null, or why it failed. */
  deleteDocuments(ids: readonly string[]): Promise<string | null>;
  restoreDocuments(ids: readonly string[]): Promise<string | null>;
  /** Removes documents from the trash for good (all of them without ids), after the view's confirmation. */
  emptyTrash(ids?: readonly string[]): Promise<string | null>;
  /** Deletes an entity; its mentions are removed or kept unlinked. A toast offers Undo. */
  deleteEntity(id: string, mentions: 'remove' | 'unlink'): Promise<string | null>;
}

export const createTrashSlice: SliceCreator<TrashSlice> = (api) => (set, get) => {
  /** Everything that lists documents follows a move in or out of the trash at once. */
  const afterMove = async () => {
    await Promise.all([get().loadLibrary(), get().loadTrash(), get().loadCatalog()]);
    get().refreshSearch();
  };

  const restoreEntity = async (deletion: EntityDeletion) => {
    try {
      await api['entities.restore'](deletion);
      get().pushToast({ kind: 'success', title: i18n.t('entityDelete.restored', { name: deletion.entity.name }) });
      void get().loadEntityList({});
    } catch (error) {
      get().pushAlert(i18n.t('entityDelete.undoFailed', { name: deletion.entity.name }), error);
    }
  };

  return {
    trash: null,
    trashRetentionDays: null,

    async loadTrash() {
      set((s) => ({ trash: { status: 'loading', items: s.trash?.items ?? [], error: null } }));
      try {
        const [items, settings] = await Promise.all([api['trash.list']({}), api['settings.get']({})]);
        set({ trash: { status: 'ready', items, error: null }, trashRetentionDays: settings.trashRetentionDays ?? null });
      } catch (error) {
        set({ trash: { status: 'failed', items: [], error: messageOf(error) } });
      }
    },

    async saveTrashRetention(days) {
      try {
        const settings = await api['settings.update']({ trashRetentionDays: days });
        set({ trashRetentionDays: settings.trashRetentionDays ?? null });
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },

    async deleteDocuments(ids) {
      if (!ids.length) return null;
      try {
        const entries = await api['documents.delete']({ ids: [...ids] });
        const gone = new Set(entries.map((e) => e.id));
        set((s) => ({ documents: s.documents.filter((d) => !gone.has(d.id)), selection: new Set([...s.selection].filter((id) => !gone.has(id))) }));
        const title =
          entries.length === 1 ? i18n.t('trash.deletedOne', { title: entries[0]!.title }) : i18n.t('trash.deletedMany', { count: entries.length });
        get().pushToast({ kind: 'success', title, action: { label: i18n.t('trash.undo'), run: () => void get().restoreDocuments([...gone]) } });
        await afterMove();
        return null;
      } catch (error) {
        get().pushAlert(i18n.t('trash.deleteFailed', { count: ids.length }), error);
        return messageOf(error);
      }
    },

    async restoreDocuments(ids) {
      try {
        const restored = await api['trash.restore']({ ids: [...ids] });
        get().upsertDocuments(restored);
        get().pushToast({ kind: 'success', title: i18n.t('trash.restored', { count: restored.length }) });
        await afterMove();
        return null;
      } catch (error) {
        get().pushAlert(i18n.t('trash.restoreFailed', { count: ids.length }), error);
        return messageOf(error);
      }
    },

    async emptyTrash(ids) {
      try {
        const { removed } = await api['trash.empty'](ids ? { ids: [...ids] } : {});
        get().pushToast({ kind: 'success', title: i18n.t('trash.emptied', { count: removed }) });
        await get().loadTrash();
        return null;
      } catch (error) {
        get().pushAlert(i18n.t('trash.emptyFailed'), error);
        return messageOf(error);
      }
    },

    async deleteEntity(id, mentions) {
      try {
        const deletion = await api['entities.delete']({ id, mentions });
        get().pushToast({
          kind: 'success',
          title: i18n.t(mentions === 'remove' ? 'entityDelete.doneRemoved' : 'entityDelete.doneUnlinked', { name: deletion.entity.name, count: deletion.mentions.length }),
          action: { label: i18n.t('trash.undo'), run: () => void restoreEntity(deletion) },
        });
        void get().loadEntityList({});
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },
  };
};
