import type { RepairEntry } from '../../shared/model';
import { i18n } from '../i18n';
import { messageOf, type SliceCreator } from './types';

export interface RepairsSlice {
  repairs: { status: 'loading' | 'ready' | 'failed'; items: RepairEntry[]; error: string | null } | null;
  /**
   * Reads the list of repairs; each one this window has not told about yet comes up as a
   * notice naming the document and the file (a file set aside is never only a log line).
   */
  loadRepairs(): Promise<void>;
  dismissRepair(id: string): Promise<void>;
  restoreRepair(id: string): Promise<void>;
}

/** At most this many notices at once; the Repairs view (and its count in the sidebar) lists the rest. */
const MAX_NOTICES = 3;

export const createRepairsSlice: SliceCreator<RepairsSlice> = (api) => (set, get) => {
  const told = new Set<string>();
  let loading: Promise<void> | null = null;
  let again = false;

  async function load(): Promise<void> {
    const before = get().repairs;
    set({ repairs: { status: before?.status === 'ready' ? 'ready' : 'loading', items: before?.items ?? [], error: null } });
    try {
      const items = await api['repairs.list']({});
      set({ repairs: { status: 'ready', items, error: null } });
      const fresh = items.filter((r) => !told.has(r.id));
      for (const r of fresh) told.add(r.id);
      for (const r of fresh.slice(0, MAX_NOTICES)) {
        get().pushToast({
          kind: 'error',
          title: i18n.t('repairs.toastTitle'),
          message: i18n.t('repairs.toastBody', { doc: r.docTitle ?? i18n.t('repairs.archive'), problem: r.problem }),
          fix: r.action,
        });
      }
    } catch (error) {
      set({ repairs: { status: 'failed', items: before?.items ?? [], error: messageOf(error) } });
    }
  }

  return {
    repairs: null,

    loadRepairs() {
      // Calls that come while one runs are folded into one more run after it.
      if (loading) {
        again = true;
        return loading;
      }
      loading = load().finally(() => {
        loading = null;
        if (again) {
          again = false;
          void get().loadRepairs();
        }
      });
      return loading;
    },

    async dismissRepair(id) {
      try {
        await api['repairs.dismiss']({ id });
        await get().loadRepairs();
      } catch (error) {
        get().pushAlert(i18n.t('repairs.failed', { error: messageOf(error) }), error);
      }
    },

    async restoreRepair(id) {
      try {
        const { restored } = await api['repairs.restore']({ id });
        get().pushToast({ kind: 'success', title: i18n.t('repairs.restored', { count: restored }) });
        await get().loadRepairs();
      } catch (error) {
        get().pushAlert(i18n.t('repairs.failed', { error: messageOf(error) }), error);
      }
    },
  };
};
