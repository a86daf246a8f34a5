import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { relationRows } from './relation-rows';

const base = { docId: 'd', createdAt: '', updatedAt: '' };
const m = (id: string, author: string, start: number, end: number, label = 'X'): Annotation => ({ ...base, id, kind: 'entity', label, author, target: { start, end, quote: '', prefix: '', suffix: '' } });
const r = (id: string, author: string, from: Annotation, to: Annotation, type: string): Annotation => ({ ...base, id, kind: 'relation', author, from: from.id, to: to.id, type, target: from.target });

describe('relationRows', () => {
  it('groups the layers’ relations by where both ends run and says how they differ, gold beside them', () => {
    const [a1, a2, a3] = [m('a1', 'alice', 0, 6), m('a2', 'alice', 10, 20), m('a3', 'alice', 30, 35)];
    const [b1, b2, b3] = [m('b1', 'bob', 0, 6), m('b2', 'bob', 6, 20), m('b3', 'bob', 30, 35)];
    const [g1, g3] = [m('g1', 'gold', 0, 6), m('g3', 'gold', 30, 35)];
    const list = [a1, a2, a3, b1, b2, b3, g1, g3];
    const rows = relationRows(
      [
        ...list,
        r('ra', 'alice', a1, a2, 'WORKS_FOR'), // bob's ends overlap, one boundary differs
        r('rb', 'bob', b1, b2, 'WORKS_FOR'),
        r('ra2', 'alice', a1, a3, 'LOCATED_IN'), // bob: same ends, another type
        r('rb2', 'bob', b1, b3, 'RELATED_TO'),
        r('rb3', 'bob', b3, b2, 'PART_OF'), // alice drew none
        r('rg', 'gold', g1, g3, 'LOCATED_IN'),
        r('rg2', 'gold', g3, g1, 'RELATED_TO'), // from 30 to 0: no annotator drew it so
      ],
      'alice',
    );
    expect(rows.map((row) => [row.status, row.missing, Object.values(row.versions).flat().map((v) => v.id), row.gold.map((g) => g.id)])).toEqual([
      ['boundary', [], ['ra', 'rb'], []],
      ['type', [], ['ra2', 'rb2'], ['rg']],
      // both from 30: in text order of the second end
      ['goldOnly', ['alice', 'bob'], [], ['rg2']],
      ['missing', ['alice'], ['rb3'], []],
    ]);
    expect(rows[1]!.versions.alice![0]).toMatchObject({ from: { id: 'a1', start: 0, end: 6 }, to: { id: 'a3' }, type: 'LOCATED_IN' });
  });

  it('takes an undirected relation drawn either way round as the same', () => {
    const [a1, a2, b1, b2] = [m('a1', 'alice', 0, 6), m('a2', 'alice', 10, 20), m('b1', 'bob', 0, 6), m('b2', 'bob', 10, 20)];
    const list = [a1, a2, b1, b2, r('ra', 'alice', a1, a2, 'RELATED_TO'), r('rb', 'bob', b2, b1, 'RELATED_TO')];
    expect(relationRows(list, 'alice', new Set(['RELATED_TO'])).map((row) => row.status)).toEqual(['agreed']);
    expect(relationRows(list, 'alice').map((row) => row.status)).toEqual(['missing', 'missing']);
  });
});
