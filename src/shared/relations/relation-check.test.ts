import { describe, expect, it } from 'vitest';
import { DEFAULT_RELATION_TYPES, type Annotation } from '../model';
import { relationProblems } from './relation-check';

const now = '2026-01-01T00:00:00.000Z';
const mention = (id: string, label: string, extra: Partial<Annotation> = {}): Annotation => ({
  id,
  docId: 'd',
  kind: 'entity',
  label,
  target: { start: 0, end: 2, quote: id, prefix: '', suffix: '' },
  createdAt: now,
  updatedAt: now,
  ...extra,
});
const relation = (type: string): Annotation => ({ id: 'r', docId: 'd', kind: 'relation', from: 'a', to: 'b', type, target: { start: 0, end: 2, quote: 'a', prefix: '', suffix: '' }, createdAt: now, updatedAt: now });
const type = (id: string) => DEFAULT_RELATION_TYPES.find((t) => t.id === id);

describe('relationProblems', () => {
  it('has none while both ends carry labels the type allows', () => {
    expect(relationProblems(relation('WORKS_FOR'), mention('a', 'PERSON'), mention('b', 'ORG'), type('WORKS_FOR'))).toEqual([]);
  });

  it('flags an end relabelled to a label the type does not allow there', () => {
    expect(relationProblems(relation('WORKS_FOR'), mention('a', 'ORG'), mention('b', 'ORG'), type('WORKS_FOR'))).toEqual([{ kind: 'label', side: 'from', label: 'ORG', allowed: ['PERSON'] }]);
    expect(relationProblems(relation('WORKS_FOR'), mention('a', 'PERSON'), mention('b', 'LOCATION'), type('WORKS_FOR'))).toEqual([{ kind: 'label', side: 'to', label: 'LOCATION', allowed: ['ORG'] }]);
  });

  it('lets an undirected type fit either way round, and a type with no constraints fit anything', () => {
    const symmetric = { id: 'SIBLING', name: 'Sibling', color: '#000000', fromLabels: ['ORG'], toLabels: ['PERSON'], directed: false };
    expect(relationProblems(relation('SIBLING'), mention('a', 'PERSON'), mention('b', 'ORG'), symmetric)).toEqual([]);
    expect(relationProblems(relation('RELATED_TO'), mention('a', 'DATE'), mention('b', 'MONEY'), type('RELATED_TO'))).toEqual([]);
  });

  it('flags an end a new version could not place, one placed on changed text, one gone, and a type gone from the settings', () => {
    const orphan = mention('a', 'PERSON', { orphan: { reason: 'text changed', since: now } });
    const review = mention('b', 'ORG', { review: { oldQuote: '117.8亿元', newQuote: '118.2亿元', since: now } });
    expect(relationProblems(relation('WORKS_FOR'), orphan, review, type('WORKS_FOR'))).toEqual([
      { kind: 'orphan', side: 'from' },
      { kind: 'review', side: 'to' },
    ]);
    expect(relationProblems(relation('WORKS_FOR'), undefined, mention('b', 'ORG'), type('WORKS_FOR'))).toEqual([{ kind: 'missing', side: 'from' }]);
    expect(relationProblems(relation('GONE'), mention('a', 'PERSON'), mention('b', 'ORG'), undefined)).toEqual([{ kind: 'type', type: 'GONE' }]);
  });
});
