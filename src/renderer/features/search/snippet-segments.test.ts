import { describe, expect, it } from 'vitest';
import { searchResultHref } from './search-href';
import { snippetSegments } from './snippet-segments';

describe('snippetSegments', () => {
  it('marks the highlighted runs', () => {
    expect(snippetSegments('the quick brown fox', [[4, 9], [16, 19]])).toEqual([
      { text: 'the ', hit: false },
      { text: 'quick', hit: true },
      { text: ' brown ', hit: false },
      { text: 'fox', hit: true },
    ]);
  });
  it('handles Chinese and hits at the edges', () => {
    expect(snippetSegments('广州生物医药与健康研究院', [[0, 2], [9, 12]])).toEqual([
      { text: '广州', hit: true },
      { text: '生物医药与健康', hit: false },
      { text: '研究院', hit: true },
    ]);
  });
  it('merges overlapping or touching hits, sorts them and clamps out-of-range ones', () => {
    expect(snippetSegments('abcdef', [[3, 5], [1, 4], [5, 6], [4, 99], [2, 2]])).toEqual([
      { text: 'a', hit: false },
      { text: 'bcdef', hit: true },
    ]);
    expect(snippetSegments('abc', [])).toEqual([{ text: 'abc', hit: false }]);
    expect(snippetSegments('', [[0, 1]])).toEqual([]);
  });
});

describe('searchResultHref', () => {
  it('carries the query, encoded, after the document route', () => {
    expect(searchResultHref('abc123', '"health research" 研究院')).toBe('#/doc/abc123?q=%22health%20research%22%20%E7%A0%94%E7%A9%B6%E9%99%A2');
  });
});
