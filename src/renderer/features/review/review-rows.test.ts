import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { annotatorLayers, reviewRows } from './review-rows';

const m = (id: string, author: string | undefined, start: number, end: number, label: string): Annotation => ({
  id,
  docId: 'd',
  kind: 'entity',
  label,
  ...(author ? { author } : {}),
  target: { start, end, quote: '', prefix: '', suffix: '' },
  createdAt: '',
  updatedAt: '',
});

describe('reviewRows', () => {
  it('puts each stretch in a row with every layer’s version and gold’s, gold-only mentions in rows of their own', () => {
    const list = [m('1', undefined, 0, 5, 'PERSON'), m('2', 'bob', 0, 5, 'ORG'), m('3', 'gold', 0, 5, 'ORG'), m('4', 'bob', 10, 12, 'DATE'), m('5', 'gold', 20, 25, 'EVENT')];
    expect(annotatorLayers(list, 'alice')).toEqual(['alice', 'bob']);
    const rows = reviewRows(list, 'alice');
    expect(rows.map((r) => [r.start, r.status, r.missing, r.gold.map((g) => g.id)])).toEqual([
      [0, 'label', [], ['3']],
      [10, 'missing', ['alice'], []],
      [20, 'goldOnly', ['alice', 'bob'], ['5']],
    ]);
    expect(rows[0]!.versions.alice!.map((v) => v.id)).toEqual(['1']);
  });
});
