import { i18n } from '../i18n';
import type { Annotation } from '../../shared/model';
import { messageOf, type SliceCreator } from './types';

export interface LayersSlice {
  /** the name set in Settings → Team ('' while none is) */
  teamUser: string;
  /** other annotators' mentions and relations in the open document, read-only (the user's own are in annotations) */
  otherLayers: { docId: string; user: string; items: Annotation[] } | null;
  /** the layer the reader edits instead of the user's own (gold, for a reviewer); null: the user's */
  workingLayer: string | null;
  /** the reader draws otherLayers too (a preference of this window) */
  showOtherLayers: boolean;
  /** the Export dialog's layer ('' every layer) and the layers it offers */
  exportLayer: string;
  exportLayers: string[];
  /** the layer "Import annotations…" puts files into ('' the user's own) */
  annotationImportLayer: string;
  loadTeamUser(): Promise<void>;
  /** Resolves to null, or why it failed. */
  saveTeamUser(name: string): Promise<string | null>;
  loadExportLayers(ids?: readonly string[]): Promise<void>;
  setExportLayer(layer: string): void;
  setAnnotationImportLayer(layer: string): void;
  toggleOtherLayers(): void;
  /** Edits gold in the reader (or back to the user's own layer with null); the open document is read again. */
  setWorkingLayer(layer: 'gold' | null): Promise<void>;
}

export const createLayersSlice: SliceCreator<LayersSlice> = (api) => (set, get) => ({
  teamUser: '',
  otherLayers: null,
  workingLayer: null,
  showOtherLayers: false,
  exportLayer: '',
  exportLayers: [],
  annotationImportLayer: '',

  async loadTeamUser() {
    try {
      const settings = await api['settings.get']({});
      set({ teamUser: settings.team?.user ?? '' });
    } catch (error) {
      get().pushAlert(i18n.t('team.heading'), error);
    }
  },

  async saveTeamUser(name) {
    try {
      const settings = await api['settings.update']({ team: { user: name.trim() } });
      set({ teamUser: settings.team?.user ?? '' });
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  async loadExportLayers(ids) {
    try {
      const { layers } = await api['layers.list'](ids?.length ? { ids: [...ids] } : {});
      set((s) => ({ exportLayers: layers, exportLayer: layers.includes(s.exportLayer) ? s.exportLayer : '' }));
    } catch {
      // the dialog still exports every layer
      set({ exportLayers: [], exportLayer: '' });
    }
  },

  setExportLayer(layer) {
    set({ exportLayer: layer, exportStatus: { state: 'idle' } });
  },

  setAnnotationImportLayer(layer) {
    set({ annotationImportLayer: layer });
  },

  toggleOtherLayers() {
    set((s) => ({ showOtherLayers: !s.showOtherLayers }));
  },

  async setWorkingLayer(layer) {
    try {
      const { working } = await api['layers.work']({ layer });
      set({ workingLayer: working });
      const open = get().annotations?.docId;
      if (open) await get().loadAnnotations(open);
    } catch (error) {
      get().pushAlert(i18n.t('team.heading'), error);
    }
  },
});
