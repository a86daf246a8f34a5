import type { PdfPageMap } from '../../../shared/model/pdf';
import type { PageViewLike } from './text-layer-dom';

/**
 * A scanned page has no text items of its own, so pdf.js draws it an empty text layer. Its
 * text came from OCR, word by word, and the source map holds each word's box (item k is
 * word k): the words are drawn into that layer as pdf.js draws its spans — transparent,
 * selectable, stretched to their box — so that selecting, highlighting and tagging on a
 * scan works as on any page, through the same data-item spans.
 */
export function drawOcrTextLayer(pageView: PageViewLike, page: PdfPageMap | undefined, text: string | null): boolean {
  const layer = pageView.textLayer?.div;
  if (!layer || !page || page.source !== 'ocr' || !page.items || !text || layer.querySelector('span[data-item]')) return false;
  const [vx0, vy0, vx1, vy1] = page.view ?? [0, 0, 612, 792];
  const width = vx1 - vx0 || 1;
  const height = vy1 - vy0 || 1;
  const words = itemTexts(page, text);
  const spans: { span: HTMLSpanElement; share: number }[] = [];
  for (let k = 0; k * 4 < page.items.length; k++) {
    const word = words[k];
    if (!word) continue;
    const [x0, y0, x1, y1] = page.items.slice(k * 4, k * 4 + 4) as [number, number, number, number];
    const span = document.createElement('span');
    span.setAttribute('role', 'presentation');
    span.dataset.item = String(k);
    span.textContent = word;
    span.style.left = `${((x0 - vx0) / width) * 100}%`;
    span.style.top = `${((vy1 - y1) / height) * 100}%`;
    span.style.setProperty('--font-height', `${(y1 - y0).toFixed(2)}px`);
    if (page.confidence && (page.confidence[k] ?? 100) < 60) span.classList.add('ocr-uncertain');
    layer.append(span);
    spans.push({ span, share: (x1 - x0) / width });
  }
  // Stretched to their boxes, as pdf.js does with --scale-x, measured once all are in the page.
  const layerWidth = layer.getBoundingClientRect().width;
  for (const { span, share } of spans) {
    const natural = span.getBoundingClientRect().width;
    if (natural > 0) span.style.setProperty('--scale-x', String((share * layerWidth) / natural));
  }
  return true;
}

/** Each item's text, rebuilt from the stored text through the map's runs. */
function itemTexts(page: PdfPageMap, text: string): string[] {
  const words: string[] = [];
  for (let at = 0; at < page.runs.length; at += 4) {
    const [start, item, char, length] = page.runs.slice(at, at + 4) as [number, number, number, number];
    const before = words[item] ?? '';
    words[item] = before.padEnd(char, ' ') + text.slice(start, start + length);
  }
  return words;
}
