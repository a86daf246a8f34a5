import { DOC_EXTENSIONS } from '../../../shared/model';
import { PageRenderer } from '../ocr/render-process';
import { NO_TEXT_LAYER, parsePdf } from './pdf';
import { ImportError, type Importer, type ParsedDocument } from './types';

export const IMAGE_NOTICE = 'An image: its pages have no text until OCR reads them (Read text in the reader, or marginalia ocr ID).';

/** One render process for the images being imported; it ends itself when idle. */
let renderer: PageRenderer | null = null;

/**
 * Image files (PNG, JPEG, TIFF, a page per frame) are scans: the sandboxed render process
 * decodes them and writes a PDF of their pages (resources/image-pdf.mjs), which is then read
 * as any PDF. The archive keeps the image as the original and that PDF as pages.pdf, so the
 * page view, OCR, the source map and annotations treat the image as a scanned PDF.
 */
export const imageImporter: Importer = {
  type: 'image',
  extensions: DOC_EXTENSIONS.image,
  async parse(bytes, fileName, options): Promise<ParsedDocument> {
    if (bytes.length === 0) throw new ImportError('empty file');
    const { pdf } = await imageToPdf(bytes, options?.timeoutMs);
    const { blockPages, pageCount: _count, ...doc } = await parsePdf(pdf, fileName, { ...(options?.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
    const notices = (doc.notices ?? []).map((n) => (n === NO_TEXT_LAYER ? IMAGE_NOTICE : n));
    return { ...doc, notices, blocks: doc.blocks.map((block, i) => ({ ...block, page: blockPages[i]! })), pagesPdf: pdf };
  },
};

/** The image as a PDF of its pages. */
export function imageToPdf(bytes: Uint8Array, timeoutMs?: number): Promise<{ pdf: Uint8Array; pages: number }> {
  renderer ??= new PageRenderer();
  return renderer.imageToPdf(bytes, timeoutMs);
}
