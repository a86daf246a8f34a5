import { describe, expect, it } from 'vitest';
import type { PdfSourceMap } from '../../../shared/model/pdf';
import { annotationPage } from './page-label';

const target = (start: number) => ({ start, end: start + 3, quote: '', prefix: '', suffix: '' });
const map: PdfSourceMap = {
  version: 1,
  pageCount: 2,
  pages: [
    { page: 1, label: 'iv', runs: [0, 0, 0, 10], source: 'text' },
    { page: 2, runs: [11, 0, 0, 10], source: 'text' },
  ],
};
const blocks = [
  { kind: 'paragraph' as const, start: 0, end: 10, page: 1 },
  { kind: 'paragraph' as const, start: 11, end: 21, page: 2 },
];

describe('the page of an annotation', () => {
  it('names the page by its label where the PDF has one', () => {
    expect(annotationPage({ target: target(2) }, blocks, map)).toBe('iv');
    expect(annotationPage({ target: target(12) }, blocks, map)).toBe('2');
  });

  it('takes the page of an area from its geometry', () => {
    expect(annotationPage({ target: target(0), geometry: [{ page: 2, rects: [[0, 0, 10, 10]] }] }, blocks, map)).toBe('2');
  });

  it('falls back to the blocks without a map, and to nothing without pages', () => {
    expect(annotationPage({ target: target(12) }, blocks, null)).toBe('2');
    expect(annotationPage({ target: target(2) }, [{ kind: 'paragraph', start: 0, end: 10 }], null)).toBeNull();
  });
});
