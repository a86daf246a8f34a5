import { i18n } from '../i18n';
import type { Annotation, Entity, Occurrence } from '../../shared/model';
import type { TextRange } from '../features/annotations/text-range';
import { messageOf, type SliceCreator } from './types';

export interface TagAllPreview {
  docId: string;
  annotationId: string;
  label: string;
  entityId: string;
  quote: string;
  scope: 'document' | 'archive';
  caseSensitive: boolean;
  status: 'loading' | 'ready' | 'saving' | 'failed';
  items: Occurrence[];
  error: string | null;
}

export interface MentionsSlice {
  /** names of the entities the open document's mentions link to, for the sidebar and the popover */
  entityNames: Record<string, { name: string; label: string }>;
  tagAll: TagAllPreview | null;
  loadEntityNames(): Promise<void>;
  createMention(docId: string, range: TextRange, label: string, entityId?: string, exact?: boolean): Promise<Annotation | null>;
  relabelMention(id: string, label: string): Promise<void>;
  /** A mention under review (its text changed in a new version) still means its entity. */
  confirmMention(id: string): Promise<void>;
  previewTagAll(annotationId: string, scope: 'document' | 'archive', caseSensitive: boolean): Promise<void>;
  confirmTagAll(items: Occurrence[]): Promise<void>;
  closeTagAll(): void;
}

export const createMentionsSlice: SliceCreator<MentionsSlice> = (api) => (set, get) => {
  const remember = (entity: Entity) => set((s) => ({ entityNames: { ...s.entityNames, [entity.id]: { name: entity.name, label: entity.label } } }));

  const mention = (id: string) => get().annotations?.items.find((a) => a.id === id && a.kind === 'entity');

  /** Relabels and puts the answer in place; both directions of the undo step use it. */
  async function relabel(docId: string, id: string, label: string) {
    const { annotation, entity } = await api['mentions.relabel']({ docId, annotationId: id, label });
    remember(entity);
    get().applyAnnotation(annotation);
  }

  return {
    entityNames: {},
    tagAll: null,

    async loadEntityNames() {
      try {
        const list = await api['entities.list']({});
        set({ entityNames: Object.fromEntries(list.map((e) => [e.id, { name: e.name, label: e.label }])) });
      } catch (error) {
        get().pushAlert(i18n.t('alert.entityNames'), error);
      }
    },

    async createMention(docId, range, label, entityId, exact) {
      try {
        const { annotation, entity } = await api['mentions.create']({ docId, start: range.start, end: range.end, label, ...(entityId ? { entityId } : {}), ...(exact ? { exact } : {}) });
        remember(entity);
        get().applyAnnotation(annotation);
        get().dropSuggestionsOver(annotation.target);
        // Undo of a create is a delete; redo restores the very same mention (same id, same entity).
        let saved = annotation;
        get().recordCommand({
          label: i18n.t('undo.tag', { label }),
          undo: async () => {
            saved = await api['annotations.delete']({ docId, id: saved.id });
            get().forgetAnnotation(docId, saved.id);
          },
          redo: async () => get().applyAnnotation(await api['annotations.restore']({ docId, annotation: saved })),
        });
        return annotation;
      } catch (error) {
        get().pushAlert(i18n.t('alert.tagSelection', { label }), error);
        return null;
      }
    },

    async relabelMention(id, label) {
      const before = mention(id);
      // The same label is a no-op, except for a mention under review: that is "retag".
      if (!before || (before.label === label && !before.review)) return;
      const { docId } = before;
      const previous = before.label!;
      try {
        await relabel(docId, id, label);
        get().recordCommand({ label: i18n.t('undo.relabel'), undo: () => relabel(docId, id, previous), redo: () => relabel(docId, id, label) });
      } catch (error) {
        get().pushAlert(i18n.t('alert.relabel', { label }), error);
      }
    },

    async confirmMention(id) {
      const m = mention(id);
      if (!m) return;
      try {
        get().applyAnnotation(await api['mentions.confirm']({ docId: m.docId, annotationId: id }));
      } catch (error) {
        get().pushAlert(i18n.t('alert.confirmMention'), error);
      }
    },

    async previewTagAll(annotationId, scope, caseSensitive) {
      const m = mention(annotationId);
      if (!m?.entityId || !m.label) return;
      const base = { docId: m.docId, annotationId, label: m.label, entityId: m.entityId, quote: m.target.quote, scope, caseSensitive };
      set({ tagAll: { ...base, status: 'loading', items: [], error: null }, activeAnnotation: null });
      try {
        const items = await api['mentions.findAll']({ docId: m.docId, annotationId, scope, caseSensitive });
        if (get().tagAll?.annotationId === annotationId) set({ tagAll: { ...base, status: 'ready', items, error: null } });
      } catch (error) {
        set({ tagAll: { ...base, status: 'failed', items: [], error: messageOf(error) } });
      }
    },

    async confirmTagAll(items) {
      const preview = get().tagAll;
      if (!preview || !items.length) return set({ tagAll: null });
      set({ tagAll: { ...preview, status: 'saving' } });
      try {
        const spans = items.map(({ docId, start, end }) => ({ docId, start, end }));
        const { created } = await api['mentions.tagAll']({ label: preview.label, entityId: preview.entityId, items: spans });
        set({ tagAll: null });
        get().pushToast({ kind: 'success', title: i18n.t('tagAll.done', { count: created, quote: preview.quote, label: preview.label }) });
        const open = get().annotations?.docId;
        if (open) await get().loadAnnotations(open);
      } catch (error) {
        set({ tagAll: { ...preview, status: 'failed', error: messageOf(error) } });
      }
    },

    closeTagAll: () => set({ tagAll: null }),
  };
};
