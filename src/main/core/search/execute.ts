/**
 * Runs a parsed query against the inverted index: candidates from the postings, BM25
 * scores, filters, then the checks the postings cannot make (phrases, CJK words of three
 * or more characters, excluded phrases) by the positions in the index (phrase.ts).
 */
import type { Clause, ParsedQuery } from '../../../shared/search/query';
import { ClauseMatcher } from './phrase';
import type { InvertedIndex } from './postings';
import { Scorer, type DocScores } from './scoring';
import type { IndexedDocMeta, SearchFilters } from './types';

export { bestIndices, topByRank } from './rank-select';

export interface Candidate {
  num: number;
  score: number;
  /** groups whose match the postings alone do not prove: one alternative of each must be found by positions */
  verify: Clause[][];
  /** excluded clauses the postings say may occur: the document goes if one is found by positions */
  excludeIf: Clause[];
}

const anyOf = (wanted: string[] | undefined, have: string[] | undefined) => !wanted?.length || (have ?? []).some((v) => wanted.includes(v));

/**
 * Within a field, any listed value passes; fields are ANDed. A tag also passes its nested
 * tags ("policy" passes "policy/national"). A date filter leaves out undated documents.
 */
export function passesFilters(meta: IndexedDocMeta, f: SearchFilters | undefined): boolean {
  if (!f) return true;
  if (f.type?.length && !f.type.includes(meta.type)) return false;
  if (f.language?.length && !(meta.language && f.language.includes(meta.language))) return false;
  if (f.tags?.length && !(meta.tags ?? []).some((tag) => f.tags!.some((w) => tag === w || tag.startsWith(`${w}/`)))) return false;
  if (!anyOf(f.collections, meta.collections) || !anyOf(f.entities, meta.entities)) return false;
  if (f.hasAnnotations !== undefined && Boolean(meta.hasAnnotations) !== f.hasAnnotations) return false;
  if (f.dateFrom || f.dateTo) {
    if (!meta.date) return false;
    if (f.dateFrom && meta.date < f.dateFrom) return false;
    // "2024-03" as the end includes every day of March.
    if (f.dateTo && meta.date.slice(0, f.dateTo.length) > f.dateTo) return false;
  }
  return true;
}

/** One AND-ed entry of the query: its documents, and for each whether positions must confirm it. */
interface Group {
  docs: DocScores;
  /** the clauses to confirm for every document (one clause), or per document (OR of several) */
  pending: Clause[] | Map<number, Clause[]>;
}

const NONE: Clause[] = [];
const NONE_GROUPS: Clause[][] = [];

function groupOf(scorer: Scorer, alternatives: Clause[]): Group {
  if (alternatives.length === 1) {
    const { docs, verify } = scorer.clauseDocs(alternatives[0]!);
    return { docs, pending: verify ? alternatives : NONE };
  }
  // OR: the best score of the alternatives; proven when any alternative needs no check.
  const best = new Map<number, number>();
  const pending = new Map<number, Clause[]>();
  const exact = new Set<number>();
  for (const clause of alternatives) {
    const { docs, verify } = scorer.clauseDocs(clause);
    for (let i = 0; i < docs.count; i++) {
      const num = docs.nums[i]!;
      best.set(num, Math.max(best.get(num) ?? 0, docs.scores[i]!));
      if (!verify) exact.add(num);
      else pending.set(num, [...(pending.get(num) ?? []), clause]);
    }
  }
  for (const num of exact) pending.delete(num);
  return { docs: { nums: Int32Array.from(best.keys()), scores: Float64Array.from(best.values()), count: best.size }, pending };
}

/**
 * Candidates of a query, in no particular order (see `topByRank`): those that need no
 * more checks as parallel arrays, `nums[0, count)` and `scores` (a common word matches
 * most of the archive, and an object per match cost more than scoring it: issue #19),
 * and those whose checks are left to the caller as objects. The arrays are the scorer's
 * buffers (scoring.ts): used up before the next `findCandidates` on the same index.
 */
export interface Candidates {
  nums: Int32Array;
  scores: Float64Array;
  count: number;
  /** checks every one of `nums` still needs (a phrase in a query of one or a few parts, beyond `checkAll`) */
  verify: Clause[][];
  pending: Candidate[];
}

const plain = (docs: DocScores): Candidates => ({ nums: docs.nums, scores: docs.scores, count: docs.count, verify: NONE_GROUPS, pending: [] });

/**
 * The candidates of `query`. With a `checker`, and no more candidates than `checkAll`,
 * the position checks run here, in document order, and only documents that pass come
 * back, none pending; otherwise the checks are left to the caller (`pending`).
 */
