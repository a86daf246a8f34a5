import type { SearchFilters } from '../../../shared/model';
import type { DocumentAnalysis } from './analyze';

export type { SearchFilters, SearchHit, SearchResult } from '../../../shared/model';

/** What the search index takes in and gives back. */

export interface IndexedDocMeta {
  type: string;
  language?: string;
  /** ISO date (YYYY-MM-DD or longer); compared as a string */
  date?: string;
  tags?: string[];
  collections?: string[];
  /** ids of the entities the document mentions */
  entities?: string[];
  hasAnnotations?: boolean;
}

export interface IndexableDoc {
  id: string;
  title: string;
  text: string;
  /** tags, notes, comments: searched with the body */
  extra?: string;
  meta: IndexedDocMeta;
  /** `analyzeDocument(text)`, when already computed (e.g. in a worker); `text` is then not tokenised again */
  analysis?: DocumentAnalysis;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  filters?: SearchFilters;
  snippets?: boolean;
}

