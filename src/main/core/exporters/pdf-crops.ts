import type { PdfRect } from '../../../shared/model';
import { PageRenderer } from '../ocr/render-process';

export interface AreaToRender {
  id: string;
  page: number;
  rect: PdfRect;
}

/** One render process for exports; it ends itself when idle. */
let renderer: PageRenderer | null = null;

/**
 * PNG crops of rectangles on a PDF's pages, by id. Rendering runs pdf.js with its canvas
 * (the native @napi-rs/canvas) in the sandboxed page renderer (resources/page-render.mjs):
 * it may read pdfjs-dist, the canvas package and its own scripts, write nothing, start
 * nothing; it must be allowed that one addon, so it is not the text worker's process.
 * Rejects with the reason when it cannot run.
 */
export function renderAreaCrops(pdf: Uint8Array, areas: readonly AreaToRender[], scale = 2): Promise<Map<string, Uint8Array>> {
  renderer ??= new PageRenderer();
  return renderer.crops(pdf, areas, scale);
}
