import search from 'approx-string-match';

/**
 * Hypothesis's weights (client `match-quote.ts`): the quote counts most, each side of
 * context less, position only breaks near-ties.
 */
export const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const CONTENT_SUM = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix;
const WEIGHT_SUM = CONTENT_SUM + WEIGHTS.position;

/**
 * Similarity given to an empty stored context that no longer sits at the text's edge: it is
 * neither evidence for nor against the candidate.
 */
export const NO_CONTEXT = 0.5;

/** The weighted score without position, 0..1: what acceptance and ranking use. */
export function contentScore(s: Scores): number {
  return (WEIGHTS.quote * s.quote + WEIGHTS.prefix * s.prefix + WEIGHTS.suffix * s.suffix) / CONTENT_SUM;
}

export interface Scores {
  quote: number;
  prefix: number;
  suffix: number;
  position: number;
  /** Weighted mean of the four, 0..1: the score reported to callers (Hypothesis's). */
  total: number;
}

/**
 * 1 - (edit distance of the best approximate occurrence of `pattern` in `text`) / pattern
 * length: how much of the pattern survives in this window.
 */
export function textSimilarity(text: string, pattern: string): number {
  if (pattern.length === 0) return 1;
  if (text.length === 0) return 0;
  if (text.includes(pattern)) return 1;
  const [best] = search(text, pattern, pattern.length);
  return best ? 1 - best.errors / pattern.length : 0;
}

/** How well the text before `start` agrees with the stored prefix. */
export function prefixSimilarity(text: string, start: number, prefix: string): number {
  if (prefix === '') return start === 0 ? 1 : NO_CONTEXT;
  return textSimilarity(text.slice(Math.max(0, start - prefix.length), start), prefix);
}

/** How well the text after `end` agrees with the stored suffix. */
export function suffixSimilarity(text: string, end: number, suffix: string): number {
  if (suffix === '') return end === text.length ? 1 : NO_CONTEXT;
  return textSimilarity(text.slice(end, end + suffix.length), suffix);
}

export interface Candidate {
  start: number;
  end: number;
  /** Edit distance between the quote and text.slice(start, end). */
  errors: number;
}

/** Quote similarity below which a candidate is never accepted, whatever its context. */
export const MIN_QUOTE_SIMILARITY = 0.75;
/**
 * Weighted quote-and-context score a short candidate needs. Position is left out: a passage
 * moved from the end of the document to its start is as good a match as one moved nearby.
 */
export const MIN_SCORE = 0.75;
/**
 * At least one side of the context must agree this well. Unrelated 32-unit windows of English
 * prose score about 0.28 (median), 0.47 (99th percentile), rarely above 0.65; Chinese lower.
 */
export const MIN_BEST_SIDE = 0.75;
/** A verbatim-or-nearly passage this long identifies itself; context may be all new. */
export const LONG_QUOTE = 64;
export const LONG_QUOTE_SIMILARITY = 0.9;

/**
 * Whether a candidate may be placed without asking the user. Short quotes recur ("the
 * Council", 研究院), so context must vouch for them; a fuzzy quote needs more context than a
 * verbatim one because the weighted score trades one for the other.
 */
export function isConfident(scores: Scores, quoteLength: number): boolean {
  if (scores.quote < MIN_QUOTE_SIMILARITY) return false;
  if (quoteLength >= LONG_QUOTE && scores.quote >= LONG_QUOTE_SIMILARITY) return true;
  return contentScore(scores) >= MIN_SCORE && Math.max(scores.prefix, scores.suffix) >= MIN_BEST_SIDE;
}

export interface ScoredCandidate {
  start: number;
  end: number;
  scores: Scores;
  confident: boolean;
  /** Distance from the position hint, to break ties. */
  distance: number;
}


/**
 * Order candidates best first: confident ones, then by quote and context, then nearest to
 * the hint. Position is a tie-breaker only, so context always decides between repeated
 * quotes when it can.
 */
export function compareCandidates(a: ScoredCandidate, b: ScoredCandidate): number {
  if (a.confident !== b.confident) return a.confident ? -1 : 1;
  const byContent = contentScore(b.scores) - contentScore(a.scores);
  if (Math.abs(byContent) > 1e-9) return byContent;
  return a.distance - b.distance;
}

/** The best candidate, or undefined for none. */
export function pickBest(candidates: readonly ScoredCandidate[]): ScoredCandidate | undefined {
  let best: ScoredCandidate | undefined;
  for (const c of candidates) if (!best || compareCandidates(c, best) < 0) best = c;
  return best;
}

export function scoreCandidate(
  text: string,
  candidate: Candidate,
  target: { quote: string; prefix: string; suffix: string },
  hint: number,
): Scores {
  const quote = 1 - candidate.errors / target.quote.length;
  const prefix = prefixSimilarity(text, candidate.start, target.prefix);
  const suffix = suffixSimilarity(text, candidate.end, target.suffix);
  const position = 1 - Math.min(1, Math.abs(candidate.start - hint) / Math.max(1, text.length));
  const total =
    (WEIGHTS.quote * quote + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix + WEIGHTS.position * position) /
    WEIGHT_SUM;
  return { quote, prefix, suffix, position, total };
}

/** Score a raw match and decide whether it is confident. */
export function rateCandidate(
  text: string,
  candidate: Candidate,
  target: { quote: string; prefix: string; suffix: string },
  hint: number,
): ScoredCandidate {
  const scores = scoreCandidate(text, candidate, target, hint);
  return {
    start: candidate.start,
    end: candidate.end,
    scores,
    confident: isConfident(scores, target.quote.length),
    distance: Math.abs(candidate.start - hint),
  };
}
