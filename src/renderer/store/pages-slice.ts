import type { PdfSourceMap } from '../../shared/model/pdf';
import type { PdfDocument } from '../features/pages/pdf-engine';
import type { SliceCreator } from './types';

export type ReaderMode = 'pages' | 'text';

export interface PagesSlice {
  /** how the reader shows a PDF: its pages (the default) or its text */
  readerMode: ReaderMode;
  /** the open PDF's source map (text offsets ↔ text items on its pages); null map: the core has none (not a PDF) */
  pdfMap: { docId: string; version?: number | undefined; map: PdfSourceMap | null; status: 'loading' | 'ready' | 'failed'; error: string | null } | null;
  /** the PDF the page view has open (area thumbnails are drawn from it) */
  openPdf: { docId: string; pdf: PdfDocument } | null;
  setReaderMode(mode: ReaderMode): void;
  setOpenPdf(open: { docId: string; pdf: PdfDocument } | null): void;
  /** The PDF's source map; asked again when the document has a new version (OCR's text arrived, a new import). */
  loadPdfMap(docId: string, version?: number): Promise<void>;
}

export const createPagesSlice: SliceCreator<PagesSlice> = (api) => (set, get) => ({
  readerMode: 'pages',
  pdfMap: null,
  openPdf: null,

  setReaderMode: (readerMode) => set({ readerMode }),
  setOpenPdf: (openPdf) => set({ openPdf }),

  async loadPdfMap(docId, version) {
    const current = get().pdfMap;
    if (current?.docId === docId && current.version === version && current.status !== 'failed') return;
    // The map of the version shown stays until the new one is in: its boxes are still drawn meanwhile.
    set({ pdfMap: { docId, version, map: current?.docId === docId ? current.map : null, status: 'loading', error: null } });
    try {
      const map = await api['pdf.map']({ id: docId });
      if (get().pdfMap?.docId === docId && get().pdfMap?.version === version) set({ pdfMap: { docId, version, map, status: 'ready', error: null } });
    } catch (error) {
      if (get().pdfMap?.docId === docId) set({ pdfMap: { docId, version, map: null, status: 'failed', error: (error as Error).message } });
    }
  },
});
