import { describe, expect, it } from 'vitest';
import { displayWidth, joinSeparator } from './chars';

describe('displayWidth', () => {
  it('counts CJK as two columns and expands tabs', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('广州 GZ')).toBe(7);
    expect(displayWidth('\tx')).toBe(9);
    expect(displayWidth('𠀀')).toBe(2);
  });
});

describe('joinSeparator', () => {
  it('joins CJK to CJK with nothing, anything else with a space', () => {
    expect(joinSeparator('拷', '贝')).toBe('');
    expect(joinSeparator('本', '，')).toBe('');
    expect(joinSeparator('和', 'D')).toBe(' ');
    expect(joinSeparator('e', 'w')).toBe(' ');
    expect(joinSeparator('”', '！')).toBe('');
    expect(joinSeparator('한', '국')).toBe(' ');
  });
});
