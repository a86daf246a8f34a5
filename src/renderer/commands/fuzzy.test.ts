import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy';

describe('fuzzyScore', () => {
  it('matches characters in order, anywhere', () => {
    expect(fuzzyScore('tgth', 'Toggle theme')).not.toBeNull();
    expect(fuzzyScore('xyz', 'Toggle theme')).toBeNull();
    expect(fuzzyScore('ht', 'Toggle theme')).toBeNull();
  });
  it('matches everything with an empty query', () => {
    expect(fuzzyScore('', 'Anything')).toBe(0);
  });
  it('works for Chinese titles', () => {
    expect(fuzzyScore('主题', '切换主题')).not.toBeNull();
  });
});

describe('fuzzyFilter', () => {
  const titles = ['Go to library', 'Go to settings', 'Toggle theme', 'Import folder…', 'Import files…'];
  it('ranks word starts and prefixes first', () => {
    expect(fuzzyFilter(titles, 'theme', (t) => t)).toEqual(['Toggle theme']);
    expect(fuzzyFilter(titles, 'imp f', (t) => t)[0]).toBe('Import folder…');
    expect(fuzzyFilter(titles, 'set', (t) => t)[0]).toBe('Go to settings');
  });
  it('keeps the original order for equal scores', () => {
    expect(fuzzyFilter(titles, '', (t) => t)).toEqual(titles);
  });
});
