import { LOW_OCR_CONFIDENCE, type PdfSourceMap } from '../../../shared/model/pdf';

/** The text ranges of the words OCR read with low confidence, in text order (each word's runs joined). */
export function uncertainWords(map: PdfSourceMap | null, low = LOW_OCR_CONFIDENCE): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const page of map?.pages ?? []) {
    if (page.source !== 'ocr' || !page.confidence) continue;
    const words = new Map<number, { start: number; end: number }>();
    for (let at = 0; at < page.runs.length; at += 4) {
      const [start, item, , length] = page.runs.slice(at, at + 4) as [number, number, number, number];
      if ((page.confidence[item] ?? 100) >= low) continue;
      const word = words.get(item);
      if (word) word.end = Math.max(word.end, start + length);
      else words.set(item, { start, end: start + length });
    }
    out.push(...words.values());
  }
  return out.sort((a, b) => a.start - b.start);
}
