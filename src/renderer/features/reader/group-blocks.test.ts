import { describe, expect, it } from 'vitest';
import type { Block } from '../../../shared/model';
import { cellSpans, groupBlocks, groupSpan, MAX_GROUP_ITEMS } from './group-blocks';

describe('cellSpans', () => {
  it('places each cell of a row at its offsets in the text', () => {
    const text = 'xx Name | Age | 城市';
    const cells = cellSpans({ start: 3, end: text.length }, text);
    expect(cells.map((c) => text.slice(c.start, c.end))).toEqual(['Name', 'Age', '城市']);
  });
});

describe('groupBlocks', () => {
  it('cuts a very long list into groups and reports their spans', () => {
    const items: Block[] = Array.from({ length: MAX_GROUP_ITEMS + 5 }, (_, i) => ({ kind: 'list-item', start: i * 10, end: i * 10 + 5 }));
    const groups = groupBlocks([{ kind: 'paragraph', start: -10, end: -1 }, ...items]);
    expect(groups.map((g) => g.kind)).toEqual(['single', 'list', 'list']);
    expect(groupSpan(groups[2]!)).toEqual({ start: MAX_GROUP_ITEMS * 10, end: (MAX_GROUP_ITEMS + 4) * 10 + 5 });
  });
});
