import { describe, expect, it } from 'vitest';
import { offsetMap } from './code-points';

describe('offsetMap', () => {
  it('is the identity for text without astral characters', () => {
    const m = offsetMap('广州 abc');
    expect([m.toCodePoint(3), m.toUtf16(3), m.codePoints]).toEqual([3, 3, 6]);
  });

  it('counts an emoji or a CJK extension B character as one code point', () => {
    const text = 'a😀b𠀀c';
    const m = offsetMap(text);
    expect(m.codePoints).toBe([...text].length);
    expect([0, 1, 3, 4, 6, 7].map(m.toCodePoint)).toEqual([0, 1, 2, 3, 4, 5]);
    expect([0, 1, 2, 3, 4, 5].map(m.toUtf16)).toEqual([0, 1, 3, 4, 6, 7]);
    expect([m.toUtf16(6), m.toUtf16(-1), m.toUtf16(1.5)]).toEqual([-1, -1, -1]);
  });
});

describe('app links', async () => {
  const { iri, parseAppLink } = await import('./annotations');
  it('round-trips and refuses anything else', () => {
    expect(parseAppLink(iri.appLink('doc0001', 'ann0001'))).toEqual({ docId: 'doc0001', annotationId: 'ann0001' });
    expect(parseAppLink(iri.appLink('doc0001'))).toEqual({ docId: 'doc0001' });
    expect(parseAppLink('marginalia://doc/../x')).toBeNull();
    expect(parseAppLink('marginalia://doc/doc0001#annotation=a"><script>')).toBeNull();
  });
});
