import search from 'approx-string-match';
import type { Candidate, ScoredCandidate } from './score';
import { splitsSurrogatePair } from './describe';
import { MIN_QUOTE_SIMILARITY, pickBest, rateCandidate } from './score';

/** Myers' algorithm costs O(maxErrors / 32) per text character: cap the budget (Hypothesis). */
export const MAX_ERRORS = 256;
/** Scoring a match costs two small searches; past this many, keep those nearest the hint. */
export const MAX_CANDIDATES = 200;
/**
 * Radii searched around the hint before the whole text. The smallest keeps a verbatim copy
 * elsewhere in a short document from hiding an edited quote at the hint; the larger ones
 * keep a 2 MB text from being scanned whole when the passage merely shifted.
 */
export const RADII = [256, 4 * 1024, 64 * 1024];

export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Expected start of the quote. */
  hint?: number;
}

export function maxErrorsFor(quote: string): number {
  return Math.min(MAX_ERRORS, Math.floor(quote.length / 2));
}

/** Whether any approximate match could reach MIN_QUOTE_SIMILARITY with at least one error. */
export function canMatchFuzzily(quote: string): boolean {
  return Math.floor(quote.length * (1 - MIN_QUOTE_SIMILARITY)) >= 1;
}

function searchRange(text: string, quote: string, maxErrors: number, from: number, to: number): Candidate[] {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  return search(slice, quote, maxErrors).map((m) => {
    // Matching works on code units, so an edited emoji can leave half a pair at an edge:
    // widen to whole code points so the new range is valid text.
    let start = m.start + from;
    let end = m.end + from;
    if (splitsSurrogatePair(text, start)) start -= 1;
    if (splitsSurrogatePair(text, end)) end += 1;
    return { start, end, errors: m.errors };
  });
}

function nearest(candidates: Candidate[], hint: number, limit: number): Candidate[] {
  if (candidates.length <= limit) return candidates;
  return [...candidates].sort((a, b) => Math.abs(a.start - hint) - Math.abs(b.start - hint)).slice(0, limit);
}

/**
 * The best approximate match for `quote`, scored like Hypothesis's `matchQuote` (quote
 * similarity, then prefix, suffix, nearness to the hint), or null when nothing is within the
 * error budget. `confident` on the result says whether it may be placed without asking.
 *
 * approx-string-match only returns the lowest-error matches of one search, so a far-away
 * match with one error fewer would hide the true, edited passage. Searching growing windows
 * around the hint first finds the local best, and stops as soon as it is confident.
 */
export function matchQuote(text: string, quote: string, context: QuoteContext = {}): ScoredCandidate | null {
  if (quote.length === 0 || text.length === 0) return null;
  const target = { quote, prefix: context.prefix ?? '', suffix: context.suffix ?? '' };
  const hint = Math.min(Math.max(0, context.hint ?? 0), text.length);
  const maxErrors = maxErrorsFor(quote);
  const seen = new Set<string>();
  const rated: ScoredCandidate[] = [];

  const consider = (from: number, to: number): ScoredCandidate | undefined => {
    const found = nearest(searchRange(text, quote, maxErrors, from, to), hint, MAX_CANDIDATES);
    for (const c of found) {
      const key = `${c.start}:${c.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rated.push(rateCandidate(text, c, target, hint));
    }
    return pickBest(rated);
  };

  for (const radius of RADII) {
    const from = Math.max(0, hint - radius);
    const to = Math.min(text.length, hint + quote.length + maxErrors + radius);
    if (from === 0 && to === text.length) break;
    const best = consider(from, to);
    if (best?.confident) return best;
  }
  return consider(0, text.length) ?? null;
}
