/**
 * Entity work: a label set with hotkeys, and an archive-wide registry of entities that
 * entity mentions (annotations of kind 'entity') link to.
 */

import type { RelationProblem } from '../relations/relation-check';

export interface Label {
  /** stable id, e.g. "PERSON"; mentions store it */
  id: string;
  /** shown to the user; renameable */
  name: string;
  /** CSS colour, e.g. #d97706 */
  color: string;
}

/** Defaults for institutional texts, in this order so that hotkeys 1–9 are predictable. */
export const DEFAULT_LABELS: Label[] = [
  { id: 'PERSON', name: 'Person', color: '#2563eb' },
  { id: 'ORG', name: 'Organisation', color: '#7c3aed' },
  { id: 'LOCATION', name: 'Location', color: '#059669' },
  { id: 'DATE', name: 'Date', color: '#d97706' },
  { id: 'MONEY', name: 'Money', color: '#65a30d' },
  { id: 'DRUG', name: 'Drug', color: '#db2777' },
  { id: 'DISEASE', name: 'Disease', color: '#dc2626' },
  { id: 'EVENT', name: 'Event', color: '#0891b2' },
  { id: 'POLICY', name: 'Policy', color: '#4b5563' },
  { id: 'PERCENT', name: 'Percentage', color: '#0d9488' },
];

/** A kind of relation between two entity mentions ("works for"), defined beside the label set. */
export interface RelationType {
  /** stable id, e.g. "WORKS_FOR"; relations store it */
  id: string;
  name: string;
  color: string;
  /** labels allowed at the first end (from) and at the second (to); empty: any label */
  fromLabels: string[];
  toLabels: string[];
  /** false: "A — B" reads the same both ways (brat: symmetric) */
  directed: boolean;
}

/** Defaults for institutional texts: people in organisations, organisations in places. */
export const DEFAULT_RELATION_TYPES: RelationType[] = [
  { id: 'WORKS_FOR', name: 'Works for', color: '#2563eb', fromLabels: ['PERSON'], toLabels: ['ORG'], directed: true },
  { id: 'PART_OF', name: 'Part of', color: '#7c3aed', fromLabels: ['ORG'], toLabels: ['ORG'], directed: true },
  { id: 'LOCATED_IN', name: 'Located in', color: '#059669', fromLabels: ['ORG', 'PERSON', 'EVENT'], toLabels: ['LOCATION'], directed: true },
  { id: 'RELATED_TO', name: 'Related to', color: '#4b5563', fromLabels: [], toLabels: [], directed: false },
];

export interface Entity {
  id: string;
  label: string;
  /** canonical name, e.g. "Chinese Academy of Sciences" */
  name: string;
  /** other names it goes by, e.g. "CAS" */
  aliases: string[];
  createdAt: string;
  updatedAt: string;
}

/** An entity with how often and where it is mentioned. */
export interface EntitySummary extends Entity {
  mentionCount: number;
  documentCount: number;
}

/** One mention of an entity, in context, for the entity page. */
export interface MentionInContext {
  docId: string;
  title: string;
  annotationId: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/** A relation one of an entity's mentions takes part in, for the entity page. */
export interface RelationInContext {
  docId: string;
  title: string;
  relationId: string;
  /** the relation type's id */
  type: string;
  /** whether this entity's mention is the from end or the to end */
  side: 'from' | 'to';
  quote: string;
  /** the other end */
  otherQuote: string;
  otherLabel: string;
  otherEntityId?: string;
  otherAnnotationId: string;
  /** set when an end no longer fits the type (relabelled) or changed in a new version: the relation is to be checked */
  problems?: RelationProblem[];
}

/** An untagged occurrence of a mention's text, offered by tag-all for confirmation. */
export interface Occurrence {
  docId: string;
  title: string;
  start: number;
  end: number;
  text: string;
  /** the words around it, the occurrence in [brackets] */
  context: string;
  /** how it was found: as written, possessive ("Guangzhou's": only "Guangzhou" is tagged) or inflected ("Institutes") */
  form?: 'exact' | 'possessive' | 'inflected';
  /** set when tag-all leaves it out, saying why (already tagged, inside a longer word, other case) */
  skip?: string;
}

export const SUGGESTION_SOURCES = ['registry', 'learned', 'rule', 'jieba', 'compromise'] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

/** A span the archive suggests tagging, and why. */
export interface Suggestion {
  start: number;
  end: number;
  label: string;
  text: string;
  /**
   * where it came from: the registry (a known name or alias), learned (a string the user
   * tagged elsewhere in the document), a rule (patterns, Chinese name rules), jieba's
   * part-of-speech tags, or compromise (English NER)
   */
  source: SuggestionSource;
  /** registry suggestions: accepting links the mention to this entity */
  entityId?: string;
}
