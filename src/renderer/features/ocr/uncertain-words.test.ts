import { describe, expect, it } from 'vitest';
import type { PdfSourceMap } from '../../../shared/model/pdf';
import { uncertainWords } from './uncertain-words';

describe('uncertainWords', () => {
  it('gives the text of OCR words below the confidence bound, and nothing on text-layer pages', () => {
    // "The Instltute met" read by OCR (page 1: three words, the second uncertain); page 2 from the text layer.
    const map: PdfSourceMap = {
      version: 1,
      pageCount: 2,
      pages: [
        { page: 1, runs: [0, 0, 0, 3, 4, 1, 0, 9, 14, 2, 0, 3], source: 'ocr', confidence: [91, 42, 88] },
        { page: 2, runs: [18, 0, 0, 5], source: 'text' },
      ],
    };
    expect(uncertainWords(map)).toEqual([{ start: 4, end: 13 }]);
    expect(uncertainWords(map, 95)).toEqual([
      { start: 0, end: 3 },
      { start: 4, end: 13 },
      { start: 14, end: 17 },
    ]);
    expect(uncertainWords(null)).toEqual([]);
  });
});
