import { i18n } from '../i18n';
import { DEFAULT_RELATION_TYPES, type Annotation, type RelationType } from '../../shared/model';
import { messageOf, type SliceCreator } from './types';

/** Making a relation by keyboard or mouse: from a mention, a candidate second mention, then a type. */
export interface LinkingState {
  docId: string;
  from: string;
  /** the mention the relation would go to (arrow keys / Tab move it; a click sets it) */
  to: string | null;
}

export interface RelationsSlice {
  relationTypes: RelationType[];
  /** the mention the reader last went to with ] or [ (r starts a relation from it when no popover is open) */
  focusedMention: string | null;
  linking: LinkingState | null;
  loadRelationTypes(): Promise<void>;
  /** Resolves to null on success, or the reason it failed. */
  saveRelationTypes(types: RelationType[]): Promise<string | null>;
  setFocusedMention(id: string | null): void;
  startLinking(from: string): void;
  /** Moves the candidate to the next (1) or previous (-1) mention in text order. */
  stepLinking(delta: 1 | -1): void;
  setLinkTarget(to: string): void;
  cancelLinking(): void;
  /** Relation type n (1-based, the list's order) between the two mentions; undoable. */
  pickRelationType(n: number): Promise<void>;
}

/** Mentions placed in the text, in text order: what a relation can join. */
const mentionsOf = (items: readonly Annotation[]) =>
  items.filter((a) => a.kind === 'entity' && !a.orphan).sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end);

/** Whether the type allows these two labels at its ends. */
export const typeAllows = (type: RelationType, fromLabel: string | undefined, toLabel: string | undefined) =>
  (!type.fromLabels.length || type.fromLabels.includes(fromLabel ?? '')) && (!type.toLabels.length || type.toLabels.includes(toLabel ?? ''));

export const createRelationsSlice: SliceCreator<RelationsSlice> = (api) => (set, get) => ({
  relationTypes: DEFAULT_RELATION_TYPES,
  focusedMention: null,
  linking: null,

  async loadRelationTypes() {
    try {
      set({ relationTypes: await api['relationTypes.list']({}) });
    } catch (error) {
      get().pushAlert(i18n.t('alert.relationTypes'), error, i18n.t('fix.retry'));
    }
  },

  async saveRelationTypes(types) {
    try {
      set({ relationTypes: await api['relationTypes.save']({ relationTypes: types }) });
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  setFocusedMention: (id) => set({ focusedMention: id }),

  startLinking(from) {
    const docId = get().annotations?.docId;
    if (!docId) return;
    set({ linking: { docId, from, to: null }, activeAnnotation: null });
    get().stepLinking(1);
  },

  stepLinking(delta) {
    const linking = get().linking;
    if (!linking) return;
    const mentions = mentionsOf(get().annotations?.items ?? []).filter((m) => m.id !== linking.from);
    if (!mentions.length) return;
    const fromStart = get().annotations?.items.find((a) => a.id === linking.from)?.target.start ?? 0;
    const at = mentions.findIndex((m) => m.id === linking.to);
    // The first step goes to the nearest mention after (or before) the first end.
    const first = delta > 0 ? Math.max(0, mentions.findIndex((m) => m.target.start > fromStart)) : Math.max(0, mentions.findLastIndex((m) => m.target.start < fromStart));
    const next = mentions[at < 0 ? first : (at + delta + mentions.length) % mentions.length]!;
    set({ linking: { ...linking, to: next.id } });
    get().focusOffset(next.target.start, next.id);
  },

  setLinkTarget(to) {
    const linking = get().linking;
    if (linking && to !== linking.from) set({ linking: { ...linking, to } });
  },

  cancelLinking: () => set({ linking: null }),

  async pickRelationType(n) {
    const linking = get().linking;
    const type = get().relationTypes[n - 1];
    if (!linking?.to || !type) return;
    const { docId, from, to } = linking;
    try {
      const relation = await api['relations.create']({ docId, from, to, type: type.id });
      set({ linking: null });
      get().applyAnnotation(relation);
      let saved = relation;
      get().recordCommand({
        label: i18n.t('undo.relate', { type: type.name }),
        undo: async () => {
          saved = await api['annotations.delete']({ docId, id: saved.id });
          get().forgetAnnotation(docId, saved.id);
        },
        redo: async () => get().applyAnnotation(await api['annotations.restore']({ docId, annotation: saved })),
      });
    } catch (error) {
      get().pushAlert(i18n.t('alert.relate', { type: type.name }), error);
    }
  },
});
