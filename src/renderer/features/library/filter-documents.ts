import type { Input } from '../../../shared/api/contract';
import type { DocType, ListedDocument, SearchFilters } from '../../../shared/model';

/** The filters as the contract's search.query and searches.save take them. */
export type QueryFilters = NonNullable<Input<'search.query'>['filters']>;

/** The chips over the library and the search results: the same filters apply to both. */
export interface LibraryFilters {
  type: DocType[];
  language: string[];
  /** a tag also matches its descendants: "policy" matches "policy/national" */
  tags: string[];
  collections: string[];
  /** only known to the search index: applies to search results */
  hasAnnotations: boolean;
  /** documents mentioning any of these entities (ids from the registry) */
  entities: string[];
  dateFrom?: string;
  dateTo?: string;
}

export const NO_FILTERS: LibraryFilters = { type: [], language: [], tags: [], collections: [], hasAnnotations: false, entities: [] };

export const tagMatches = (wanted: string, tag: string): boolean => tag === wanted || tag.startsWith(`${wanted}/`);

export function hasActiveFilters(f: LibraryFilters): boolean {
  return Boolean(f.type.length || f.language.length || f.tags.length || f.collections.length || f.entities.length || f.hasAnnotations || f.dateFrom || f.dateTo);
}

/**
 * Within a field any chosen value passes; fields are ANDed (as the core's search filters).
 * Which documents mention an entity only the registry knows: `entityDocs` answers that.
 */
export function filterDocuments<T extends ListedDocument>(docs: readonly T[], f: LibraryFilters, entityDocs: (entityId: string) => readonly string[] = () => []): T[] {
  if (!hasActiveFilters(f)) return docs as T[];
  const mentioning = f.entities.length ? new Set(f.entities.flatMap(entityDocs)) : null;
  return docs.filter((doc) => {
    if (mentioning && !mentioning.has(doc.id)) return false;
    if (f.type.length && !f.type.includes(doc.type)) return false;
    if (f.language.length && !(doc.language && f.language.includes(doc.language))) return false;
    if (f.tags.length && !f.tags.some((wanted) => (doc.tags ?? []).some((tag) => tagMatches(wanted, tag)))) return false;
    if (f.collections.length && !f.collections.some((c) => doc.collections?.includes(c))) return false;
    if (f.hasAnnotations && doc.hasAnnotations !== true) return false;
    if (f.dateFrom || f.dateTo) {
      if (!doc.date) return false;
      if (f.dateFrom && doc.date < f.dateFrom) return false;
      if (f.dateTo && doc.date.slice(0, f.dateTo.length) > f.dateTo) return false;
    }
    return true;
  });
}

/**
 * The filters as search.query takes them. The core matches tags exactly, so a chosen tag is
 * expanded to itself and every known tag under it.
 */
export function toSearchFilters(f: LibraryFilters, knownTags: readonly string[]): QueryFilters | undefined {
  const out: QueryFilters = {};
  if (f.type.length) out.type = [...f.type];
  if (f.language.length) out.language = [...f.language];
  if (f.tags.length) out.tags = [...new Set([...f.tags, ...knownTags.filter((t) => f.tags.some((w) => tagMatches(w, t)))])].slice(0, 50);
  if (f.collections.length) out.collections = [...f.collections];
  if (f.entities.length) out.entities = [...f.entities];
  if (f.hasAnnotations) out.hasAnnotations = true;
  if (f.dateFrom) out.dateFrom = f.dateFrom;
  if (f.dateTo) out.dateTo = f.dateTo;
  return Object.keys(out).length ? out : undefined;
}

/** A saved search's filters back as chips (unknown types are dropped). */
export function fromSearchFilters(s: SearchFilters | undefined, types: readonly DocType[]): LibraryFilters {
  return {
    type: (s?.type ?? []).filter((t): t is DocType => (types as readonly string[]).includes(t)),
    language: [...(s?.language ?? [])],
    tags: [...(s?.tags ?? [])],
    collections: [...(s?.collections ?? [])],
    entities: [...(s?.entities ?? [])],
    hasAnnotations: s?.hasAnnotations === true,
    ...(s?.dateFrom ? { dateFrom: s.dateFrom } : {}),
    ...(s?.dateTo ? { dateTo: s.dateTo } : {}),
  };
}

/** The values present in the library, for the chips (most common first). */
export function facetValues<T extends ListedDocument>(docs: readonly T[], pick: (doc: T) => string | undefined): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const doc of docs) {
    const value = pick(doc);
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

export function toggleValue<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}
