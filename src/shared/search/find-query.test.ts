import { describe, expect, it } from 'vitest';
import { findHits, parseQuery } from './query';
import { findQuery } from './find-query';

describe('findQuery', () => {
  it('makes several plain words one phrase, and leaves search syntax alone', () => {
    expect(findQuery('Zhou Chong')).toBe('"Zhou Chong"');
    expect(findQuery('  Zhou   Chong ')).toBe('"Zhou Chong"');
    expect(findQuery('Guangzhou')).toBe('Guangzhou');
    expect(findQuery('"Zhou Chong" OR Lin')).toBe('"Zhou Chong" OR Lin');
    expect(findQuery('zhou -chong')).toBe('zhou -chong');
  });

  it('finds "Zhou Chong" as one hit per occurrence', () => {
    const text = 'Zhou Chong met Zhou. Later zhou chong spoke; Chong Zhou left.';
    const hits = findHits(text, parseQuery(findQuery('Zhou Chong'))).map(([s, e]) => text.slice(s, e));
    expect(hits).toContain('Zhou Chong');
    expect(hits).toContain('zhou chong');
    expect(hits).not.toContain('Zhou');
    expect(hits).not.toContain('Chong Zhou');
  });
});
