import { describe, expect, it } from 'vitest';
import { jsonBytes, jsonPieces } from './json-pieces';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

const wide = Array.from({ length: 3_000 }, (_, i) => ({
  id: `doc${i}`,
  title: i % 7 ? `Report ${i} “quoted” \\ "x"` : `广州 报告 ${i} 😀`,
  size: i * 1.5,
  tags: i % 3 ? undefined : ['a', 'b'],
  nested: { deep: { deeper: { deepest: [1, { x: undefined }, null] } } },
}));

const values: unknown[] = [
  { ok: true, value: wide },
  { ok: true, value: { ids: wide.map((d) => d.id), titles: wide.map((d) => d.title), ranks: { ranks: wide.map((_, i) => -i), locale: 'en' }, none: null } },
  { ok: false, error: { code: 'io', message: 'disk full' } },
  { ok: true, value: undefined },
  { ok: true, value: [] },
  { ok: true, value: {} },
  [undefined, () => 1, Symbol('s'), NaN, -0, Infinity, 'a\u2028b', '\ud800 lone', new Date(0), new Point(1, 2), Uint8Array.of(1, 2), new Map([[1, 2]])],
  { skip: undefined, fn: () => 1, sym: Symbol('s'), date: new Date(86_400_000), json: { toJSON: () => 'as json' }, gone: { toJSON: () => undefined }, typed: Int32Array.of(-1, 2) },
  Object.assign(Object.create(null) as object, { a: 1, b: [Object.assign(Object.create(null) as object, { c: 'x' })] }),
  'just a string',
  42,
  null,
  Array.from({ length: 50_000 }, (_, i) => i % 5 === 0 ? null : i),
];

describe('JSON text in pieces (issue #19)', () => {
  for (const [i, value] of values.entries()) {
    it(`is JSON.stringify's text, byte for byte (case ${i})`, () => {
      for (const size of [1, 7, 1_000, 64 * 1024]) {
        const pieces = [...jsonPieces(value, size)];
        expect(pieces.join('')).toBe(JSON.stringify(value));
        expect(Buffer.concat(jsonBytes(value, size)).equals(Buffer.from(JSON.stringify(value), 'utf8'))).toBe(true);
      }
    });
  }

  it('never makes a piece much longer than asked, however long the whole text', () => {
    const value = { ok: true, value: wide };
    const whole = JSON.stringify(value).length;
    const pieces = [...jsonPieces(value, 4096)];
    expect(pieces.length).toBeGreaterThan(whole / 8192);
    // A piece ends after the element or member that took it past the size: at most one document more.
    const longestDoc = Math.max(...wide.map((d) => JSON.stringify(d).length));
    for (const piece of pieces) expect(piece.length).toBeLessThan(4096 + longestDoc + 16);
  });
});
