import { DEFAULT_OCR_SETTINGS, type OcrProgress, type OcrSettings } from '../../shared/model';
import { i18n } from '../i18n';
import { messageOf, type SliceCreator } from './types';

export interface OcrSlice {
  /** the archive's OCR setting */
  ocrSettings: OcrSettings;
  /** OCR languages installed with the app */
  ocrInstalled: string[];
  /** the document being read by OCR and how far it got; null when nothing is read */
  ocrProgress: OcrProgress | null;
  loadOcr(): Promise<void>;
  /** Saves the OCR setting; answers an error message, or null. */
  saveOcrSettings(settings: OcrSettings): Promise<string | null>;
  /** Reads a document's scanned pages (or all, forced) in the background. */
  runOcr(id: string, force?: boolean): Promise<void>;
  cancelOcr(): Promise<void>;
  applyOcrProgress(progress: OcrProgress): void;
}

export const createOcrSlice: SliceCreator<OcrSlice> = (api) => (set, get) => ({
  ocrSettings: DEFAULT_OCR_SETTINGS,
  ocrInstalled: [],
  ocrProgress: null,

  async loadOcr() {
    try {
      const [settings, status] = await Promise.all([api['settings.get']({}), api['ocr.status']({})]);
      set({ ocrSettings: { ...DEFAULT_OCR_SETTINGS, ...settings.ocr }, ocrInstalled: status.installed });
    } catch (error) {
      get().pushAlert(i18n.t('ocr.loadFailed'), error);
    }
  },

  async saveOcrSettings(ocr) {
    try {
      const settings = await api['settings.update']({ ocr });
      set({ ocrSettings: { ...DEFAULT_OCR_SETTINGS, ...settings.ocr } });
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  async runOcr(id, force = false) {
    try {
      await api['ocr.run']({ id, mode: force ? 'force' : 'auto' });
    } catch (error) {
      get().pushAlert(i18n.t('ocr.runFailed'), error);
    }
  },

  async cancelOcr() {
    try {
      await api['ocr.cancel']({});
      set({ ocrProgress: null });
    } catch (error) {
      get().pushAlert(i18n.t('ocr.cancelFailed'), error);
    }
  },

  applyOcrProgress(progress) {
    set({ ocrProgress: progress.state && progress.waiting === 0 ? null : progress });
  },
});
