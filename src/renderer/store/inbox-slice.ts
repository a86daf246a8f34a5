import type { InboxAfter, InboxEvent, InboxStatus, Rule, RulePreviewEntry } from '../../shared/model';
import { i18n } from '../i18n';
import { messageOf, type SliceCreator } from './types';

/** A rule being written in the form: what rules.save takes for a new rule. */
export type RuleDraft = Omit<Rule, 'id'> & { id?: string };

/** Settings → Inbox and Settings → Rules: the watched folder, its recent files, the filing rules and their preview. */
export interface InboxSlice {
  inboxStatus: InboxStatus | null;
  inboxAfter: InboxAfter;
  rules: Rule[];
  /** null: no preview shown; a list (maybe empty): what applying would change */
  rulePreview: RulePreviewEntry[] | null;
  loadInbox(): Promise<void>;
  /** Each answers null on success or the reason it failed, for the form that asked. */
  saveInbox(folder: string, after: InboxAfter): Promise<string | null>;
  saveRules(rules: RuleDraft[]): Promise<string | null>;
  previewRules(): Promise<string | null>;
  applyRules(): Promise<string | null>;
  dismissRulePreview(): void;
  /** the core's inbox.status event: the state, and a notice for each file it handled */
  applyInboxStatus(status: InboxStatus & { latest?: InboxEvent }): void;
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export const createInboxSlice: SliceCreator<InboxSlice> = (api) => (set, get) => ({
  inboxStatus: null,
  inboxAfter: 'move',
  rules: [],
  rulePreview: null,

  async loadInbox() {
    try {
      const [inboxStatus, rules, settings] = await Promise.all([api['inbox.status']({}), api['rules.list']({}), api['settings.get']({})]);
      set({ inboxStatus, rules, inboxAfter: settings.inbox?.after ?? 'move' });
    } catch (error) {
      get().pushAlert(i18n.t('inbox.loadFailed'), error);
    }
  },

  async saveInbox(folder, after) {
    try {
      set({ inboxStatus: await api['inbox.set']({ folder, after }), inboxAfter: after });
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  async saveRules(rules) {
    try {
      set({ rules: await api['rules.save']({ rules }), rulePreview: null });
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  async previewRules() {
    try {
      set({ rulePreview: await api['rules.preview']({}) });
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  async applyRules() {
    try {
      const changed = await api['rules.apply']({});
      set({ rulePreview: null });
      get().pushToast({ kind: 'success', title: i18n.t('rules.applied', { count: changed.length }) });
      await get().loadLibrary();
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  dismissRulePreview() {
    set({ rulePreview: null });
  },

  applyInboxStatus(status) {
    const { latest, ...rest } = status;
    set({ inboxStatus: rest });
    if (!latest) return;
    const name = fileName(latest.file);
    if (latest.status === 'failed') {
      get().pushToast({ kind: 'error', title: i18n.t('inbox.failedToast', { name }), message: latest.reason ?? '', fix: i18n.t('inbox.failedFix') });
    } else {
      const rules = latest.rules?.length ? i18n.t('inbox.filedBy', { rules: latest.rules.join(', ') }) : undefined;
      const key = latest.status === 'duplicate' ? 'inbox.duplicateToast' : 'inbox.importedToast';
      get().pushToast({ kind: 'success', title: i18n.t(key, { name, title: latest.title ?? name }), ...(rules ? { message: rules } : {}) });
    }
  },
});
