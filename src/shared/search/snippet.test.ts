import { describe, expect, it } from 'vitest';
import { findHits, parseQuery } from './query';
import { ELLIPSIS, makeSnippet } from './snippet';

const marks = (s: { text: string; highlights: [number, number][] }) => s.highlights.map(([a, b]) => s.text.slice(a, b));

describe('makeSnippet', () => {
  it('shows short text whole with its hits marked', () => {
    const text = 'Carbon capture\nand carbon storage.';
    const s = makeSnippet(text, findHits(text, parseQuery('carbon')));
    expect(s.text).toBe('Carbon capture and carbon storage.');
    expect(marks(s)).toEqual(['Carbon', 'carbon']);
  });

  it('cuts a window around the densest hits, at word boundaries, with ellipses', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(20);
    const text = `${filler}one target here.\n${filler}target target target close together. ${filler}`;
    const s = makeSnippet(text, findHits(text, parseQuery('target')), 120);
    expect(s.text.startsWith(ELLIPSIS)).toBe(true);
    expect(s.text.endsWith(ELLIPSIS)).toBe(true);
    expect(marks(s)).toEqual(['target', 'target', 'target']);
    expect(s.text.length).toBeLessThanOrEqual(122);
    expect(s.text).toMatch(/^… ?(lorem|ipsum|dolor|sit|amet) /);
  });

  it('marks Chinese hits', () => {
    const text = `${'这是一段很长的文字。'.repeat(30)}广州生物医药与健康研究院${'其他内容。'.repeat(30)}`;
    const s = makeSnippet(text, findHits(text, parseQuery('健康')), 60);
    expect(marks(s)).toEqual(['健康']);
  });

  it('starts at the beginning when nothing is marked', () => {
    const s = makeSnippet('word '.repeat(100), [], 50);
    expect(s.text.startsWith('word word')).toBe(true);
    expect(s.highlights).toEqual([]);
    expect(s.text.endsWith(ELLIPSIS)).toBe(true);
  });
});
