import type { AppInfo } from '../../shared/api/contract';
import { i18n } from '../i18n';
import { messageOf, type SliceCreator } from './types';

export type ToastKind = 'error' | 'success';

/** A message over the page: errors stay until dismissed, the others time out (Toasts.tsx). */
export interface Toast {
  id: number;
  kind: ToastKind;
  /** what happened, naming the file or document, e.g. "Could not rename “Annual report”" */
  title: string;
  message?: string;
  /** what the user can do about it, when there is something */
  fix?: string;
  /** one thing to do about it right there, e.g. Undo after a delete */
  action?: { label: string; run(): void };
}

export type NewToast = Omit<Toast, 'id'>;

export interface AppSlice {
  info: AppInfo | null;
  toasts: Toast[];
  loadInfo(): Promise<void>;
  /** An error toast: title says what failed, the error's message why, fix what to do. */
  pushAlert(title: string, error: unknown, fix?: string): void;
  pushToast(toast: NewToast): number;
  dismissToast(id: number): void;
}

let nextToastId = 1;

export const createAppSlice: SliceCreator<AppSlice> = (api) => (set, get) => ({
  info: null,
  toasts: [],

  async loadInfo() {
    try {
      set({ info: await api['app.info']({}) });
    } catch (error) {
      get().pushAlert(i18n.t('alert.reach'), error, i18n.t('fix.reach'));
    }
  },

  pushAlert(title, error, fix) {
    get().pushToast({ kind: 'error', title, message: messageOf(error), ...(fix ? { fix } : {}) });
  },

  pushToast(toast) {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }] }));
    return id;
  },

  dismissToast(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
});
