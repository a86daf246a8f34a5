import { describe, expect, it } from 'vitest';
import { buildSegments, spansTouching, type Layer } from './segments';

const hl = (id: string, start: number, end: number): Layer => ({ kind: 'annotation', id, start, end, color: 'yellow' });
const mention = (id: string, start: number, end: number, label = 'ORG'): Layer => ({ kind: 'mention', id, start, end, label, color: '#7c3aed' });
const suggestion = (index: number, start: number, end: number): Layer => ({ kind: 'suggestion', index, start, end, label: 'PERSON', color: '#2563eb', current: false });
const ids = (layers: Layer[]) => layers.map((l) => ('id' in l ? l.id : 'index' in l ? `${l.kind === 'find' ? 'find' : 'sug'}${l.index}` : l.kind));

describe('buildSegments', () => {
  it('answers one plain segment without layers', () => {
    expect(buildSegments(10, 20, [])).toEqual([{ start: 10, end: 20, layers: [] }]);
  });

  it('splits at the boundaries of one highlight', () => {
    const segs = buildSegments(0, 10, [hl('a', 3, 6)]);
    expect(segs.map((s) => [s.start, s.end, ids(s.layers)])).toEqual([
      [0, 3, []],
      [3, 6, ['a']],
      [6, 10, []],
    ]);
  });

  it('nests overlapping highlights, outer (earlier, longer) first, and every one keeps a segment', () => {
    const segs = buildSegments(0, 12, [hl('b', 4, 10), hl('a', 2, 6), hl('c', 5, 6)]);
    expect(segs.map((s) => [s.start, s.end, ids(s.layers)])).toEqual([
      [0, 2, []],
      [2, 4, ['a']],
      [4, 5, ['a', 'b']],
      [5, 6, ['a', 'b', 'c']],
      [6, 10, ['b']],
      [10, 12, []],
    ]);
  });

  it('clips layers to the block and drops those outside it', () => {
    const segs = buildSegments(10, 20, [hl('a', 0, 12), hl('b', 18, 30), hl('c', 20, 25), hl('d', 0, 10)]);
    expect(segs.map((s) => [s.start, s.end, ids(s.layers)])).toEqual([
      [10, 12, ['a']],
      [12, 18, []],
      [18, 20, ['b']],
    ]);
  });

  it('puts find hits innermost, inside highlights', () => {
    const segs = buildSegments(0, 10, [{ kind: 'find', index: 0, start: 2, end: 4, current: true }, hl('a', 0, 10)]);
    expect(segs.map((s) => ids(s.layers))).toEqual([['a'], ['a', 'find0'], ['a']]);
  });

  it('ignores empty layers and empty ranges', () => {
    expect(buildSegments(5, 5, [hl('a', 0, 9)])).toEqual([]);
    expect(buildSegments(0, 4, [hl('a', 2, 2)])).toEqual([{ start: 0, end: 4, layers: [] }]);
  });
});

describe('buildSegments with mentions and suggestions', () => {
  it('nests mentions inside highlights and suggestions inside mentions, find hits innermost', () => {
    const layers = [suggestion(0, 4, 8), { kind: 'find', index: 0, start: 5, end: 6, current: false } as Layer, mention('m', 2, 8), hl('h', 0, 10)];
    expect(buildSegments(0, 10, layers).map((s) => [s.start, s.end, ids(s.layers)])).toEqual([
      [0, 2, ['h']],
      [2, 4, ['h', 'm']],
      [4, 5, ['h', 'm', 'sug0']],
      [5, 6, ['h', 'm', 'sug0', 'find0']],
      [6, 8, ['h', 'm', 'sug0']],
      [8, 10, ['h']],
    ]);
  });

  it('keeps a piece of each of two overlapping mentions, the earlier one outside', () => {
    const segs = buildSegments(0, 20, [mention('b', 8, 20, 'LOCATION'), mention('a', 0, 12)]);
    expect(segs.map((s) => [s.start, s.end, ids(s.layers)])).toEqual([
      [0, 8, ['a']],
      [8, 12, ['a', 'b']],
      [12, 20, ['b']],
    ]);
  });

  it('puts a mention that overlaps a highlight partly inside it where they meet', () => {
    const segs = buildSegments(0, 10, [mention('m', 0, 6), hl('h', 4, 10)]);
    expect(segs.map((s) => ids(s.layers))).toEqual([['m'], ['h', 'm'], ['h']]);
  });
});

describe('spansTouching', () => {
  const hits = [
    { start: 0, end: 3 },
    { start: 10, end: 13 },
    { start: 20, end: 23 },
    { start: 30, end: 33 },
  ];
  it('finds the spans that overlap a range', () => {
    expect(spansTouching(hits, 11, 21, 3)).toEqual([hits[1], hits[2]]);
    expect(spansTouching(hits, 13, 20, 3)).toEqual([]);
    expect(spansTouching(hits, 0, 100)).toEqual(hits);
  });
});
