import { describe, expect, it } from 'vitest';
import { findPosition, parsePositions, withPosition } from './reading-position';

describe('reading positions', () => {
  it('keep the most recent document last and forget the oldest past the limit', () => {
    let list = withPosition([], 'a', { offset: 10, top: -4.6 });
    list = withPosition(list, 'b', { offset: 20, top: 0 });
    list = withPosition(list, 'a', { offset: 30, top: -8 });
    expect(list).toEqual([
      ['b', 20, 0],
      ['a', 30, -8],
    ]);
    expect(findPosition(list, 'a')).toEqual({ offset: 30, top: -8 });
    expect(withPosition(list, 'c', { offset: 1, top: 0 }, 2).map(([id]) => id)).toEqual(['a', 'c']);
    expect(withPosition(list, 'a', null)).toEqual([['b', 20, 0]]);
  });

  it('keep 200 documents by default', () => {
    let list = withPosition([], 'doc-0', { offset: 0, top: 0 });
    for (let i = 1; i < 250; i++) list = withPosition(list, `doc-${i}`, { offset: i, top: 0 });
    expect(list).toHaveLength(200);
    expect(findPosition(list, 'doc-49')).toBeNull();
    expect(findPosition(list, 'doc-50')).toEqual({ offset: 50, top: 0 });
  });

  it('survive damaged storage entry by entry', () => {
    expect(parsePositions(null)).toEqual([]);
    expect(parsePositions('not json')).toEqual([]);
    expect(parsePositions('{"a":1}')).toEqual([]);
    expect(parsePositions('[["a",5,-3],["b",-1,0],["c",1.5,0],[1,2,3],["d",7,null],["e",9,2]]')).toEqual([
      ['a', 5, -3],
      ['e', 9, 2],
    ]);
  });
});
