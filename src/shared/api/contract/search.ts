/** The contract's methods on search: queries, hits within a document, and saved searches. */
import { z } from 'zod';
import { DOC_TYPES, type SavedSearch, type SearchResult } from '../../model';
import { docId, name, returns, shortId, tag, type ContractPart } from './fields';

const searchFilters = z
  .object({
    type: z.array(z.enum(DOC_TYPES)).max(10).optional(),
    tags: z.array(tag).max(50).optional(),
    collections: z.array(shortId).max(50).optional(),
    entities: z.array(shortId).max(50).optional(),
    language: z.array(z.string().max(20)).max(20).optional(),
    dateFrom: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
    dateTo: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
    hasAnnotations: z.boolean().optional(),
  })
  .strict();

export const searchMethods = {
  'search.query': {
    input: z
      .object({
        query: z.string().max(1000),
        filters: searchFilters.optional(),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).max(100_000).default(0),
      })
      .strict(),
    output: returns<SearchResult>(),
  },
  /** Every hit of a query in one document, for next/previous in the reader. */
  'search.hits': {
    input: z.object({ docId: docId, query: z.string().max(1000) }).strict(),
    output: returns<[number, number][]>(),
  },
  'searches.list': {
    input: z.object({}).strict(),
    output: returns<SavedSearch[]>(),
  },
  'searches.save': {
    input: z.object({ name: name, query: z.string().max(1000), filters: searchFilters.optional() }).strict(),
    output: returns<SavedSearch>(),
  },
  'searches.delete': {
    input: z.object({ id: shortId }).strict(),
    output: returns<void>(),
  },
} as const satisfies ContractPart;
