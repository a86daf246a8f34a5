import type { RawPage } from '../importers/pdf-process';

/** A box in image pixels: [x0, y0, x1, y1], origin top-left. */
export type PixelBox = [number, number, number, number];

export interface OcrWord {
  text: string;
  /** 0–100, as tesseract reports it */
  confidence: number;
  box: PixelBox;
}

export interface OcrLine {
  words: OcrWord[];
  box: PixelBox;
}

/** What the engine reads off one page image: paragraphs of lines of words, in tesseract's reading order. */
export interface OcrPage {
  paragraphs: OcrLine[][];
}

/** A page read by OCR as the PDF worker would have reported it, plus each item's confidence. */
export interface OcrRawPage {
  page: RawPage;
  confidence: number[];
}

// Full-width punctuation that the Chinese model reads after Latin words ("regulation，").
const FULL_WIDTH: Record<string, string> = { '，': ',', '。': '.', '；': ';', '：': ':', '！': '!', '？': '?', '（': '(', '）': ')' };

/**
 * Turns tesseract's words into the text items of a page, in PDF points, so that a scanned
 * page goes through the same line, column and paragraph layout and the same source map as
 * a born-digital one (pdf.ts): item k is word k, and the page view draws word k's text
 * over its box. Every word of a line gets the line's baseline and height, so the layout
 * sees one line, and the gaps between words give the spaces (none between Chinese
 * characters, where tesseract puts them: 广州 生物 医药).
 */
export function ocrRawPage(ocr: OcrPage, toPdf: (x: number, y: number) => [number, number], size: { x0: number; y0: number; width: number; height: number; rotate: number }): OcrRawPage {
  const items: RawPage['items'] = [];
  const confidence: number[] = [];
  for (const lines of ocr.paragraphs) {
    for (const line of lines) {
      const [, bottom] = toPdf(line.box[0], line.box[3]);
      const [, top] = toPdf(line.box[0], line.box[1]);
      const lineHeight = Math.abs(top - bottom);
      // A line box runs from descender to ascender, about 1.2 em; the baseline sits a fifth of an em up.
      const fontSize = round(Math.max(1, lineHeight / 1.2));
      const baseline = round(Math.min(top, bottom) + 0.2 * fontSize);
      for (const word of line.words) {
        const text = latinPunctuation(word.text.normalize('NFC').trim());
        if (!text) continue;
        const [ax] = toPdf(word.box[0], word.box[1]);
        const [bx] = toPdf(word.box[2], word.box[3]);
        items.push([text, round(Math.min(ax, bx)), baseline, round(Math.abs(bx - ax)), fontSize, 0]);
        confidence.push(Math.round(word.confidence));
      }
    }
  }
  return { page: { ...size, items }, confidence };
}

function latinPunctuation(word: string): string {
  const last = word[word.length - 1]!;
  const ascii = FULL_WIDTH[last];
  return ascii && /[\p{Script=Latin}\d]/u.test(word[word.length - 2] ?? '') ? word.slice(0, -1) + ascii : word;
}

/** The share of words below `low` confidence, 0–1. */
export function uncertainShare(confidence: number[], low: number): number {
  if (confidence.length === 0) return 0;
  return confidence.filter((c) => c < low).length / confidence.length;
}

/** The inverse of a pdf.js viewport transform [a, b, c, d, e, f]: pixel → PDF point. */
export function inverseTransform(t: readonly number[]): (x: number, y: number) => [number, number] {
  const [a, b, c, d, e, f] = t as [number, number, number, number, number, number];
  const det = a * d - b * c;
  return (x, y) => [(d * (x - e) - c * (y - f)) / det, (-b * (x - e) + a * (y - f)) / det];
}

const round = (n: number): number => Math.round(n * 100) / 100;
