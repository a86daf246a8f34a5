import { describe, expect, it } from 'vitest';
import { concatWords, NONE, readStringTable, stringTable } from './binary-table';

describe('binary string table', () => {
  it('gives repeated short strings one reference, keeps strings holding U+0000 apart, and reads them back', () => {
    const table = stringTable();
    const refs = ['en', 'a\u0000b', 'en', undefined, '文档'].map((s) => table.ref(s));
    expect(refs).toEqual([0, 1, 0, NONE, 2]);
    const { bytes, count, nul } = table.finish();
    expect(count).toBe(3);
    expect(nul).toEqual({ 1: 'a\u0000b' });
    expect(readStringTable(bytes.toString('utf8'), count, nul)).toEqual(['en', 'a\u0000b', '文档']);
    // A table whose number of strings does not match is refused.
    expect(readStringTable(bytes.toString('utf8'), count + 1, nul)).toBeNull();
  });

  it('has no nul when no string holds U+0000; an empty table reads back as empty', () => {
    const table = stringTable();
    expect(table.finish()).toEqual({ bytes: Buffer.alloc(0), count: 0 });
    expect(readStringTable('', 0, undefined)).toEqual(['']);
  });

  it('joins word arrays in order', () => {
    expect(Array.from(concatWords([Uint32Array.of(1, 2), new Uint32Array(0), Uint32Array.of(3)]))).toEqual([1, 2, 3]);
  });
});
