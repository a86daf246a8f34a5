import type { AppInfo } from '../../shared/api/contract';
import { messageOf, type SliceCreator } from './types';

export interface Alert {
  id: number;
  /** what failed, naming the file or document, e.g. "Could not rename “Annual report”" */
  title: string;
  message: string;
}

export interface AppSlice {
  info: AppInfo | null;
  alerts: Alert[];
  loadInfo(): Promise<void>;
  pushAlert(title: string, error: unknown): void;
  dismissAlert(id: number): void;
}

let nextAlertId = 1;

export const createAppSlice: SliceCreator<AppSlice> = (api) => (set, get) => ({
  info: null,
  alerts: [],

  async loadInfo() {
    try {
      set({ info: await api['app.info']({}) });
    } catch (error) {
      get().pushAlert('Could not reach the archive', error);
    }
  },

  pushAlert(title, error) {
    const alert = { id: nextAlertId++, title, message: messageOf(error) };
    set((state) => ({ alerts: [...state.alerts, alert] }));
  },

  dismissAlert(id) {
    set((state) => ({ alerts: state.alerts.filter((alert) => alert.id !== id) }));
  },
});
