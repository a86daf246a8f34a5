import type { ColorMeaning } from './annotation';
import type { Label } from './entity';

/** Archive-wide settings, kept in library.json so they travel with the archive. */
export interface Settings {
  colors: ColorMeaning[];
  /** the label set, in hotkey order (1–9 for the first nine); defaults to DEFAULT_LABELS */
  labels?: Label[];
}

/** A named group of documents (a document can be in several). */
export interface Collection {
  id: string;
  name: string;
}

export interface SearchFilters {
  type?: string[];
  tags?: string[];
  collections?: string[];
  /** documents mentioning any of these entities */
  entities?: string[];
  language?: string[];
  dateFrom?: string;
  dateTo?: string;
  hasAnnotations?: boolean;
}

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  filters?: SearchFilters;
}

export interface SearchHit {
  id: string;
  score: number;
  title: string;
  /** the text around the hits; highlights are [start, end) offsets into snippet.text */
  snippet?: { text: string; highlights: [number, number][] };
}

export interface SearchResult {
  total: number;
  /** true when total is an estimate (phrase checks stopped early) */
  approximate?: boolean;
  hits: SearchHit[];
}
