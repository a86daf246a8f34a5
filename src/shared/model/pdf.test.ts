import { describe, expect, it } from 'vitest';
import { itemPointToOffset, pageLabel, pageOfOffset, rectToTextRange, textRangeToGeometry, textRangeToItems, type PdfSourceMap } from './pdf';

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

  it('computes rectangles of a text range from the item boxes, proportionally, and finds the text inside a rectangle', () => {
    // Item boxes: "Hello " at x 100–160, "world" at 160–210 (one line); "Second page" at 50–160 on page 2.
    const boxed: PdfSourceMap = {
      ...map,
      pages: [
        { ...map.pages[0]!, label: 'i', items: [100, 700, 160, 710, 160, 700, 210, 710] },
        { ...map.pages[1]!, items: [50, 500, 160, 510] },
        map.pages[2]!,
      ],
    };
    // "lo world" on one line merges into one rectangle; "Sec" on page 2 is 3/11 of its item.
    expect(textRangeToGeometry(boxed, 3, 15)).toEqual([
      { page: 1, rects: [[130, 700, 210, 710]] },
      { page: 2, rects: [[50, 500, 80, 510]] },
    ]);
    expect(textRangeToGeometry(boxed, 11, 12)).toEqual([]);
    expect(rectToTextRange(boxed, 1, [155, 690, 215, 720])).toEqual({ start: 5, end: 11 });
    expect(rectToTextRange(boxed, 1, [0, 0, 10, 10])).toBeUndefined();
    expect([pageLabel(boxed, 1), pageLabel(boxed, 2), pageLabel(null, 3)]).toEqual(['i', '2', '3']);
  });
});
