import { describe, expect, it } from 'vitest';
import { lastStartingAtOrBefore, pointInBlock, snapRange } from './text-range';

describe('pointInBlock', () => {
  it('adds the offset within the block to its start', () => {
    expect(pointInBlock(100, 150, 7)).toBe(107);
  });
  it('stays inside the block', () => {
    expect(pointInBlock(100, 150, 80)).toBe(150);
    expect(pointInBlock(100, 150, -3)).toBe(100);
  });
});

describe('snapRange', () => {
  const text = 'The quick brown fox. 广州生物医药 😀 end';
  it('keeps a clean range', () => {
    expect(snapRange(text, 4, 9)).toEqual({ start: 4, end: 9 });
  });
  it('trims white space at both ends', () => {
    expect(snapRange(text, 3, 10)).toEqual({ start: 4, end: 9 });
  });
  it('answers null for empty, blank or inverted ranges', () => {
    expect(snapRange(text, 9, 9)).toBeNull();
    expect(snapRange(text, 9, 10)).toBeNull();
    expect(snapRange(text, 12, 4)).toBeNull();
  });
  it('clamps to the text', () => {
    expect(snapRange(text, -5, 3)).toEqual({ start: 0, end: 3 });
    expect(snapRange(text, text.length - 3, text.length + 10)).toEqual({ start: text.length - 3, end: text.length });
  });
  it('does not split a surrogate pair', () => {
    const emoji = text.indexOf('😀');
    expect(snapRange(text, emoji + 1, emoji + 2)).toEqual({ start: emoji, end: emoji + 2 });
    expect(snapRange(text, emoji - 2, emoji + 1)).toEqual({ start: emoji - 2, end: emoji + 2 });
  });
  it('counts Chinese in UTF-16 units', () => {
    const at = text.indexOf('广州');
    expect(snapRange(text, at, at + 2)).toEqual({ start: at, end: at + 2 });
  });
});

describe('lastStartingAtOrBefore', () => {
  const starts = [0, 10, 20, 30];
  it('finds the block an offset falls in', () => {
    expect(lastStartingAtOrBefore(starts, 0)).toBe(0);
    expect(lastStartingAtOrBefore(starts, 15)).toBe(1);
    expect(lastStartingAtOrBefore(starts, 30)).toBe(3);
    expect(lastStartingAtOrBefore(starts, 99)).toBe(3);
    expect(lastStartingAtOrBefore([5, 9], 2)).toBe(-1);
  });
});
