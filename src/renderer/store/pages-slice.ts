import type { PdfSourceMap } from '../../shared/model/pdf';
import type { PdfDocument } from '../features/pages/pdf-engine';
import type { SliceCreator } from './types';

export type ReaderMode = 'pages' | 'text';

export interface PagesSlice {
  /** how the reader shows a PDF: its pages (the default) or its text */
  readerMode: ReaderMode;
  /** the open PDF's source map (text offsets ↔ text items on its pages); null map: the core has none (not a PDF) */
  pdfMap: { docId: string; version?: number | undefined; map: PdfSourceMap | null; status: 'loading' | 'ready' | 'failed'; error: string | null; token?: number } | null;
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
    if (current?.docId === docId && current.status !== 'failed') {
      if (current.version === version) return;
      // Asked for before the text said its version (the page view asks at once, beside the PDF):
      // that answer is the current version's map, so it is kept rather than asked for twice.
      if (current.version === undefined && version !== undefined) {
        set({ pdfMap: { ...current, version } });
        return;
      }
    }
    const token = ++mapRequests;
    // The map of the version shown stays until the new one is in: its boxes are still drawn meanwhile.
    set({ pdfMap: { docId, version, map: current?.docId === docId ? current.map : null, status: 'loading', error: null, token } });
    try {
      const map = await api['pdf.map']({ id: docId });
      const now = get().pdfMap;
      if (now?.token === token) set({ pdfMap: { ...now, map, status: 'ready', error: null } });
    } catch (error) {
      const now = get().pdfMap;
      if (now?.token === token) set({ pdfMap: { ...now, map: null, status: 'failed', error: (error as Error).message } });
    }
  },
});

/** Each request for a map has its number: only the latest one's answer is taken. */
let mapRequests = 0;
