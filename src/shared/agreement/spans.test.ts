import { describe, expect, it } from 'vitest';
import { compareLayers } from './compare';
import { matchSpans, prf } from './spans';

const s = (start: number, end: number, label: string) => ({ start, end, label });

describe('span matching', () => {
  it('scores exact and overlap matches one to one (counted by hand)', () => {
    const a = [s(0, 5, 'PER'), s(10, 20, 'ORG'), s(30, 35, 'LOC')];
    const b = [s(0, 5, 'PER'), s(12, 20, 'ORG'), s(30, 35, 'ORG'), s(40, 44, 'DATE')];
    // exact: only PER matches; overlap: PER, and ORG 12–20 inside 10–20; LOC≠ORG never matches
    expect(prf(matchSpans(a, b, 'exact'))).toEqual({ tp: 1, fp: 3, fn: 2, precision: 1 / 4, recall: 1 / 3, f1: 2 / 7 });
    expect(prf(matchSpans(a, b, 'overlap'))).toEqual({ tp: 2, fp: 2, fn: 1, precision: 2 / 4, recall: 2 / 3, f1: 4 / 7 });
  });

  it('matches each span at most once, the largest overlap first', () => {
    // one long span of a against two pieces of b: one match, one false positive
    expect(matchSpans([s(0, 10, 'X')], [s(0, 3, 'X'), s(3, 10, 'X')], 'overlap')).toEqual({ tp: 1, fp: 1, fn: 0 });
    // the pairing that leaves no span out wins where overlaps tie-break by size
    expect(matchSpans([s(0, 4, 'X'), s(5, 9, 'X')], [s(2, 7, 'X'), s(5, 9, 'X')], 'overlap')).toEqual({ tp: 2, fp: 0, fn: 0 });
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toEqual({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null });
  });
});

describe('compareLayers', () => {
  it('says where layers agree, differ by label or boundary, or miss a mention', () => {
    const m = (id: string, layer: string, start: number, end: number, label: string) => ({ id, layer, start, end, label });
    const out = compareLayers(
      [m('1', 'a', 0, 5, 'PER'), m('2', 'b', 0, 5, 'PER'), m('3', 'a', 10, 15, 'ORG'), m('4', 'b', 10, 15, 'LOC'), m('5', 'a', 20, 30, 'ORG'), m('6', 'b', 22, 30, 'ORG'), m('7', 'b', 40, 44, 'DATE')],
      ['a', 'b'],
    );
    expect(out.map((c) => [c.start, c.end, c.status, c.missing])).toEqual([
      [0, 5, 'agreed', []],
      [10, 15, 'label', []],
      [20, 30, 'boundary', []],
      [40, 44, 'missing', ['a']],
    ]);
  });
});
