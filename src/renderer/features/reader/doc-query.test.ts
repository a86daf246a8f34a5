import { describe, expect, it } from 'vitest';
import { queryOfHash } from './doc-query';

describe('queryOfHash', () => {
  it('reads q from a reader route', () => {
    expect(queryOfHash('#/doc/abc123?q=budget')).toBe('budget');
    expect(queryOfHash('#/doc/abc123?q=%22staff%20assembly%22')).toBe('"staff assembly"');
    expect(queryOfHash('#/doc/abc123?q=%E5%B9%BF%E5%B7%9E')).toBe('广州');
  });
  it('answers null without one', () => {
    expect(queryOfHash('#/doc/abc123')).toBeNull();
    expect(queryOfHash('#/doc/abc123?q=')).toBeNull();
  });
});
