import { i18n } from '../i18n';
import { DEFAULT_COLOR_MEANINGS, DEFAULT_IMPORT_LIMITS, splitOwnLayer, type Annotation, type ColorMeaning, type HighlightColor, type ImportLimits, type RichDoc } from '../../shared/model';
import type { TextRange } from '../features/annotations/text-range';
import type { PageGeometry } from '../../shared/model/pdf';
import { messageOf, type SliceCreator } from './types';

export interface AnnotationsState {
  docId: string;
  items: Annotation[];
  status: 'loading' | 'ready' | 'failed';
  error: string | null;
}

/** Where the reader should go next: an offset, optionally an annotation to flash; seq makes repeats count. */
export interface FocusRequest {
  offset: number;
  annotationId?: string;
  /** put the block at this offset this many px from the window's top (a restored reading position) */
  top?: number;
  seq: number;
}

export interface AnnotationsSlice {
  annotations: AnnotationsState | null;
  colorMeanings: ColorMeaning[];
  /** the archive's import limits (loaded with the colour meanings; defaults where the archive has none) */
  importLimits: ImportLimits;
  /** the highlight whose popover is open; editComment opens it with the comment editor focused */
  activeAnnotation: { id: string; editComment: boolean } | null;
  focusRequest: FocusRequest | null;
  loadAnnotations(docId: string): Promise<void>;
  loadSettings(): Promise<void>;
  /** Resolves to null on success, or the reason it failed. */
  saveColorMeanings(colors: ColorMeaning[]): Promise<string | null>;
  /** Resolves to null on success, or the reason it failed. */
  saveImportLimits(limits: ImportLimits): Promise<string | null>;
  /** A range from the page view carries its geometry (page + rects in PDF points), stored with the annotation. */
  createHighlight(docId: string, range: TextRange & { geometry?: PageGeometry[] }, color: HighlightColor, options?: { withComment?: boolean }): Promise<Annotation | null>;
  /** An area of a page (a figure, a seal, a table): coloured or given an entity label; the core finds the text inside. */
  createArea(docId: string, geometry: PageGeometry, look: { color?: HighlightColor; label?: string }, options?: { withComment?: boolean; text?: TextRange | null }): Promise<Annotation | null>;
  recolorAnnotation(id: string, color: HighlightColor): Promise<void>;
  /** mergeKey folds the saves of one editing session into one undo step */
  saveComment(id: string, comment: RichDoc | null, mergeKey: string): Promise<void>;
  deleteAnnotation(id: string): Promise<void>;
  placeAnnotation(id: string, range: TextRange): Promise<void>;
  openAnnotation(id: string | null, editComment?: boolean): void;
  focusOffset(offset: number, annotationId?: string): void;
  /** Scrolls the block at this offset to `top` px from the window's top. */
  focusBlock(offset: number, top: number): void;
  /** Puts an answer of the core into the open document's list (other slices' changes, e.g. mentions). */
  applyAnnotation(annotation: Annotation): void;
  forgetAnnotation(docId: string, id: string): void;
}

const byPosition = (a: Annotation, b: Annotation) => a.target.start - b.target.start || a.target.end - b.target.end || a.id.localeCompare(b.id);

