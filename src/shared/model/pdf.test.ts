import { describe, expect, it } from 'vitest';
import { itemPointToOffset, pageOfOffset, textRangeToItems, type PdfSourceMap } from './pdf';

// Text "Hello world\nSecond page" from three items: "Hello " "world" on page 1, "Second page" on page 2.
const map: PdfSourceMap = {
  version: 1,
  pageCount: 3,
  pages: [
    { page: 1, runs: [0, 0, 0, 6, 6, 1, 0, 5], source: 'text' },
    { page: 2, runs: [12, 0, 0, 11], source: 'text' },
    { page: 3, runs: [], source: 'none' },
  ],
};

describe('PDF source map', () => {
  it('maps a text range to the item spans it came from, skipping synthesised characters', () => {
    expect(textRangeToItems(map, 3, 15)).toEqual([
      { page: 1, item: 0, from: 3, to: 6 },
      { page: 1, item: 1, from: 0, to: 5 },
      { page: 2, item: 0, from: 0, to: 3 },
    ]);
    expect(textRangeToItems(map, 11, 12)).toEqual([]);
    expect(textRangeToItems(map, 5, 5)).toEqual([]);
  });

  it('maps a point in an item back to a text offset, the item end included', () => {
    expect(itemPointToOffset(map, 1, 1, 2)).toBe(8);
    expect(itemPointToOffset(map, 1, 1, 5)).toBe(11);
    expect(itemPointToOffset(map, 2, 0, 0)).toBe(12);
    expect(itemPointToOffset(map, 2, 1, 0)).toBeUndefined();
    expect(itemPointToOffset(map, 4, 0, 0)).toBeUndefined();
  });

  it('finds the page an offset stands on', () => {
    expect(pageOfOffset(map, 0)).toBe(1);
    expect(pageOfOffset(map, 11)).toBe(1);
    expect(pageOfOffset(map, 20)).toBe(2);
  });
});
