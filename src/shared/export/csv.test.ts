import { describe, expect, it } from 'vitest';
import { csvCell, mentionRows } from './csv';
import { doccanoLine } from './doccano';
import { ctx, doc } from './test-data';

describe('CSV and doccano', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(['=1+1', '+x', '-2', '@SUM(A1)', '\tx', 'a,b', 'say "hi"', 'two\nlines', 'plain'].map(csvCell)).toEqual([
      "'=1+1",
      "'+x",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      'plain',
    ]);
  });

  it('gives code-point offsets after astral characters', () => {
    const d = doc('😀𠀀 北京', [['北京', 'LOCATION']]);
    expect(mentionRows(d, ctx)[0]).toBe('doc0001,T,Location,北京,3,5,,,😀𠀀 [北京]\r\n');
    expect(JSON.parse(doccanoLine(d)).label).toEqual([[3, 5, 'LOCATION']]);
  });
});
