import { i18n } from '../i18n';
import { APP_ANNOTATION_FILE_MB } from '../../shared/api/limits';
import type { ExportFormat } from '../../shared/export/types';
import type { AnnotationImportReport } from '../../shared/model';
import { saveDownload } from '../features/export/download';
import { messageOf, type SliceCreator } from './types';

/** What to export: these documents, or (no ids) the whole archive. */
export interface ExportScope {
  ids?: string[];
}

export type ExportStatus =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; name: string; documents: number; notices: string[] }
  | { state: 'failed'; message: string };

export type AnnotationImportState =
  | { state: 'idle' }
  | { state: 'running'; files: number }
  | { state: 'done'; reports: AnnotationImportReport[] }
  | { state: 'failed'; message: string };

export interface ExportSlice {
  /** the open Export dialog's scope; null while it is closed */
  exportScope: ExportScope | null;
  /** the last format chosen, kept for the next export */
  exportFormat: ExportFormat;
  exportStatus: ExportStatus;
  annotationImport: AnnotationImportState;
  openExport(scope: ExportScope): void;
  closeExport(): void;
  setExportFormat(format: ExportFormat): void;
  /** Asks the core for the bundle and hands it to the browser as a download. */
  runExport(): Promise<void>;
  /** Reads the files as text and imports the annotations they hold (doccano, brat, W3C). */
  importAnnotations(files: readonly File[]): Promise<void>;
  dismissAnnotationImport(): void;
}

/** A refusal for size points to the CLI, whatever the layer that refused. */
export function exportFailureMessage(error: unknown): string {
  const message = messageOf(error);
  if (/too large|too big|payload|413/i.test(message) && !/marginalia export/.test(message)) return `${message} ${i18n.t('exporter.cliHint')}`;
  return message;
}

export const createExportSlice: SliceCreator<ExportSlice> = (api) => (set, get) => ({
  exportScope: null,
  exportFormat: 'markdown',
  exportStatus: { state: 'idle' },
  annotationImport: { state: 'idle' },

  openExport(scope) {
    set({ exportScope: scope.ids?.length ? { ids: [...scope.ids] } : {}, exportStatus: { state: 'idle' }, exportLayer: '' });
    // the layers these documents hold, for the dialog's layer choice (#18)
    void get().loadExportLayers(scope.ids);
  },

  closeExport() {
    set({ exportScope: null, exportStatus: { state: 'idle' } });
  },

  setExportFormat(format) {
    set({ exportFormat: format, exportStatus: { state: 'idle' } });
  },

  async runExport() {
    const scope = get().exportScope;
    if (!scope || get().exportStatus.state === 'running') return;
    const format = get().exportFormat;
    set({ exportStatus: { state: 'running' } });
    try {
      const layer = get().exportLayer;
      const bundle = await api['export.bundle']({ format, ...(scope.ids ? { ids: scope.ids } : {}), ...(layer ? { layer } : {}) });
      saveDownload(bundle.name, bundle.mime, bundle.data);
      if (get().exportScope !== scope) return;
      set({ exportStatus: { state: 'done', name: bundle.name, documents: bundle.documents, notices: bundle.notices } });
    } catch (error) {
      if (get().exportScope === scope) set({ exportStatus: { state: 'failed', message: exportFailureMessage(error) } });
    }
  },

  async importAnnotations(files) {
    if (!files.length || get().annotationImport.state === 'running') return;
    // Refused before it is read: a file over the limit names itself and the limit, and points to the CLI.
    const large = files.find((file) => file.size > APP_ANNOTATION_FILE_MB * 1048576);
    if (large) {
      const message = i18n.t('annotationImport.tooLarge', { file: large.name, size: Math.ceil(large.size / 1048576), limit: APP_ANNOTATION_FILE_MB });
      set({ annotationImport: { state: 'failed', message } });
      return;
    }
    set({ annotationImport: { state: 'running', files: files.length } });
    try {
      const contents = await Promise.all(files.map(async (file) => ({ name: file.name, content: await file.text() })));
      const layer = get().annotationImportLayer.trim();
      const reports = await api['annotations.import']({ files: contents, ...(layer ? { layer } : {}) });
      set({ annotationImport: { state: 'done', reports } });
      void get().loadLibrary();
    } catch (error) {
      set({ annotationImport: { state: 'failed', message: messageOf(error) } });
    }
  },

  dismissAnnotationImport() {
    set({ annotationImport: { state: 'idle' } });
  },
});
