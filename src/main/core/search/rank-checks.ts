/**
 * A search's page of candidates that pass their checks (phrases, exclusions), taken in
 * rank order, and the terms whose positions those checks and the snippet windows read.
 */
import { lookupTerms, type ParsedQuery } from '../../../shared/search/query';
import { allCandidates, bestIndices, byRank, topByRank, type Candidate, type CandidateChecker, type Candidates } from './execute';
import type { InvertedIndex } from './postings';
import { RankOrder } from './rank-order';
import { SNIPPET_PREFIX_TERMS } from './snippet-window';

/** Candidates checked, in rank order, before the total of a larger set is estimated. */
const MIN_CHECKED = 1000;

export interface Checked {
  kept: Candidate[];
  total: number;
  approximate: boolean;
}

/**
 * The first `wanted` candidates that pass their checks, in rank order, and how many pass.
 * Up to CHECK_ALL candidates, `findCandidates` has run every check already, on the
 * positions in memory and in document order (the matchers gallop through the
 * postings), and the total is exact. Beyond that (a phrase of stop words in a large
 * archive) they are checked here in rank order until the page is full and MIN_CHECKED
 * were checked, and the rest are counted at the pass rate seen so far.
 */
export function checkInRankOrder(index: InvertedIndex, found: Candidates, checker: CandidateChecker, wanted: number): Checked {
  if (found.pending.length === 0 && found.verify.length === 0) return { kept: topByRank(index, found, wanted), total: found.count, approximate: false };
  if (found.pending.length === 0) return checkShared(index, found, checker, wanted);
  const candidates = allCandidates(found);
  const needs = (c: Candidate) => c.verify.length > 0 || c.excludeIf.length > 0;
  const toCheck = found.pending.length;
  const kept: Candidate[] = [];
  const order = new RankOrder(candidates, byRank(index));
  let passing = 0;
  let checked = 0;
  let passed = 0;
  while (order.remaining && (kept.length < wanted || checked < MIN_CHECKED)) {
    const c = order.next()!;
    if (needs(c)) {
      checked++;
      if (!checker.passes(c)) continue;
      passed++;
    }
    passing++;
    if (kept.length < wanted) kept.push(c);
  }
  const unchecked = toCheck - checked;
  const total = passing + (order.remaining - unchecked) + Math.round((unchecked * passed) / checked);
  return { kept, total, approximate: unchecked > 0 };
}

/**
 * `checkInRankOrder` when every candidate needs the same checks (`found.verify`): no object
 * per candidate (a phrase of common words has tens of thousands at 100,000 documents), and
 * no order over all of them: the best MIN_CHECKED are picked (`bestIndices`, one pass that
 * turns most away with one comparison) and checked; while the page is still short, the next
 * best after them, and so on. The same candidates are checked, and counted in the same rank
 * order, as a heap of all of them gave, at a fraction of its cost.
 *
 * A batch is checked in document order, not rank order (`passesInBatch`): the matchers then
 * gallop forward through each term's postings instead of searching them afresh per candidate.
 * Checks have no effect but their answer, so only the order they are counted in matters; the
 * first batch is always checked whole (MIN_CHECKED of it are counted however many pass), and
 * later ones are sized by the pass rate so far, so that few are checked past the page.
 */
function checkShared(index: InvertedIndex, found: Candidates, checker: CandidateChecker, wanted: number): Checked {
  const kept: Candidate[] = [];
  let size = Math.max(MIN_CHECKED, wanted);
  let checked = 0;
  let passed = 0;
  let last = -1;
  while (checked < found.count && (kept.length < wanted || checked < MIN_CHECKED)) {
    const batch = bestIndices(index, found, size, last);
    const passes = passesInBatch(found, batch, checker);
    for (let b = 0; b < batch.length && (kept.length < wanted || checked < MIN_CHECKED); b++) {
      const i = batch[b]!;
      last = i;
      checked++;
      if (!passes[b]) continue;
      passed++;
      if (kept.length < wanted) kept.push({ num: found.nums[i]!, score: found.scores[i]!, verify: [], excludeIf: [] });
    }
    // The next batch: what the page still lacks at the pass rate seen so far, with room to spare.
    const rate = Math.max(passed, 1) / checked;
    size = Math.min(size, Math.max(LATER_BATCH, Math.ceil((2 * (wanted - kept.length)) / rate)));
  }
  const unchecked = found.count - checked;
  return { kept, total: passed + (checked ? Math.round((unchecked * passed) / checked) : 0), approximate: unchecked > 0 };
}

/** The smallest batch checked after the first. */
const LATER_BATCH = 64;

/** Whether each candidate of `batch` (indices into `found`) passes `found.verify`, checked in document order. */
function passesInBatch(found: Candidates, batch: Int32Array, checker: CandidateChecker): Uint8Array {
  const n = batch.length;
  // Document number and place in the batch in one number, sorted without a comparator.
  const keys = new Float64Array(n);
  for (let b = 0; b < n; b++) keys[b] = found.nums[batch[b]!]! * n + b;
  keys.sort();
  const passes = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const b = keys[k]! % n;
    passes[b] = checker.confirms(found.nums[batch[b]!]!, found.verify) ? 1 : 0;
  }
  return passes;
}

/** The terms whose positions the checks of `query` may read: those of clauses the postings do not prove. */
export function checkedTerms(checker: CandidateChecker, query: ParsedQuery): number[] {
  const terms: number[] = [];
  for (const clause of [...query.all.flat(), ...query.none]) if (lookupTerms(clause).verify) terms.push(...checker.matcher(clause).terms());
  return terms;
}

/** The terms whose positions snippet windows read (snippet-window.ts). */
export function snippetTerms(index: InvertedIndex, checker: CandidateChecker, query: ParsedQuery): number[] {
  const terms: number[] = [];
  for (const clause of query.all.flat()) {
    if (!clause.prefix) terms.push(...checker.matcher(clause).terms());
    else for (const term of index.termsWithPrefix(clause.units[0]!.text, SNIPPET_PREFIX_TERMS)) terms.push(index.termId(term)!);
  }
  return terms;
}
