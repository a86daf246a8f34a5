import { describe, expect, it } from 'vitest';
import { plainText, shortQuote } from './rich-preview';

describe('plainText', () => {
  it('joins the text of paragraphs and marks', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Check ' }, { type: 'text', text: 'this', marks: [{ type: 'bold' }] }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'again' }] },
      ],
    };
    expect(plainText(doc)).toBe('Check this again');
    expect(plainText(null)).toBe('');
    expect(plainText(doc, 8)).toBe('Check t…');
  });
});

describe('shortQuote', () => {
  it('keeps short quotes and shortens long ones in the middle', () => {
    expect(shortQuote('a  b\nc')).toBe('a b c');
    expect(shortQuote('x'.repeat(10) + 'y'.repeat(10), 11)).toBe('xxxxx…yyyyy');
  });
});
