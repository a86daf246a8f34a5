import { ApiError } from '../../../shared/api';
import type { Annotation, Occurrence } from '../../../shared/model';
import { isWordBoundary } from '../../../shared/text/words';
import type { EntityDeps } from './entity-service';

export type { Occurrence } from '../../../shared/model';

const CONTEXT = 40;
/** After a name: a possessive ('s, ’s, or a bare ' after s) tags the name alone. */
const POSSESSIVE = /^(?:['’]s|(?<=s)['’])(?![\p{L}\p{N}])/u;
/** After a name: a plural or verb ending makes an inflected form, tagged whole ("Institutes"). */
const INFLECTION = /^(?:es|s)(?![\p{L}\p{N}'’])/u;
const LONGER_WORD = /^[\p{L}\p{N}\p{M}_'’-]+/u;
const LATIN = /[\p{Script=Latin}]/u;

/**
 * Occurrences of a mention's text, in its document or across the archive, that tag-all
 * would tag: as written, possessive ("Guangzhou's" tags "Guangzhou") or inflected
 * ("Institutes"); and those it leaves out, each with why (already tagged, inside a longer
 * word, other case), so the preview shows what it skips. The mention itself is not listed.
 */
export async function findAll(deps: EntityDeps, docId: string, annotationId: string, scope: 'document' | 'archive', caseSensitive: boolean): Promise<Occurrence[]> {
  const mention = (await deps.annotations.list(docId)).find((a) => a.id === annotationId);
  if (!mention || mention.kind !== 'entity') throw new ApiError('not_found', `No entity mention ${annotationId} in this document.`);
  const needle = mention.target.quote.trim();
  const out: Occurrence[] = [];
  for (const id of scope === 'document' ? [docId] : deps.docIds()) {
    const text = await deps.readText(id);
    const hay = text.toLowerCase();
    const pat = needle.toLowerCase();
    // toLowerCase can change lengths (e.g. "İ"): then search as written.
    const aligned = hay.length === text.length && pat.length === needle.length;
    const [h, p] = aligned ? [hay, pat] : [text, needle];
    let tagged: Annotation[] | null = null;
    for (let at = h.indexOf(p); at !== -1; at = h.indexOf(p, at + 1)) {
      tagged ??= (await deps.annotations.list(id)).filter((a) => a.kind === 'entity' && !a.orphan);
      const found = classify(text, at, at + needle.length, needle, caseSensitive);
      if (!found) continue;
      if (id === docId && at === mention.target.start) continue;
      const clash = tagged.find((t) => found.start < t.target.end && t.target.start < found.end);
      const skip = found.skip ?? (clash ? `already tagged as ${clash.label} (“${clash.target.quote}”)` : undefined);
      const shown = text.slice(found.start, found.end);
      const context = `${text.slice(Math.max(0, found.start - CONTEXT), found.start)}[${shown}]${text.slice(found.end, found.end + CONTEXT)}`.replace(/\s+/g, ' ');
      out.push({ docId: id, title: deps.title(id), start: found.start, end: found.end, text: shown, context, form: found.form, ...(skip ? { skip } : {}) });
    }
  }
  return out;
}

/** What an occurrence of the needle at [start, end) is: a form to tag (and its span), a skip with its reason, or nothing. */
function classify(text: string, start: number, end: number, needle: string, caseSensitive: boolean): { start: number; end: number; form: Occurrence['form']; skip?: string } | null {
  // A Latin match that starts inside a word is no occurrence ("cas" in "because"); in Chinese
  // the segmenter may put a word boundary elsewhere: listed as skipped, for the user to see.
  if (!isWordBoundary(text, start)) return LATIN.test(needle) ? null : { start, end, form: 'exact', skip: `inside the longer word “${wordAround(text, start, end)}”` };
  const written = text.slice(start, end);
  const otherCase = caseSensitive && written !== needle ? `written “${written}” (match case is on)` : undefined;
  if (isWordBoundary(text, end)) return { start, end, form: 'exact', ...(otherCase ? { skip: otherCase } : {}) };
  const rest = text.slice(end, end + 40);
  if (LATIN.test(needle) && POSSESSIVE.test(rest)) return { start, end, form: 'possessive', ...(otherCase ? { skip: otherCase } : {}) };
  const inflection = LATIN.test(needle) ? INFLECTION.exec(rest) : null;
  if (inflection) return { start, end: end + inflection[0].length, form: 'inflected', ...(otherCase ? { skip: otherCase } : {}) };
  return { start, end, form: 'exact', skip: `inside the longer word “${wordAround(text, start, end)}”` };
}

function wordAround(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && LONGER_WORD.test(text[s - 1]!)) s--;
  const tail = LONGER_WORD.exec(text.slice(end))?.[0] ?? '';
  return text.slice(s, end) + tail;
}
