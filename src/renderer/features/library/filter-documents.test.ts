import { describe, expect, it } from 'vitest';
import { DOC_TYPES } from '../../../shared/model';
import { facetValues, filterDocuments, fromSearchFilters, NO_FILTERS, toSearchFilters, toggleValue } from './filter-documents';
import { sortDocuments } from './sort-documents';
import { meta } from './test-docs';

const docs = [
  meta({ id: 'a', title: 'Alpha', type: 'pdf', language: 'en', tags: ['policy/national'], collections: ['c1'], date: '2024-03-05', size: 30 }),
  meta({ id: 'b', title: 'beta', type: 'txt', language: 'zh', tags: ['policy'], date: '2023-12-31', size: 10 }),
  meta({ id: 'c', title: 'Gamma 10', type: 'txt', tags: ['news'], size: 20, importedAt: '2025-02-01T00:00:00.000Z' }),
  meta({ id: 'd', title: 'Gamma 9', type: 'docx', size: 20 }),
];
const ids = (list: { id: string }[]) => list.map((d) => d.id);

describe('filterDocuments', () => {
  it('returns everything without filters', () => {
    expect(ids(filterDocuments(docs, NO_FILTERS))).toEqual(['a', 'b', 'c', 'd']);
  });
  it('ORs values within a field and ANDs fields', () => {
    expect(ids(filterDocuments(docs, { ...NO_FILTERS, type: ['txt', 'pdf'] }))).toEqual(['a', 'b', 'c']);
    expect(ids(filterDocuments(docs, { ...NO_FILTERS, type: ['txt'], language: ['zh'] }))).toEqual(['b']);
  });
  it('matches a tag and the tags nested under it, not a mere prefix', () => {
    expect(ids(filterDocuments(docs, { ...NO_FILTERS, tags: ['policy'] }))).toEqual(['a', 'b']);
    expect(ids(filterDocuments(docs, { ...NO_FILTERS, tags: ['policy/national'] }))).toEqual(['a']);
    expect(ids(filterDocuments(docs, { ...NO_FILTERS, tags: ['pol'] }))).toEqual([]);
  });
  it('filters by collection and by date range, leaving undated documents out', () => {
    expect(ids(filterDocuments(docs, { ...NO_FILTERS, collections: ['c1'] }))).toEqual(['a']);
    expect(ids(filterDocuments(docs, { ...NO_FILTERS, dateFrom: '2024-01-01' }))).toEqual(['a']);
    expect(ids(filterDocuments(docs, { ...NO_FILTERS, dateTo: '2024-03' }))).toEqual(['a', 'b']);
  });
});

describe('search filters', () => {
  it('expands a tag to the known tags below it and omits empty fields', () => {
    expect(toSearchFilters(NO_FILTERS, [])).toBeUndefined();
    expect(toSearchFilters({ ...NO_FILTERS, tags: ['policy'], hasAnnotations: true }, ['policy', 'policy/national', 'policyx'])).toEqual({
      tags: ['policy', 'policy/national'],
      hasAnnotations: true,
    });
  });
  it('round-trips through a saved search', () => {
    const chips = { ...NO_FILTERS, type: ['pdf' as const], language: ['zh'], collections: ['c1'], dateFrom: '2024' };
    expect(fromSearchFilters(toSearchFilters(chips, []), DOC_TYPES)).toEqual(chips);
    expect(fromSearchFilters({ type: ['pdf', 'exe'] }, DOC_TYPES).type).toEqual(['pdf']);
  });
});

describe('facets and toggles', () => {
  it('counts values, most common first', () => {
    expect(facetValues(docs, (d) => d.type)).toEqual([
      { value: 'txt', count: 2 },
      { value: 'docx', count: 1 },
      { value: 'pdf', count: 1 },
    ]);
    expect(facetValues(docs, (d) => d.language).map((f) => f.value)).toEqual(['en', 'zh']);
  });
  it('toggles a value in a list', () => {
    expect(toggleValue(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggleValue(['a', 'b'], 'a')).toEqual(['b']);
  });
});

describe('sortDocuments', () => {
  it('sorts titles naturally and case-insensitively', () => {
    expect(ids(sortDocuments(docs, 'title', 'ascending'))).toEqual(['a', 'b', 'd', 'c']);
  });
  it('sorts by date with undated documents last in both directions', () => {
    expect(ids(sortDocuments(docs, 'date', 'ascending'))).toEqual(['b', 'a', 'd', 'c']);
    expect(ids(sortDocuments(docs, 'date', 'descending'))).toEqual(['a', 'b', 'd', 'c']);
  });
  it('breaks ties by title', () => {
    expect(ids(sortDocuments(docs, 'size', 'ascending'))).toEqual(['b', 'd', 'c', 'a']);
    expect(ids(sortDocuments(docs, 'importedAt', 'descending'))[0]).toBe('c');
  });
});
