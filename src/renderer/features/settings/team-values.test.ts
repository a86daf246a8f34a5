import { describe, expect, it } from 'vitest';
import { describeValue, fieldName } from './team-values';

describe('describeValue', () => {
  it('shows titles as they are, notes as their words, other values as JSON, long ones cut', () => {
    expect(describeValue('Annual report')).toBe('Annual report');
    expect(describeValue({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '会议纪要' }] }] })).toBe('会议纪要');
    expect(describeValue(['a', 'b'])).toBe('["a","b"]');
    expect(describeValue(undefined)).toBe('—');
    expect(describeValue('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('fieldName', () => {
  it('names a document field without its meta. prefix', () => {
    expect(fieldName('meta.title')).toBe('title');
    expect(fieldName('note')).toBe('note');
  });
});
