import { describe, expect, it } from 'vitest';
import type { PdfSourceMap } from '../../../shared/model/pdf';
import { itemsTextRange, offsetOfPage, pageOfBlockOffset, pointToOffset, pointsToRange } from './page-offsets';

// Page 1: item 0 "Annual Report" is the running head (left out of the text); items 1 and 2
// are the body "Tides rose." (text 0..11) and "Ships waited." (text 12..25). Page 2: a two-column
// page whose right column (item 0) is read after the left column (item 1).
const map: PdfSourceMap = {
  version: 1,
  pageCount: 2,
  pages: [
    { page: 1, runs: [0, 1, 0, 11, 12, 2, 0, 13], source: 'text' },
    { page: 2, runs: [27, 1, 0, 10, 38, 0, 0, 8], source: 'text' },
  ],
};

describe('page selection to text offsets', () => {
  it('maps points inside items', () => {
    expect(pointToOffset(map, { page: 1, item: 2, char: 6 }, 'start')).toBe(18);
    expect(pointToOffset(map, { page: 1, item: 1, char: 11 }, 'end')).toBe(11);
  });

  it('moves a point in text left out of the text (a running head) inward', () => {
    expect(pointToOffset(map, { page: 1, item: 0, char: 3 }, 'start')).toBe(0);
    expect(pointToOffset(map, { page: 1, item: 0, char: 3 }, 'end')).toBeUndefined();
    expect(pointToOffset(map, { page: 1, item: 3, char: 0 }, 'end')).toBe(25);
  });

  it('makes a range from two points, in text order even when the columns are read the other way round', () => {
    expect(pointsToRange(map, { page: 1, item: 1, char: 6 }, { page: 1, item: 2, char: 5 })).toEqual({ start: 6, end: 17 });
    // Selected from the right column (item 0, read second) back into the left one.
    expect(pointsToRange(map, { page: 2, item: 0, char: 0 }, { page: 2, item: 1, char: 4 })).toEqual({ start: 31, end: 38 });
    expect(pointsToRange(map, { page: 1, item: 0, char: 0 }, { page: 1, item: 0, char: 5 })).toBeNull();
  });

  it('goes between pages and text offsets through the blocks', () => {
    const blocks = [
      { start: 0, end: 11, page: 1 },
      { start: 12, end: 25, page: 1 },
      { start: 27, end: 46, page: 3 },
    ];
    expect(pageOfBlockOffset(blocks, 20)).toBe(1);
    expect(pageOfBlockOffset(blocks, 30)).toBe(3);
    expect(offsetOfPage(blocks, 2)).toBe(27);
    expect(offsetOfPage(blocks, 4)).toBeNull();
  });
});

describe('the text inside an area', () => {
  it('spans the text of the items inside, none for items left out of the text', () => {
    expect(itemsTextRange(map, 1, new Set([1, 2]))).toEqual({ start: 0, end: 25 });
    expect(itemsTextRange(map, 2, new Set([0]))).toEqual({ start: 38, end: 46 });
    expect(itemsTextRange(map, 1, new Set([0]))).toBeNull();
  });
});
