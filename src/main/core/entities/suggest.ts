import type { Annotation, Entity, Suggestion } from '../../../shared/model';
import { findDocumentDates } from '../../../shared/text/dates';
import { findOccurrences, foldName, snapToWords } from '../../../shared/text/words';

export type { Suggestion } from '../../../shared/model';

/** Named-entity recognition reads at most this much of a document (compromise: ~30 ms per 1,000 words). */
export const NER_MAX_CHARS = 200_000;

// Amounts with a currency: "12 million yuan", "RMB 3.5 billion", "$2,000", "1.2亿元", "500万元".
const MONEY = /(?:(?:US)?\$|€|£|¥|RMB|CNY|USD|EUR)\s?\d[\d,.]*(?:\s?(?:thousand|million|billion|trillion))?|\d[\d,.]*(?:\s?(?:thousand|million|billion|trillion))?\s?(?:yuan|dollars|euros|pounds|RMB)|\d[\d,.]*\s?(?:万|亿)?元/gi;

/** What the archive already knows: every name and alias of the registry, found as whole words. */
export function registrySuggestions(text: string, entities: readonly Entity[]): Suggestion[] {
  const out: Suggestion[] = [];
  for (const entity of entities) {
    for (const name of new Set([entity.name, ...entity.aliases])) {
      if (name.trim().length < 2) continue;
      for (const r of findOccurrences(text, name, { caseSensitive: name.length <= 4 })) {
        out.push({ ...r, label: entity.label, text: text.slice(r.start, r.end), source: 'registry', entityId: entity.id });
      }
    }
  }
  return out;
}

/** Offline NER for English (compromise), plus money amounts and dates in English and Chinese. */
export async function nerSuggestions(text: string, labels: ReadonlySet<string>): Promise<Suggestion[]> {
  // compromise costs ~0.2 s to load: only when someone asks for suggestions.
  const { default: nlp } = await import('compromise');
  const sample = text.slice(0, NER_MAX_CHARS);
  const out: Suggestion[] = [];
  const push = (start: number, end: number, label: string) => {
    if (!labels.has(label)) return;
    const snapped = snapToWords(sample, start, end);
    const phrase = sample.slice(snapped.start, snapped.end);
    if (phrase.length >= 2) out.push({ ...snapped, label, text: phrase, source: 'ner' });
  };
  const doc = nlp(sample);
  const groups: [string, { json: (o: object) => unknown }][] = [
    ['PERSON', doc.people()],
    ['ORG', doc.organizations()],
    ['LOCATION', doc.places()],
  ];
  for (const [label, view] of groups) {
    for (const match of view.json({ offset: true }) as { offset?: { start: number; length: number } }[]) {
      if (match.offset) push(match.offset.start, match.offset.start + match.offset.length, label);
    }
  }
  for (const m of sample.matchAll(MONEY)) push(m.index, m.index + m[0].length, 'MONEY');
  for (const d of findDocumentDates(sample)) push(d.start, d.end, 'DATE');
  return out;
}

/**
 * Suggestions for a document: registry first (they link to a known entity), then NER;
 * never over an existing mention, never one the user rejected, one per span.
 */
export async function suggest(
  text: string,
  annotations: readonly Annotation[],
  entities: readonly Entity[],
  labels: readonly string[],
  rejected: readonly string[],
): Promise<Suggestion[]> {
  const refused = new Set(rejected);
  const taken = annotations.filter((a) => a.kind === 'entity').map((a) => a.target);
  const chosen: Suggestion[] = [];
  const overlaps = (s: { start: number; end: number }, spans: readonly { start: number; end: number }[]) => spans.some((t) => s.start < t.end && t.start < s.end);
  for (const s of [...registrySuggestions(text, entities), ...(await nerSuggestions(text, new Set(labels)))]) {
    if (refused.has(rejectionKey(s.label, s.text))) continue;
    if (overlaps(s, taken) || overlaps(s, chosen)) continue;
    chosen.push(s);
  }
  return chosen.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Rejections are remembered by label and name, so the same name is not offered again in the document. */
export const rejectionKey = (label: string, text: string) => `${label}|${foldName(text)}`;
