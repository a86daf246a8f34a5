import type { ColorMeaning } from './annotation';
import type { Label, RelationType } from './entity';
import type { InboxSettings, Rule } from './rules';

/** Archive-wide settings, kept in library.json so they travel with the archive. */
export interface Settings {
  colors: ColorMeaning[];
  /** the label set, in hotkey order (1–9 for the first nine); defaults to DEFAULT_LABELS */
  labels?: Label[];
  /** the relation types, stored with the label set; defaults to DEFAULT_RELATION_TYPES */
  relationTypes?: RelationType[];
  /** what one imported file may cost; DEFAULT_IMPORT_LIMITS where unset */
  importLimits?: ImportLimits;
  /** filing rules, applied in this order to every import */
  rules?: Rule[];
  /** the watched folder; absent or empty folder: none */
  inbox?: InboxSettings;
  /** documents in the trash longer than this many days are removed for good when the archive opens; unset: never */
  trashRetentionDays?: number;
  /** OCR on import; DEFAULT_OCR_SETTINGS where unset */
  ocr?: OcrSettings;
  /** working as a team (#18): `user` names the local user's layer (layers.ts); the team server sets it on sign-in */
  team?: TeamSettings;
}

export interface TeamSettings {
  /** the local user's name: the author of new annotations; unset: DEFAULT_USER, and new annotations carry no author */
  user?: string;
}

/** The choices Settings offers for emptying the trash by age (days); none means never. */
export const TRASH_RETENTION_RANGE = [1, 3650] as const;


export interface OcrSettings {
  /** auto: pages with no usable text are read by OCR on import; off: never on import (on demand only) */
  mode: 'auto' | 'off';
  /** tesseract languages, e.g. "chi_sim+eng": each must be installed (@tesseract.js-data/<code>) */
  languages: string;
}

export const DEFAULT_OCR_SETTINGS: OcrSettings = { mode: 'auto', languages: 'chi_sim+eng' };
/** "eng", "chi_sim", "chi_sim+eng": what a languages setting may look like */
export const OCR_LANGUAGES_PATTERN = /^[a-z]{3}(?:_[a-z]{3,4})?(?:\+[a-z]{3}(?:_[a-z]{3,4})?){0,5}$/;

export interface ImportLimits {
  /** larger files are refused before they are read */
  maxFileMb: number;
  /** a file still being read after this long is stopped and reported */
  timeoutSeconds: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxFileMb: 200, timeoutSeconds: 60 };
export const IMPORT_LIMIT_RANGE = { maxFileMb: [1, 4096], timeoutSeconds: [5, 3600] } as const;

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
