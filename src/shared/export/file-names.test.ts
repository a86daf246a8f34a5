import { describe, expect, it } from 'vitest';
import { cutToBytes, FileNames, safeStem, utf8Length } from './file-names';

describe('safe file names', () => {
  it.each([
    ['../../etc/passwd', 'etc passwd'],
    ['a\u0000b\u0007c', 'a b c'],
    ['CON', 'CON_'],
    ['nul.tar.gz', 'nul_.tar.gz'],
    ['com1', 'com1_'],
    ['Report. ', 'Report'],
    ['...', 'untitled'],
    ['a:b*c?"d"<e>|f', 'a b c d e f'],
    ['evil\u202etxt.exe', 'evil txt.exe'],
    ['年度报告：2024', '年度报告：2024'],
  ])('%j -> %j', (title, stem) => expect(safeStem(title)).toBe(stem));

  it('cuts long titles to the byte limit on a character boundary', () => {
    expect(cutToBytes('长'.repeat(100), 10)).toBe('长长长');
    expect(cutToBytes('👨‍👩‍👧x', 12)).toBe('');
    const names = new FileNames();
    const name = names.take('😀'.repeat(300), ['.md']);
    expect(utf8Length(`${name}.md`)).toBeLessThanOrEqual(120);
    expect([...name].every((c) => c === '😀')).toBe(true);
  });

  it('numbers collisions, case-insensitively and across extensions', () => {
    const names = new FileNames(['index.md']);
    expect(['Report', 'report', 'REPORT', 'index'].map((t) => names.take(t, ['.md']))).toEqual(['Report', 'report (2)', 'REPORT (3)', 'index (2)']);
    const brat = new FileNames();
    expect([brat.take('a', ['.txt', '.ann']), brat.take('A', ['.txt', '.ann'])]).toEqual(['a', 'A (2)']);
    const long = new FileNames();
    const first = long.take('x'.repeat(300), ['.md']);
    const second = long.take('x'.repeat(300), ['.md']);
    expect(second).toBe(`${first.slice(0, first.length - 4)} (2)`);
  });
});