export function findCandidates(index: InvertedIndex, query: ParsedQuery, filters?: SearchFilters, checker?: CandidateChecker, checkAll = Infinity): Candidates {
  const scorer = Scorer.of(index);
  scorer.begin();
  // A query that is one phrase: confirmed before scoring (see `confirmedDocs`).
  const [only] = query.all.length === 1 && query.all[0]!.length === 1 && !query.none.length ? query.all[0]! : [];
  if (only && checker) {
    const matcher = checker.matcher(only);
    const confirm = (num: number) => (!filters || passesFilters(index.docs[num]!.meta, filters)) && matcher.matches(num);
    const docs = scorer.confirmedDocs(only, confirm, checkAll);
    if (docs) return plain(docs);
  }
  const groups = query.all.map((alternatives) => groupOf(scorer, alternatives)).sort((a, b) => a.docs.count - b.docs.count);
  const [first, ...rest] = groups;
  if (!first) return { nums: new Int32Array(0), scores: new Float64Array(0), count: 0, verify: NONE_GROUPS, pending: [] };
  // One clause, nothing to filter or exclude, its checks deferred (a phrase of common words):
  // its documents are the candidates as they are, no second pass over tens of thousands.
  if (!rest.length && !query.none.length && !filters && Array.isArray(first.pending) && !(checker && first.docs.count <= checkAll)) {
    return { ...first.docs, verify: first.pending.length ? [first.pending] : NONE_GROUPS, pending: [] };
  }
  // Every group adds its score where all before it matched: `seen` counts them.
  const { seen, total } = scorer;
  for (let i = 0; i < first.docs.count; i++) {
    seen[first.docs.nums[i]!] = 1;
    total[first.docs.nums[i]!] = first.docs.scores[i]!;
  }
  rest.forEach(({ docs }, g) => {
    for (let i = 0; i < docs.count; i++) {
      const num = docs.nums[i]!;
      if (seen[num] === g + 1) {
        seen[num] = g + 2;
        total[num] = total[num]! + docs.scores[i]!;
      }
    }
  });
  const exclusions = query.none.map((clause) => ({ clause, ...scorer.clauseDocs(clause) })).map(({ clause, docs, verify }) => {
    const hit = new Set<number>();
    for (let i = 0; i < docs.count; i++) hit.add(docs.nums[i]!);
    return { clause, hit, verify };
  });
  // With single-clause groups (no OR), every candidate has the same clauses to confirm.
  const lists = groups.map((g) => g.pending);
  const shared = lists.every((p) => Array.isArray(p)) ? (lists as Clause[][]).filter((p) => p.length) : undefined;
  const inline = checker && first.docs.count <= checkAll;
  // Deferred checks that every candidate shares (no OR, no exclusion): kept beside the arrays, not per candidate.
  const together = !inline && shared !== undefined && shared.length > 0 && exclusions.length === 0;
  const room = scorer.docScores(first.docs.count);
  const out: Candidates = { nums: room.nums, scores: room.scores, count: 0, verify: together ? shared : NONE_GROUPS, pending: [] };
  next: for (let i = 0; i < first.docs.count; i++) {
    const num = first.docs.nums[i]!;
    if (seen[num] !== groups.length || (filters && !passesFilters(index.docs[num]!.meta, filters))) continue;
    const verify = shared ?? pendingOf(groups, num);
    let excludeIf = NONE;
    for (const { clause, hit, verify: maybe } of exclusions) {
      if (!hit.has(num)) continue;
      if (!maybe) continue next;
      if (inline) {
        if (checker.matcher(clause).matches(num)) continue next;
      } else excludeIf = [...excludeIf, clause];
    }
    if (inline && verify.length && !checker.confirms(num, verify)) continue;
    if (!inline && !together && (verify.length || excludeIf.length)) out.pending.push({ num, score: total[num]!, verify, excludeIf });
    else {
      out.nums[out.count] = num;
      out.scores[out.count++] = total[num]!;
    }
  }
  for (let i = 0; i < first.docs.count; i++) {
    seen[first.docs.nums[i]!] = 0;
    total[first.docs.nums[i]!] = 0;
  }
  return out;
}

/** Every candidate as an object (the plain ones and the pending ones), for an order that must check as it goes. */
export function allCandidates(c: Candidates): Candidate[] {
  const out = c.pending.slice();
  for (let i = 0; i < c.count; i++) out.push({ num: c.nums[i]!, score: c.scores[i]!, verify: c.verify, excludeIf: NONE });
  return out;
}

function pendingOf(groups: Group[], num: number): Clause[][] {
  const verify: Clause[][] = [];
  for (const { pending } of groups) {
    const clauses = Array.isArray(pending) ? pending : pending.get(num);
    if (clauses?.length) verify.push(clauses);
  }
  return verify;
}

/** Rank order: by score, then by id. */
export const byRank =
  (index: InvertedIndex) =>
  (a: Candidate, b: Candidate): number =>
    b.score - a.score || (index.docs[a.num]!.id < index.docs[b.num]!.id ? -1 : 1);

/** The checks of one query: one matcher per clause, made when first needed. */
export class CandidateChecker {
  private readonly matchers = new Map<Clause, ClauseMatcher>();

  constructor(private readonly index: InvertedIndex) {}

  matcher(clause: Clause): ClauseMatcher {
    let m = this.matchers.get(clause);
    if (!m) this.matchers.set(clause, (m = new ClauseMatcher(this.index, clause)));
    return m;
  }

  /** Whether a candidate survives the checks the postings could not make. */
  passes(c: Candidate): boolean {
    if (!this.confirms(c.num, c.verify)) return false;
    for (const clause of c.excludeIf) if (this.matcher(clause).matches(c.num)) return false;
    return true;
  }

  /** Whether document `num` holds one alternative of each group. Loops, not callbacks: this runs per candidate. */
  confirms(num: number, verify: Clause[][]): boolean {
    group: for (const alternatives of verify) {
      for (const clause of alternatives) if (this.matcher(clause).matches(num)) continue group;
      return false;
    }
    return true;
  }
}
