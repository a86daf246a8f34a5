import { i18n } from '../i18n';
import type { AgreementReport } from '../../shared/agreement';
import type { Annotation } from '../../shared/model';
import { messageOf, type SliceCreator } from './types';

export interface ReviewState {
  docId: string;
  status: 'loading' | 'ready' | 'failed';
  error: string | null;
  title: string;
  text: string;
  /** every layer's annotations of the document */
  annotations: Annotation[];
  /** the user's own layer name */
  user: string;
}

export interface AgreementState {
  scope: 'document' | 'archive';
  status: 'loading' | 'ready' | 'failed';
  report: AgreementReport | null;
  error: string | null;
}

export interface ReviewSlice {
  review: ReviewState | null;
  agreement: AgreementState | null;
  loadReview(docId: string): Promise<void>;
  loadAgreement(scope: 'document' | 'archive'): Promise<void>;
  /** Copies these annotations into the gold layer (a mention replaces the gold ones it overlaps). */
  acceptIntoGold(ids: readonly string[]): Promise<void>;
  removeFromGold(id: string): Promise<void>;
  relabelGold(id: string, label: string): Promise<void>;
  closeReview(): void;
}

export const createReviewSlice: SliceCreator<ReviewSlice> = (api) => (set, get) => {
  /** Re-reads the document's annotations after a change of gold (the core answered what changed). */
  async function refresh(docId: string) {
    const annotations = await api['annotations.list']({ docId });
    const current = get().review;
    if (current?.docId === docId) set({ review: { ...current, annotations } });
  }

  return {
    review: null,
    agreement: null,

    async loadReview(docId) {
      set({ review: { docId, status: 'loading', error: null, title: '', text: '', annotations: [], user: '' } });
      try {
        const [content, annotations, { user }] = await Promise.all([api['document.get']({ id: docId }), api['annotations.list']({ docId }), api['layers.list']({ ids: [docId] })]);
        if (get().review?.docId !== docId) return;
        set({ review: { docId, status: 'ready', error: null, title: content.meta.title, text: content.text, annotations, user } });
      } catch (error) {
        if (get().review?.docId === docId) set({ review: { docId, status: 'failed', error: messageOf(error), title: '', text: '', annotations: [], user: '' } });
      }
      await get().loadAgreement(get().agreement?.scope ?? 'document');
    },

    async loadAgreement(scope) {
      const docId = get().review?.docId;
      set((s) => ({ agreement: { scope, status: 'loading', report: s.agreement?.report ?? null, error: null } }));
      try {
        const report = await api['agreement.compute'](scope === 'document' && docId ? { ids: [docId] } : {});
        if (get().agreement?.scope === scope) set({ agreement: { scope, status: 'ready', report, error: null } });
      } catch (error) {
        if (get().agreement?.scope === scope) set({ agreement: { scope, status: 'failed', report: null, error: messageOf(error) } });
      }
    },

    async acceptIntoGold(ids) {
      const docId = get().review?.docId;
      if (!docId || !ids.length) return;
      try {
        const { made } = await api['curation.accept']({ docId, annotationIds: [...ids] });
        await refresh(docId);
        if (made.length) get().pushToast({ kind: 'success', title: i18n.t('curation.accepted', { count: made.length }) });
      } catch (error) {
        get().pushAlert(i18n.t('curation.acceptFailed'), error);
      }
    },

    async removeFromGold(id) {
      const docId = get().review?.docId;
      if (!docId) return;
      try {
        await api['annotations.delete']({ docId, id });
        await refresh(docId);
      } catch (error) {
        get().pushAlert(i18n.t('curation.removeFailed'), error);
      }
    },

    async relabelGold(id, label) {
      const docId = get().review?.docId;
      if (!docId) return;
      try {
        await api['mentions.relabel']({ docId, annotationId: id, label });
        await refresh(docId);
      } catch (error) {
        get().pushAlert(i18n.t('curation.relabelFailed'), error);
      }
    },

    closeReview() {
      set({ review: null });
    },
  };
};
