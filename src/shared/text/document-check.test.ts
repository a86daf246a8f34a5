import { describe, expect, it } from 'vitest';
import { documentProblems } from './document-check';

describe('documentProblems', () => {
  it('accepts a well-formed document', () => {
    expect(
      documentProblems('Title\n\nBody text.\n\na\n  b', [
        { kind: 'heading', start: 0, end: 5, level: 1 },
        { kind: 'paragraph', start: 7, end: 17 },
        { kind: 'code', start: 19, end: 24 },
      ]),
    ).toEqual([]);
  });

  it('reports gaps, stray whitespace, line breaks and control characters', () => {
    expect(documentProblems('A\nB\n\n C', [{ kind: 'paragraph', start: 0, end: 3 }, { kind: 'paragraph', start: 5, end: 7 }])).toEqual([
      'block 0 (paragraph 0-3): line break inside',
      'block 1 (paragraph 5-7): leading or trailing whitespace',
    ]);
    expect(documentProblems('A\n\nB!', [{ kind: 'paragraph', start: 0, end: 1 }, { kind: 'paragraph', start: 3, end: 4 }])).toEqual([
      'text continues after the last block',
    ]);
    expect(documentProblems('a\u001b[0m', [{ kind: 'paragraph', start: 0, end: 5 }])).toEqual(['control characters in text']);
  });
});
