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
  /** false for a signed-in annotator: gold is read-only to them (the core refuses) */
  goldWritable: boolean;
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
  /** Gives a gold relation another type (a new relation in its place). */
  retypeGold(id: string, type: string): Promise<void>;
  closeReview(): void;
}

export const createReviewSlice: SliceCreator<ReviewSlice> = (api) => (set, get) => {
  /** Re-reads the document's annotations after a change of gold (the core answered what changed). */
  async function refresh(docId: string) {
    const annotations = await api['annotations.list']({ docId });
    const current = get().review;
    if (current?.docId === docId) set({ review: { ...current, annotations } });
  }

  /** Records a curation step for Ctrl+Z / Ctrl+Shift+Z: each direction talks to the core, then the table is read again. */
  function record(docId: string, label: string, undo: () => Promise<unknown>, redo: () => Promise<unknown>) {
    get().recordCommand({
      label,
      undo: async () => {
        await undo();
        await refresh(docId);
      },
      redo: async () => {
        await redo();
        await refresh(docId);
      },
    });
  }

  /** Takes gold back to before a choice: the copies made go (relations first), what they replaced returns (mentions first). */
  async function revert(docId: string, made: readonly Annotation[], replaced: readonly Annotation[]) {
    const relationsFirst = (a: Annotation) => (a.kind === 'relation' ? 0 : 1);
    const present = new Set((await api['annotations.list']({ docId })).map((a) => a.id));
    for (const a of [...made].sort((x, y) => relationsFirst(x) - relationsFirst(y))) {
      if (!present.has(a.id)) continue;
      const gone = await api['annotations.delete']({ docId, id: a.id });
      for (const r of gone.relations ?? []) present.delete(r.id);
    }
    for (const a of [...replaced].sort((x, y) => relationsFirst(y) - relationsFirst(x))) await api['annotations.restore']({ docId, annotation: a });
  }

  return {
    review: null,
    agreement: null,

    async loadReview(docId) {
      // the undo history is the open document's: the reviewer's begins here
      get().clearUndo();
      set({ review: { docId, status: 'loading', error: null, title: '', text: '', annotations: [], user: '', goldWritable: true } });
      try {
        const [content, annotations, { user, goldWritable }] = await Promise.all([api['document.get']({ id: docId }), api['annotations.list']({ docId }), api['layers.list']({ ids: [docId] })]);
        if (get().review?.docId !== docId) return;
        set({ review: { docId, status: 'ready', error: null, title: content.meta.title, text: content.text, annotations, user, goldWritable } });
      } catch (error) {
        if (get().review?.docId === docId) set({ review: { docId, status: 'failed', error: messageOf(error), title: '', text: '', annotations: [], user: '', goldWritable: true } });
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
        let step = await api['curation.accept']({ docId, annotationIds: [...ids] });
        const { made } = step;
        await refresh(docId);
        if (made.length || step.replaced.length) {
          record(
            docId,
            i18n.t('curation.undoStep'),
            () => revert(docId, step.made, step.replaced),
            async () => {
              step = await api['curation.accept']({ docId, annotationIds: [...ids] });
            },
          );
        }
        if (made.length) get().pushToast({ kind: 'success', title: i18n.t('curation.accepted', { count: made.length }) });
      } catch (error) {
        get().pushAlert(i18n.t('curation.acceptFailed'), error);
      }
    },

    async removeFromGold(id) {
      const docId = get().review?.docId;
      if (!docId) return;
      try {
        let removed = await api['annotations.delete']({ docId, id });
        await refresh(docId);
        record(
          docId,
          i18n.t('curation.undoStep'),
          async () => {
            // the mention first, then the relations that went with it
            const { relations = [], ...annotation } = removed;
            await api['annotations.restore']({ docId, annotation });
            for (const relation of relations) await api['annotations.restore']({ docId, annotation: relation });
          },
          async () => {
            removed = await api['annotations.delete']({ docId, id });
          },
        );
      } catch (error) {
        get().pushAlert(i18n.t('curation.removeFailed'), error);
      }
    },

    async relabelGold(id, label) {
      const docId = get().review?.docId;
      if (!docId) return;
      try {
        const previous = get().review?.annotations.find((a) => a.id === id)?.label;
        await api['mentions.relabel']({ docId, annotationId: id, label });
        await refresh(docId);
        if (previous && previous !== label) {
          record(
            docId,
            i18n.t('curation.undoStep'),
            () => api['mentions.relabel']({ docId, annotationId: id, label: previous }),
            () => api['mentions.relabel']({ docId, annotationId: id, label }),
          );
        }
      } catch (error) {
        get().pushAlert(i18n.t('curation.relabelFailed'), error);
      }
    },

    async retypeGold(id, type) {
      const docId = get().review?.docId;
      const old = get().review?.annotations.find((a) => a.id === id);
      if (!docId || !old || old.type === type) return;
      // The new relation is made first: should the type not fit its ends, the old one is still there.
      const swap = async (from: Annotation, toType: string) => {
        const made = await api['relations.create']({ docId, from: from.from!, to: from.to!, type: toType });
        await api['annotations.delete']({ docId, id: from.id });
        return made;
      };
      try {
        let current = await swap(old, type);
        const previous = old;
        await refresh(docId);
        record(
          docId,
          i18n.t('curation.undoStep'),
          async () => {
            await api['annotations.delete']({ docId, id: current.id });
            await api['annotations.restore']({ docId, annotation: previous });
          },
          async () => {
            current = await swap(previous, type);
          },
        );
      } catch (error) {
        get().pushAlert(i18n.t('curation.retypeFailed'), error);
      }
    },

    closeReview() {
      set({ review: null });
    },
  };
};
