import { describe, expect, it } from 'vitest';
import { byteRange } from './byte-range';

const part = (start: number, end: number) => ({ kind: 'partial', start, end });
const full = { kind: 'full' };
const none = { kind: 'unsatisfiable' };

describe('byteRange', () => {
  it('gives one part for a first-last, an open-ended and a suffix range, clamped to the file', () => {
    expect(byteRange('bytes=0-99', 1000)).toEqual(part(0, 99));
    expect(byteRange('bytes=900-', 1000)).toEqual(part(900, 999));
    expect(byteRange('bytes=-100', 1000)).toEqual(part(900, 999));
    expect(byteRange('bytes=-5000', 1000)).toEqual(part(0, 999));
    expect(byteRange('bytes=990-5000', 1000)).toEqual(part(990, 999));
    expect(byteRange('Bytes = 1-1', 1000)).toEqual(part(1, 1));
  });

  it('merges overlapping and adjacent parts; disjoint ones get the whole file', () => {
    expect(byteRange('bytes=0-9, 5-19,20-29', 1000)).toEqual(part(0, 29));
    expect(byteRange('bytes=0-9,500-509', 1000)).toEqual(full);
  });

  it('is unsatisfiable when no part starts inside the file', () => {
    expect(byteRange('bytes=1000-', 1000)).toEqual(none);
    expect(byteRange('bytes=5000-6000,2000-', 1000)).toEqual(none);
    expect(byteRange('bytes=-0', 1000)).toEqual(none);
    expect(byteRange('bytes=0-', 0)).toEqual(none);
    expect(byteRange('bytes=99999999999999999999999-', 1000)).toEqual(none);
  });

  it('ignores what is not a byte range it can read, and floods of parts', () => {
    for (const header of [undefined, '', 'bytes', 'items=0-1', 'bytes=a-b', 'bytes=5-1', 'bytes=-', 'bytes=1-2-3', 'bytes=0x10-', 'bytes=+1-2', 'bytes=1 -2', `bytes=${Array.from({ length: 17 }, (_, i) => `${i}-${i}`).join(',')}`]) {
      expect(byteRange(header, 1000), String(header)).toEqual(full);
    }
    expect(byteRange('bytes=0-99999999999999999999999', 1000)).toEqual(part(0, 999));
  });
});
