import { LOW_OCR_CONFIDENCE } from '../../../shared/model';
import { layOut, NO_TEXT_LAYER, pagesWithoutText, type ParsedPdf } from '../importers/pdf';
import { extractRawPdf, type RawPdf } from '../importers/pdf-process';
import { ImportError } from '../importers/types';
import type { OcrEngine } from './engine';
import { inverseTransform, ocrRawPage, uncertainShare } from './ocr-items';
import type { PageRenderer } from './render-process';

export interface OcrDocumentOptions {
  /** auto: the pages without usable text; force: every page */
  mode: 'auto' | 'force';
  engine: OcrEngine;
  renderer: PageRenderer;
  password?: string;
  /** for reading the PDF and rendering one page */
  timeoutMs?: number;
  /** after each page, read or failed */
  onPage?: (done: number, total: number) => void;
  /** stops before the next page */
  cancelled?: () => boolean;
}

export interface OcrDocumentResult {
  parsed: ParsedPdf;
  /** pages read by OCR */
  read: number[];
  /** pages OCR could not read, and why */
  failed: { page: number; reason: string }[];
  /** share of OCR'd words read with low confidence */
  uncertain: number;
}

/**
 * Reads a PDF's scanned pages with OCR and lays the whole document out again: the pages
 * with a text layer as before, the scanned ones from their words (ocr-items.ts), through
 * the same layout and source map, so that annotations, search and the page view treat
 * them alike. A page that fails or times out fails alone and is named.
 */
export async function ocrDocument(bytes: Uint8Array, fileName: string, options: OcrDocumentOptions): Promise<OcrDocumentResult> {
  const raw: RawPdf = await extractRawPdf(bytes, options.password, undefined, options.timeoutMs);
  const pages = options.mode === 'force' ? raw.pages.flatMap((p, i) => (p.failed ? [] : [i + 1])) : pagesWithoutText(raw);
  const read: number[] = [];
  const failed: { page: number; reason: string }[] = [];
  const confidence = new Map<number, number[]>();
  let done = 0;
  // Every page is queued at once: the renderer and the engine each bound their own concurrency.
  await Promise.all(
    pages.map(async (n) => {
      try {
        if (options.cancelled?.()) throw new ImportError('cancelled');
        const rendered = await options.renderer.render(bytes, n, 300, options.password, options.timeoutMs);
        if (options.cancelled?.()) throw new ImportError('cancelled');
        const words = await options.engine.recognise(rendered.image);
        const before = raw.pages[n - 1]!;
        const page = ocrRawPage(words, inverseTransform(rendered.transform), before);
        raw.pages[n - 1] = { ...page.page, ...(before.fields ? { fields: before.fields } : {}) };
        confidence.set(n, page.confidence);
        read.push(n);
      } catch (error) {
        failed.push({ page: n, reason: (error as Error).message });
      } finally {
        options.onPage?.(++done, pages.length);
      }
    }),
  );
  read.sort((a, b) => a - b);
  failed.sort((a, b) => a.page - b.page);

  const parsed = layOut(raw, fileName);
  for (const [n, values] of confidence) {
    const entry = parsed.sourceMap.pages[n - 1];
    if (entry) Object.assign(entry, { source: 'ocr', confidence: values });
  }
  const all = [...confidence.values()].flat();
  const uncertain = uncertainShare(all, LOW_OCR_CONFIDENCE);
  const notices = (parsed.notices ?? []).filter((n) => n !== NO_TEXT_LAYER || read.length === 0);
  if (read.length) notices.push(ocrNotice(read, all.length, uncertain, options.engine.languages));
  if (failed.length) notices.push(`OCR could not read ${failed.length === 1 ? 'page' : 'pages'} ${failed.map((f) => f.page).join(', ')} (${failed[0]!.reason}).`);
  return { parsed: { ...parsed, notices }, read, failed, uncertain };
}

function ocrNotice(pages: number[], words: number, uncertain: number, languages: readonly string[]): string {
  const which = pages.length === 1 ? `Page ${pages[0]}` : `${pages.length} pages`;
  const share = words ? ` ${Math.round(uncertain * 100)}% of the ${words} words were read with low confidence (marked in the text).` : ' No words were found.';
  return `${which} read by OCR (${languages.join('+')}).${share}`;
}
