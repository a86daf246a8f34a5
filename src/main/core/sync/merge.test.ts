import { describe, expect, it } from 'vitest';
import { mergeRecord, setPath } from './merge';

describe('mergeRecord', () => {
  const base = { meta: { title: 'A', tags: ['x'], updatedAt: '2026-01-01' } };
  it('takes what only one side changed, from both sides', () => {
    const local = { meta: { title: 'Local title', tags: ['x'], updatedAt: '2026-01-02' } };
    const server = { meta: { title: 'A', tags: ['x', 'y'], updatedAt: '2026-01-03' } };
    expect(mergeRecord(base, local, server)).toEqual({ value: { meta: { title: 'Local title', tags: ['x', 'y'], updatedAt: '2026-01-03' } }, conflicts: [] });
  });
  it('keeps the later of two edits of one field and lists the other', () => {
    const local = { meta: { title: 'Earlier', tags: ['x'], updatedAt: '2026-01-02' } };
    const server = { meta: { title: 'Later', tags: ['x'], updatedAt: '2026-01-05' } };
    const merged = mergeRecord(base, local, server);
    expect(merged.value).toEqual(server);
    expect(merged.conflicts).toEqual([{ path: 'meta.title', kept: 'Later', other: 'Earlier', keptFrom: 'server' }]);
  });
  it('treats a record new on both sides as a conflict of the differing fields only', () => {
    const merged = mergeRecord(undefined, { a: 1, b: 2 }, { a: 1, b: 3 });
    expect(merged.conflicts.map((c) => c.path)).toEqual(['b']);
  });
  it('sets a field by path', () => {
    expect(setPath({ meta: { title: 'A', x: 1 } }, 'meta.title', 'B')).toEqual({ meta: { title: 'B', x: 1 } });
    expect(setPath({ note: 1 }, '', { note: 2 })).toEqual({ note: 2 });
  });
});
