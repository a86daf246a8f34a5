import { i18n } from '../i18n';
import { DEFAULT_LABELS, type Label } from '../../shared/model';
import { messageOf, type SliceCreator } from './types';

export type LabelRemoval = { mentions: 'delete' } | { mentions: 'relabel'; to: string };

export interface LabelsSlice {
  /** the archive's label set, in hotkey order (1..9 are the first nine) */
  labels: Label[];
  loadLabels(): Promise<void>;
  /** Resolves to null on success, or the reason it failed. */
  saveLabels(labels: Label[]): Promise<string | null>;
  deleteLabel(id: string, removal: LabelRemoval): Promise<string | null>;
  /** How many mentions carry the label (through its entities): deleting it asks what to do with them. */
  labelUsage(id: string): Promise<number>;
}

export const createLabelsSlice: SliceCreator<LabelsSlice> = (api) => (set, get) => ({
  labels: DEFAULT_LABELS,

  async loadLabels() {
    try {
      set({ labels: await api['labels.list']({}) });
    } catch (error) {
      get().pushAlert(i18n.t('alert.labels'), error, i18n.t('fix.retry'));
    }
  },

  async saveLabels(labels) {
    try {
      set({ labels: await api['labels.save']({ labels }) });
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  async deleteLabel(id, removal) {
    try {
      set({ labels: await api['labels.delete']({ id, ...removal }) });
      const docId = get().annotations?.docId;
      if (docId) void get().loadAnnotations(docId);
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  async labelUsage(id) {
    const entities = await api['entities.list']({ label: id });
    return entities.reduce((sum, e) => sum + e.mentionCount, 0);
  },
});
