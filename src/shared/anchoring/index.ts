/** Anchoring annotations to document text: describe a range, re-anchor it in a new version. */
export type { AnchorOptions, AnchorResult, AnchorSpan, TextTarget } from './types';
export { describeRange, DEFAULT_CONTEXT_LENGTH } from './describe';
export { anchor, anchorAll } from './anchor';
export { matchQuote } from './match-quote';
export type { QuoteContext } from './match-quote';
export type { Scores, ScoredCandidate } from './score';
export {
  isConfident,
  LONG_QUOTE,
  LONG_QUOTE_SIMILARITY,
  MIN_BEST_SIDE,
  MIN_QUOTE_SIMILARITY,
  MIN_SCORE,
} from './score';
