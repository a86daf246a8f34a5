import type { ScoredCandidate } from './score';
import type { AnchorOptions, AnchorResult, AnchorSpan, TextTarget } from './types';
import { canMatchFuzzily, matchQuote, MAX_CANDIDATES } from './match-quote';
import { pickBest, rateCandidate } from './score';

/** The quote sits at `at` with its stored prefix and suffix intact around it. */
function agreesAt(text: string, at: number, target: TextTarget): boolean {
  const { quote, prefix, suffix } = target;
  return (
    at - prefix.length >= 0 &&
    text.startsWith(quote, at) &&
    text.startsWith(prefix, at - prefix.length) &&
    text.startsWith(suffix, at + quote.length)
  );
}

/** Code units of context that agree right next to the quote: a cheap pre-filter. */
function adjacentAgreement(text: string, start: number, end: number, target: TextTarget): number {
  const { prefix, suffix } = target;
  let n = 0;
  while (n < prefix.length && start - n > 0 && text[start - n - 1] === prefix[prefix.length - n - 1]) n++;
  let m = 0;
  while (m < suffix.length && end + m < text.length && text[end + m] === suffix[m]) m++;
  return n + m;
}

/** Every verbatim occurrence, overlapping ones included ("aa" twice in "aaa"). */
function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) found.push(i);
  return found;
}

/** Scores every verbatim occurrence; common quotes are first cut down by adjacent agreement. */
function bestVerbatim(text: string, target: TextTarget, hint: number): ScoredCandidate | undefined {
  const length = target.quote.length;
  let starts = occurrences(text, target.quote);
  if (starts.length > MAX_CANDIDATES) {
    const keyed = starts.map((s) => ({ s, agree: adjacentAgreement(text, s, s + length, target) }));
    keyed.sort((a, b) => b.agree - a.agree || Math.abs(a.s - hint) - Math.abs(b.s - hint));
    starts = keyed.slice(0, MAX_CANDIDATES).map((k) => k.s);
  }
  const rated = starts.map((s) => rateCandidate(text, { start: s, end: s + length, errors: 0 }, target, hint));
  return pickBest(rated);
}

function span(c: ScoredCandidate): AnchorSpan {
  return { start: c.start, end: c.end, score: c.scores.total };
}

function placed(c: ScoredCandidate, target: TextTarget): AnchorResult {
  const status = c.scores.quote < 1 ? 'fuzzy' : c.start === target.start ? 'exact' : 'moved';
  return { status, ...span(c) };
}

function describeWeakness(c: ScoredCandidate): string {
  const f = (n: number) => n.toFixed(2);
  const s = c.scores;
  return `no confident match (best: quote ${f(s.quote)}, prefix ${f(s.prefix)}, suffix ${f(s.suffix)})`;
}

/**
 * Re-anchor one target in `text`, trying selectors from cheapest and surest to loosest:
 * 1. the quote at its old offsets with its context intact → exact;
 * 2. the quote verbatim elsewhere (or at the old offsets with changed context), the
 *    occurrence chosen by context, then nearness to the hint → moved (exact if unmoved);
 * 3. an approximate match (match-quote) → fuzzy.
 * Whatever is not confident (see isConfident in score.ts) becomes an orphan, with the best
 * candidate kept so the user can place it.
 */
export function anchor(text: string, target: TextTarget, options: AnchorOptions = {}): AnchorResult {
  if (target.quote.length === 0) return { status: 'orphan', reason: 'empty quote' };
  const hint = Math.min(Math.max(0, options.hint ?? target.start), text.length);
  const end = (at: number) => at + target.quote.length;

  if (agreesAt(text, target.start, target)) {
    return { status: 'exact', start: target.start, end: end(target.start), score: 1 };
  }
  // anchorAll's shifted hint is usually right: when it is, nothing else can score higher.
  if (hint !== target.start && agreesAt(text, hint, target)) {
    return placed(rateCandidate(text, { start: hint, end: end(hint), errors: 0 }, target, hint), target);
  }

  const verbatim = bestVerbatim(text, target, hint);
  if (verbatim?.confident) return placed(verbatim, target);

  const fuzzy = canMatchFuzzily(target.quote)
    ? matchQuote(text, target.quote, { prefix: target.prefix, suffix: target.suffix, hint })
    : null;
  if (fuzzy?.confident) return placed(fuzzy, target);

  const best = pickBest([verbatim, fuzzy].filter((c): c is ScoredCandidate => c != null));
  if (!best) return { status: 'orphan', reason: 'quote not found in the new text' };
  return { status: 'orphan', reason: describeWeakness(best), best: span(best) };
}

/**
 * Re-anchor many targets in one text; results in input order. Edits shift everything after
 * them by the same amount, so each target's hint is its old start moved by the displacement
 * of the previous target placed (in document order): most then pass the cheap check above.
 */
export function anchorAll(text: string, targets: readonly TextTarget[]): AnchorResult[] {
  const order = targets.map((_, i) => i).sort((a, b) => targets[a]!.start - targets[b]!.start);
  const results = new Array<AnchorResult>(targets.length);
  let shift = 0;
  for (const i of order) {
    const target = targets[i]!;
    const result = anchor(text, target, { hint: target.start + shift });
    if (result.status !== 'orphan') shift = result.start - target.start;
    results[i] = result;
  }
  return results;
}
