import type { PageGeometry } from '../../../shared/model/pdf';
import { pdfRectToBox, type Transform } from './page-geometry';
import type { PdfDocument } from './pdf-engine';

const cache = new Map<string, Promise<string | null>>();

/**
 * A small picture of an area annotation: its rectangle of the page, drawn by pdf.js at the
 * scale that makes it `width` CSS px wide (at most 3×), as a data: URL (the CSP allows those for images).
 */
export function areaThumbnail(doc: PdfDocument, key: string, geometry: PageGeometry, width = 240): Promise<string | null> {
  const id = `${doc.fingerprints[0] ?? ''}:${key}:${geometry.page}:${geometry.rects[0]?.join(',')}`;
  let made = cache.get(id);
  if (!made) {
    made = draw(doc, geometry, width).catch(() => null);
    cache.set(id, made);
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
  }
  return made;
}

async function draw(doc: PdfDocument, geometry: PageGeometry, width: number): Promise<string | null> {
  const rect = geometry.rects[0];
  if (!rect) return null;
  const page = await doc.getPage(geometry.page);
  const scale = Math.min(3, width / Math.max(1, rect[2] - rect[0]));
  const full = page.getViewport({ scale });
  const box = pdfRectToBox(rect, full.transform as unknown as Transform);
  const viewport = page.getViewport({ scale, offsetX: -box.left, offsetY: -box.top });
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(box.right - box.left));
  canvas.height = Math.max(1, Math.round(box.bottom - box.top));
  await page.render({ canvas, viewport }).promise;
  return canvas.toDataURL('image/png');
}
