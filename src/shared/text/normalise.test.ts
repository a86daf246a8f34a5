import { describe, expect, it } from 'vitest';
import { normaliseText } from './normalise';

describe('normaliseText', () => {
  it('removes ANSI colour sequences whole, not just the ESC byte', () => {
    expect(normaliseText('\u001b[32m《静夜思》\u001b[m\n\u001b[1;33m作者：李白\u001b[0m')).toBe('《静夜思》\n作者：李白');
  });

  it('removes OSC titles, charset switches and C1 CSI', () => {
    expect(normaliseText('\u001b]0;window title\u0007A\u001b(BB\u009b31mC\u001b]8;;http://x\u001b\\D')).toBe('ABCD');
  });

  it('stops an unterminated OSC at the end of the line', () => {
    expect(normaliseText('\u001b]0;broken\nnext line')).toBe('\nnext line');
  });

  it('folds CRLF and CR into LF', () => {
    expect(normaliseText('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });

  it('drops other control characters, NUL and stray BOMs but keeps tabs', () => {
    expect(normaliseText('\ufeffa\u0000b\u0007c\u0008d\u007fe\u0085f\tg\ufeffh')).toBe('abcdef\tgh');
  });

  it('turns form feeds and Unicode line separators into line breaks', () => {
    expect(normaliseText('page 1\fpage 2\u2028line\u2029para')).toBe('page 1\npage 2\nline\n\npara');
  });

  it('keeps non-breaking spaces', () => {
    expect(normaliseText('January\u00a01, 2024')).toBe('January\u00a01, 2024');
  });

  it('composes to NFC', () => {
    expect(normaliseText('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('returns clean text unchanged', () => {
    const clean = '广州生物医药与健康研究院\n\nPlain text.';
    expect(normaliseText(clean)).toBe(clean);
  });
});