export const createAnnotationsSlice: SliceCreator<AnnotationsSlice> = (api) => (set, get) => {
  let seq = 0;
  // Settings saved here since a load was asked for: that load's answer is older than what was saved.
  let settingsSaves = 0;

  /** Applies an answer of the core to the list, if that document is still the open one. */
  function put(annotation: Annotation) {
    const current = get().annotations;
    if (current?.docId !== annotation.docId) return;
    const items = current.items.filter((a) => a.id !== annotation.id);
    items.push(annotation);
    set({ annotations: { ...current, items: items.sort(byPosition) } });
  }

  function drop(docId: string, id: string) {
    const current = get().annotations;
    if (current?.docId !== docId) return;
    // A mention's relations go with it (the core deleted them too).
    set({ annotations: { ...current, items: current.items.filter((a) => a.id !== id && a.from !== id && a.to !== id) } });
    if (get().activeAnnotation?.id === id) set({ activeAnnotation: null });
  }

  const find = (id: string) => get().annotations?.items.find((a) => a.id === id);

  async function attempt(title: string, run: () => Promise<void>) {
    try {
      await run();
    } catch (error) {
      get().pushAlert(title, error);
    }
  }

  /** The command that deletes a live annotation and can bring it back with the same id. */
  const restoreCommand = (docId: string, removed: Annotation & { relations?: Annotation[] }) => {
    let saved = removed;
    return {
      // A mention comes back first, then the relations that went with it.
      undo: async () => {
        const { relations = [], ...annotation } = saved;
        put(await api['annotations.restore']({ docId, annotation }));
        for (const relation of relations) put(await api['annotations.restore']({ docId, annotation: relation }));
      },
      redo: async () => {
        saved = await api['annotations.delete']({ docId, id: saved.id });
        drop(docId, saved.id);
        for (const relation of saved.relations ?? []) drop(docId, relation.id);
      },
    };
  };

  return {
    annotations: null,
    colorMeanings: DEFAULT_COLOR_MEANINGS,
    importLimits: DEFAULT_IMPORT_LIMITS,
    activeAnnotation: null,
    focusRequest: null,

    async loadAnnotations(docId) {
      const before = get().annotations;
      set({ annotations: { docId, items: before?.docId === docId ? before.items : [], status: 'loading', error: null } });
      try {
        const [all, { user, working }] = await Promise.all([api['annotations.list']({ docId }), api['layers.list']({ ids: [docId] })]);
        // Other annotators' mentions stay out of the user's list (or gold's, while it is edited): shown read-only where asked (layers slice).
        const { own, others } = splitOwnLayer(all.sort(byPosition), user, working);
        if (get().annotations?.docId === docId)
          set({ annotations: { docId, items: own, status: 'ready', error: null }, otherLayers: { docId, user, items: others }, workingLayer: working });
      } catch (error) {
        if (get().annotations?.docId === docId) set({ annotations: { docId, items: [], status: 'failed', error: messageOf(error) } });
      }
      // Reading a document's annotations is where a damaged file is found: tell the user.
      void get().loadRepairs();
    },

    async loadSettings() {
      try {
        const saves = settingsSaves;
        const settings = await api['settings.get']({});
        if (saves !== settingsSaves) return;
        set({ colorMeanings: settings.colors, importLimits: { ...DEFAULT_IMPORT_LIMITS, ...settings.importLimits } });
      } catch (error) {
        get().pushAlert(i18n.t('alert.colourNames'), error);
      }
    },

    async saveColorMeanings(colors) {
      settingsSaves++;
      try {
        set({ colorMeanings: (await api['settings.update']({ colors })).colors });
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },

    async saveImportLimits(limits) {
      settingsSaves++;
      try {
        const settings = await api['settings.update']({ importLimits: limits });
        set({ importLimits: { ...DEFAULT_IMPORT_LIMITS, ...settings.importLimits } });
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },

    async createHighlight(docId, range, color, options = {}) {
      try {
        const geometry = range.geometry?.length ? { geometry: range.geometry } : {};
        const created = await api['annotations.create']({ docId, kind: 'highlight', start: range.start, end: range.end, color, ...geometry });
        put(created);
        // Undo of a create is a delete; redo restores the very same annotation (same id, comment included).
        const inverse = restoreCommand(docId, created);
        get().recordCommand({ label: i18n.t('undo.highlight'), undo: inverse.redo, redo: inverse.undo });
        if (options.withComment) set({ activeAnnotation: { id: created.id, editComment: true } });
        return created;
      } catch (error) {
        get().pushAlert(i18n.t('alert.highlight'), error);
        return null;
      }
    },

    async createArea(docId, geometry, look, options = {}) {
      try {
        const { start, end } = options.text ?? { start: 0, end: 0 };
        const shown = look.label ? { label: look.label } : { color: look.color ?? 'yellow' };
        const created = await api['annotations.create']({ docId, kind: 'area', start, end, geometry: [geometry], ...shown });
        put(created);
        const inverse = restoreCommand(docId, created);
        get().recordCommand({ label: i18n.t('undo.area'), undo: inverse.redo, redo: inverse.undo });
        if (options.withComment) set({ activeAnnotation: { id: created.id, editComment: true } });
        return created;
      } catch (error) {
        get().pushAlert(i18n.t('alert.area'), error);
        return null;
      }
    },

    recolorAnnotation: (id, color) =>
      attempt(i18n.t('alert.recolour'), async () => {
        const before = find(id);
        if (!before || before.color === color) return;
        const { docId } = before;
        const previous = before.color ?? 'yellow';
        put(await api['annotations.update']({ docId, id, color }));
        get().recordCommand({
          label: i18n.t('undo.colour'),
          undo: async () => put(await api['annotations.update']({ docId, id, color: previous })),
          redo: async () => put(await api['annotations.update']({ docId, id, color })),
        });
      }),

    saveComment: (id, comment, mergeKey) =>
      attempt(i18n.t('alert.comment'), async () => {
        const before = find(id);
        if (!before) return;
        const { docId } = before;
        const previous = before.comment ?? null;
        put(await api['annotations.update']({ docId, id, comment }));
        get().recordCommand({
          label: i18n.t('undo.comment'),
          mergeKey,
          undo: async () => put(await api['annotations.update']({ docId, id, comment: previous })),
          redo: async () => put(await api['annotations.update']({ docId, id, comment })),
        });
      }),

    deleteAnnotation: (id) =>
      attempt(i18n.t(find(id)?.kind === 'entity' ? 'alert.deleteMention' : 'alert.deleteHighlight'), async () => {
        const before = find(id);
        if (!before) return;
        const { docId } = before;
        const removed = await api['annotations.delete']({ docId, id });
        drop(docId, id);
        for (const relation of removed.relations ?? []) drop(docId, relation.id);
        get().recordCommand({ label: i18n.t('undo.delete'), ...restoreCommand(docId, removed) });
      }),

    placeAnnotation: (id, range) =>
      attempt(i18n.t('alert.place'), async () => {
        const before = find(id);
        if (!before) return;
        const placed = await api['annotations.place']({ docId: before.docId, id, start: range.start, end: range.end });
        put(placed);
        get().focusOffset(placed.target.start, placed.id);
      }),

    openAnnotation(id, editComment = false) {
      set({ activeAnnotation: id ? { id, editComment } : null });
    },

    focusOffset(offset, annotationId) {
      set({ focusRequest: { offset, annotationId, seq: ++seq } });
    },

    focusBlock(offset, top) {
      set({ focusRequest: { offset, top, seq: ++seq } });
    },

    applyAnnotation: put,
    forgetAnnotation: drop,
  };
};
