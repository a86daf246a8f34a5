import { describe, expect, it } from 'vitest';
import { splitsCharacter } from './grapheme';

describe('splitsCharacter', () => {
  it('finds offsets inside surrogate pairs, ZWJ sequences and combining marks, and none elsewhere', () => {
    const text = 'Ame\u0301lie 😀 👩\u200d👩\u200d👧 北京';
    const at = (s: string) => text.indexOf(s);
    expect(splitsCharacter(text, at('😀') + 1)).toBe(true);
    expect(splitsCharacter(text, at('\u0301'))).toBe(true);
    expect(splitsCharacter(text, at('\u200d'))).toBe(true);
    expect(splitsCharacter(text, at('😀'))).toBe(false);
    expect(splitsCharacter(text, at('北'))).toBe(false);
    expect(splitsCharacter(text, at('lie'))).toBe(false);
    expect(splitsCharacter(text, 0)).toBe(false);
    expect(splitsCharacter(text, text.length)).toBe(false);
  });
});
