import { describe, expect, it } from 'vitest';
import { annotationOfHash, queryOfHash } from './doc-query';
import { parseRoute } from '../../routing';

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

describe('annotationOfHash and entity routes', () => {
  it('reads the annotation to go to', () => {
    expect(annotationOfHash('#/doc/abc123?annotation=xyz789')).toBe('xyz789');
    expect(annotationOfHash('#/doc/abc123?q=a')).toBeNull();
  });
  it('parses the entities view and an entity page', () => {
    expect(parseRoute('#/entities')).toEqual({ name: 'entities' });
    expect(parseRoute('#/entities/abc123')).toEqual({ name: 'entity', id: 'abc123' });
    expect(parseRoute('#/doc/abc123?annotation=x')).toEqual({ name: 'document', id: 'abc123' });
    expect(parseRoute('#/entitiesx')).toEqual({ name: 'library' });
  });
});
