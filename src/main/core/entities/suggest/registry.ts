import type { Annotation, Entity } from '../../../../shared/model';
import { AhoCorasick } from '../../../../shared/text/aho-corasick';
import { isWordBoundary } from '../../../../shared/text/words';
import type { Candidate } from './types';

/**
 * Names the archive already knows, found in one pass with a multi-pattern matcher:
 * every entity's name and aliases (source 'registry'), and the text of every mention the
 * user accepted in this document (source 'learned': "the same string again").
 * Latin names must stand as whole words; Chinese names need no boundaries.
 */

const LATIN_EDGE = /[\p{Script=Latin}\p{N}]/u;
interface Pattern {
  label: string;
  entityId?: string;
  source: Candidate['source'];
  caseSensitive: boolean;
  name: string;
}

/** Lower-casing that keeps every UTF-16 length (so offsets found in the folded text hold). */
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

export function knownNames(text: string, entities: readonly Entity[], annotations: readonly Annotation[]): Candidate[] {
  const matcher = new AhoCorasick<Pattern>();
  const seen = new Set<string>();
  const add = (name: string, p: Omit<Pattern, 'caseSensitive' | 'name'>) => {
    const trimmed = name.trim();
    if ([...trimmed].length < 2) return;
    // Short Latin names (IT, CAS) only as written: in lower case they are common words.
    const caseSensitive = trimmed.length <= 4 && /[A-Za-z]/.test(trimmed);
    const key = `${p.source}|${p.label}|${caseSensitive ? trimmed : fold(trimmed)}`;
    if (seen.has(key)) return;
    seen.add(key);
    matcher.add(fold(trimmed), { ...p, caseSensitive, name: trimmed });
  };
  for (const e of entities) for (const name of [e.name, ...e.aliases]) add(name, { label: e.label, entityId: e.id, source: 'registry' });
  for (const a of annotations) {
    if (a.kind === 'entity' && a.label && !a.orphan) add(a.target.quote, { label: a.label, entityId: a.entityId, source: 'learned' });
  }
  const folded = fold(text);
  const out: Candidate[] = [];
  for (const hit of matcher.search(folded)) {
    const p = hit.value;
    if (p.caseSensitive && text.slice(hit.start, hit.end) !== p.name) continue;
    const latinStart = LATIN_EDGE.test(text[hit.start]!);
    const latinEnd = LATIN_EDGE.test(text[hit.end - 1]!);
    if ((latinStart && !isWordBoundary(text, hit.start)) || (latinEnd && !isWordBoundary(text, hit.end))) continue;
    out.push({ start: hit.start, end: hit.end, label: p.label, source: p.source, ...(p.entityId ? { entityId: p.entityId } : {}) });
  }
  // Registry before learned; the longest name first where they overlap.
  return out.sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start);
}

const rank = (c: Candidate) => (c.source === 'registry' ? 0 : 1);
