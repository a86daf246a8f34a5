/**
 * Runs a parsed query against the inverted index: candidates from the postings, BM25
 * scores, filters, then the checks the postings cannot make (phrases, CJK words of three
 * or more characters, excluded phrases) against the stored text.
 */
import { clauseHits, lookupTerms, scanText, type Clause, type ParsedQuery, type UnitStream } from '../../../shared/search/query';
import type { DocEntry, InvertedIndex, PostingList } from './postings';
import type { IndexedDocMeta, SearchFilters } from './types';

// BM25 constants as in Lucene. A term in the title adds TITLE_BOOST x idf, more than any
// body frequency can (tf saturates below K1 + 1), so for the same terms a title match
// always ranks above a body-only match.
const K1 = 1.2;
const B = 0.75;
const TITLE_BOOST = 2.5;
/** a prefix like `a*` could name every term; the commonest this many stand for it */
const MAX_PREFIX_TERMS = 256;

export interface Candidate {
  num: number;
  score: number;
  /** groups whose match the postings alone do not prove: one alternative of each must be found in the text */
  verify: Clause[][];
  /** excluded clauses the postings say may occur: the document goes if one is found in the text */
  excludeIf: Clause[];
}

/** Calls `fn` with each live document of `list` and its BM25 contribution. */
function scoreList(index: InvertedIndex, list: PostingList, fn: (num: number, score: number) => void): void {
  const { docs } = index;
  const { data, from, to } = list;
  // Count live documents: removed ones stay in the lists until the next compaction, and
  // scores must not depend on when that ran.
  let df = 0;
  for (let i = from; i < to; i++) if (docs[data[i]! >>> 9]) df++;
  if (!df) return;
  const idf = Math.log(1 + (index.size - df + 0.5) / (df + 0.5));
  const avg = index.averageLength;
  for (let i = from; i < to; i++) {
    const p = data[i]!;
    const doc = docs[p >>> 9];
    if (!doc) continue;
    const tf = p & 255;
    let s = tf ? (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / avg)) : 0;
    if (p & 256) s += TITLE_BOOST;
    fn(p >>> 9, idf * s);
  }
}

/** Documents whose postings hold the clause, with their scores. */
function clauseDocs(index: InvertedIndex, clause: Clause): { docs: Map<number, number>; verify: boolean } {
  const lookup = lookupTerms(clause);
  const docs = new Map<number, number>();
  if (lookup.prefix !== undefined) {
    for (const term of index.termsWithPrefix(lookup.prefix, MAX_PREFIX_TERMS)) {
      scoreList(index, index.postings(term), (num, s) => docs.set(num, Math.max(docs.get(num) ?? 0, s)));
    }
    return { docs, verify: false };
  }
  // Intersect from the shortest list: the map never grows past it.
  const lists = lookup.required.map((t) => index.postings(t)).sort((a, b) => a.to - a.from - (b.to - b.from));
  const [first, ...rest] = lists;
  if (!first) return { docs, verify: lookup.verify };
  scoreList(index, first, (num, s) => docs.set(num, s));
  let current = docs;
  for (const list of rest) {
    const next = new Map<number, number>();
    scoreList(index, list, (num, s) => {
      const prev = current.get(num);
      if (prev !== undefined) next.set(num, prev + s);
    });
    current = next;
    if (!current.size) break;
  }
  for (const term of lookup.boost) {
    scoreList(index, index.postings(term), (num, s) => {
      const prev = current.get(num);
      if (prev !== undefined) current.set(num, prev + s);
    });
  }
  return { docs: current, verify: lookup.verify };
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

interface GroupMatch {
  score: number;
  exact: boolean;
  pending: Clause[];
}

/** Candidates by score (then id), before the text checks. */
export function rankCandidates(index: InvertedIndex, query: ParsedQuery, filters?: SearchFilters): Candidate[] {
  const groups = query.all.map((alternatives) => {
    const group = new Map<number, GroupMatch>();
    for (const clause of alternatives) {
      const { docs, verify } = clauseDocs(index, clause);
      for (const [num, score] of docs) {
        let m = group.get(num);
        if (!m) group.set(num, (m = { score: 0, exact: false, pending: [] }));
        m.score = Math.max(m.score, score);
        if (verify) m.pending.push(clause);
        else m.exact = true;
      }
    }
    return group;
  });
  groups.sort((a, b) => a.size - b.size);
  const [first, ...rest] = groups;
  if (!first) return [];
  let out: Candidate[] = [];
  next: for (const [num, m] of first) {
    if (!passesFilters(index.docs[num]!.meta, filters)) continue;
    let score = m.score;
    const verify = m.exact ? [] : [m.pending];
    for (const group of rest) {
      const g = group.get(num);
      if (!g) continue next;
      score += g.score;
      if (!g.exact) verify.push(g.pending);
    }
    out.push({ num, score, verify, excludeIf: [] });
  }
  for (const clause of query.none) {
    const { docs, verify } = clauseDocs(index, clause);
    if (!verify) out = out.filter((c) => !docs.has(c.num));
    else for (const c of out) if (docs.has(c.num)) c.excludeIf.push(clause);
  }
  const docs = index.docs;
  return out.sort((a, b) => b.score - a.score || (docs[a.num]!.id < docs[b.num]!.id ? -1 : 1));
}

const COMPAT_IDEOGRAPH = /[\uf900-\ufaff]/;

/** Whether a candidate survives the text checks, given its document's text. */
export function checkCandidate(c: Candidate, doc: DocEntry, text: string): boolean {
  const sources = doc.extra ? [doc.title, text, doc.extra] : [doc.title, text];
  let streams: UnitStream[] | undefined;
  const found = (clause: Clause) => {
    const only = clause.units.length === 1 ? clause.units[0]! : undefined;
    // A lone CJK word is a plain substring (CJK has no case), found without tokenising,
    // unless compatibility ideographs, which fold to others, make the text differ.
    if (only?.cjk && !sources.some((t) => COMPAT_IDEOGRAPH.test(t))) return sources.some((t) => t.includes(only.text));
    streams ??= sources.map(scanText);
    return streams.some((st) => clauseHits(st, clause, false).length > 0);
  };
  return c.verify.every((alternatives) => alternatives.some(found)) && !c.excludeIf.some(found);
}
