import type { PdfRect } from '../../../shared/model';

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

/** What the engine reads off one page image: paragraphs of lines of words. */
export interface OcrPage {
  paragraphs: OcrLine[][];
}

/** A word placed in the page's text: characters [start, start + length) of its paragraph are the word. */
export interface PlacedWord {
  text: string;
  confidence: number;
  rect: PdfRect;
  paragraph: number;
  start: number;
}

export interface OcrPageText {
  /** the page's paragraphs, ready for the document builder */
  paragraphs: string[];
  /** every word, in reading order: word k is item k of the page in the source map */
  words: PlacedWord[];
}

/** Below this confidence a word is marked uncertain. */
export const LOW_CONFIDENCE = 60;

// Han, kana, hangul and the CJK punctuation and full-width forms: no spaces between these.
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\uac00-\ud7af]/u;
const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

/**
 * Turns tesseract's words into text as a born-digital PDF's would read: words joined by
 * spaces except between Chinese characters (tesseract puts a space between every Chinese
 * word it finds, 广州 生物 医药), lines joined into their paragraph, a hyphen that breaks a
 * word at a line end removed. `toPdf` maps an image pixel to PDF points (the inverse of
 * the render viewport), so the word boxes land on the page.
 */
export function layOutOcrPage(page: OcrPage, toPdf: (x: number, y: number) => [number, number]): OcrPageText {
  const paragraphs: string[] = [];
  const words: PlacedWord[] = [];
  for (const lines of page.paragraphs) {
    let text = '';
    const index = paragraphs.length;
    lines.forEach((line, lineNo) => {
      line.words.forEach((word, wordNo) => {
        const content = word.text.normalize('NFC').trim();
        if (!content) return;
        if (text) {
          const joinsWord = wordNo === 0 && lineNo > 0 && /\p{Ll}-$/u.test(text) && /^\p{Ll}/u.test(content);
          if (joinsWord) {
            text = text.slice(0, -1);
            // the hyphen was the last character of the word before: keep its word shorter
            const last = words[words.length - 1];
            if (last && last.paragraph === index && last.start + last.text.length > text.length) last.text = last.text.slice(0, -1);
          } else if (!(isCjk(text[text.length - 1]) && isCjk(content[0]))) text += ' ';
        }
        words.push({ text: content, confidence: word.confidence, rect: rectOf(word.box, toPdf), paragraph: index, start: text.length });
        text += content;
      });
    });
    if (text) paragraphs.push(text);
  }
  return { paragraphs, words };
}

/** The share of words below LOW_CONFIDENCE, 0–1. */
export function uncertainShare(words: { confidence: number }[]): number {
  if (words.length === 0) return 0;
  return words.filter((w) => w.confidence < LOW_CONFIDENCE).length / words.length;
}

function rectOf(box: PixelBox, toPdf: (x: number, y: number) => [number, number]): PdfRect {
  const [ax, ay] = toPdf(box[0], box[1]);
  const [bx, by] = toPdf(box[2], box[3]);
  return [round(Math.min(ax, bx)), round(Math.min(ay, by)), round(Math.max(ax, bx)), round(Math.max(ay, by))];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The inverse of a pdf.js viewport transform [a, b, c, d, e, f]: pixel → PDF point. */
export function inverseTransform(t: readonly number[]): (x: number, y: number) => [number, number] {
  const [a, b, c, d, e, f] = t as [number, number, number, number, number, number];
  const det = a * d - b * c;
  return (x, y) => [(d * (x - e) - c * (y - f)) / det, (-b * (x - e) + a * (y - f)) / det];
}
