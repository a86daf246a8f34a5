import type { ImportOutcome } from './document';

/** What a rule reads: the document's text, its title, or the name of the file it came from. */
export const RULE_FIELDS = ['text', 'title', 'filename'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/**
 * How a rule matches: any of its words, all of them, the exact phrase, a regular
 * expression (RE2 syntax, linear time), or a fuzzy (approximate) occurrence of the pattern.
 */
export const RULE_MODES = ['any', 'all', 'phrase', 'regex', 'fuzzy'] as const;
export type RuleMode = (typeof RULE_MODES)[number];

/** the longest pattern a rule may have */
export const MAX_PATTERN = 500;

/** A filing rule: documents that match get its tags, collections (by name) and date. */
export interface Rule {
  id: string;
  name: string;
  field: RuleField;
  mode: RuleMode;
  pattern: string;
  tags: string[];
  /** collection names; a missing collection is created when the rule first files a document */
  collections: string[];
  /** YYYY-MM-DD, set as the document's date */
  date?: string;
  /** false: kept but not applied */
  enabled: boolean;
}

/** What happens to a file in the inbox once it is in the archive (failures always stay). */
export const INBOX_AFTER = ['move', 'leave'] as const;
export type InboxAfter = (typeof INBOX_AFTER)[number];

export interface InboxSettings {
  /** an absolute folder path; empty: no inbox */
  folder: string;
  /** 'move': into the inbox's `done` subfolder; 'leave': where it is (remembered, never imported twice) */
  after: InboxAfter;
}

export type InboxState = 'off' | 'watching' | 'missing' | 'error';

/** One file the inbox handled, newest first in InboxStatus.recent. */
export interface InboxEvent {
  at: string;
  file: string;
  status: ImportOutcome['status'];
  docId?: string;
  title?: string;
  reason?: string;
  /** the names of the rules that filed it */
  rules?: string[];
}

export interface InboxStatus {
  state: InboxState;
  folder: string;
  /** why the state is 'missing' or 'error' */
  message?: string;
  recent: InboxEvent[];
}

/** What running the rules over the library would change in one document. */
export interface RulePreviewEntry {
  docId: string;
  title: string;
  rules: string[];
  addTags: string[];
  addCollections: string[];
  date?: string;
}
