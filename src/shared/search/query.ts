/**
 * Search queries: parsing, the index terms a clause is looked up by, and matching a clause
 * against one text (phrase checks, hit offsets for snippets and the reader).
 *
 * Syntax: words are ANDed; "quoted phrases"; `biomed*` prefix; `-word` or `-"a phrase"`
 * excludes; an uppercase `OR` between two clauses makes them alternatives (`a b OR c d`
 * means a AND (b OR c) AND d, as in web search engines). A bare chunk the tokeniser cuts
 * into several words ("covid-19", "AI中心") is an implicit phrase.
 */
import { cjkGrams, forEachTerm, scanUnits } from '../text/tokenize';

/** One word (folded) or one whole CJK run of a clause. */
export interface QueryUnit {
  text: string;
  cjk: boolean;
}

export interface Clause {
  /** in order; more than one makes a phrase */
  units: QueryUnit[];
  /** the clause is one non-CJK word matched as a prefix (`biomed*`) */
  prefix: boolean;
  quoted: boolean;
}

export interface ParsedQuery {
  /** every entry must match; an entry lists alternatives joined by OR */
  all: Clause[][];
  /** a document matching any of these is left out */
  none: Clause[];
}

/** Lucene's English stop set: dropped from queries unless inside a phrase. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** A query that matches nothing: empty input, only stop words, or only exclusions. */
export const isEmptyQuery = (q: ParsedQuery): boolean => q.all.length === 0;

interface Chunk {
  raw: string;
  quoted: boolean;
  negated: boolean;
}

function lex(input: string): (Chunk | 'OR')[] {
  const out: (Chunk | 'OR')[] = [];
  let i = 0;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < input.length) {
    if (isSpace(input[i])) {
      i++;
      continue;
    }
    let negated = false;
    if (input[i] === '-' && i + 1 < input.length && !isSpace(input[i + 1])) {
      negated = true;
      i++;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close < 0 ? input.length : close;
      out.push({ raw: input.slice(i + 1, end), quoted: true, negated });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < input.length && !isSpace(input[end]) && input[end] !== '"') end++;
    const raw = input.slice(i, end);
    out.push(raw === 'OR' && !negated ? 'OR' : { raw, quoted: false, negated });
    i = end;
  }
  return out;
}

function toClause({ raw, quoted }: Chunk): Clause | null {
  const units: QueryUnit[] = [];
  scanUnits(raw, (text, _s, _e, cjk) => {
    const prev = units[units.length - 1];
    // Spaces inside Chinese text carry no meaning: "广州 生物" is looked for as 广州生物.
    if (quoted && cjk && prev?.cjk) prev.text += text;
    else units.push({ text, cjk });
  });
  const only = units[0];
  if (!only) return null;
  if (units.length === 1 && !quoted && !only.cjk && STOP_WORDS.has(only.text)) return null;
  const prefix = !quoted && units.length === 1 && !only.cjk && raw.endsWith('*');
  return { units, prefix, quoted };
}

export function parseQuery(input: string): ParsedQuery {
  const all: Clause[][] = [];
  const none: Clause[] = [];
  let orPending = false;
  for (const token of lex(input.normalize('NFC'))) {
    if (token === 'OR') {
      orPending = all.length > 0;
      continue;
    }
    const clause = toClause(token);
    if (!clause) continue;
    if (token.negated) none.push(clause);
    else if (orPending) all[all.length - 1]!.push(clause);
    else all.push([clause]);
    orPending = false;
  }
  return { all, none };
}

export interface ClauseLookup {
  /** a document must hold every one of these index terms */
  required: string[];
  /** or, for a prefix clause, any term starting with this */
  prefix?: string;
  /** scored when present, never required: CJK words the segmenter finds in the query */
  boost: string[];
  /** the terms do not prove the clause: check it against the text (phrases, CJK words of 3+ characters) */
  verify: boolean;
}

export function lookupTerms(clause: Clause): ClauseLookup {
  const { units } = clause;
  if (clause.prefix) return { required: [], prefix: units[0]!.text, boost: [], verify: false };
  const required = new Set<string>();
  const boost = new Set<string>();
  const allStop = units.every((u) => !u.cjk && STOP_WORDS.has(u.text));
  for (const unit of units) {
    if (!unit.cjk) {
      // Stop words in a phrase are checked in the text, not looked up: they are everywhere.
      if (allStop || !STOP_WORDS.has(unit.text)) required.add(unit.text);
      continue;
    }
    for (const gram of cjkGrams(unit.text)) required.add(gram);
    forEachTerm(unit.text, (term) => {
      if (codePoints(term) > 2) boost.add(term);
    });
  }
  const verify = units.length > 1 || (units[0]!.cjk && codePoints(units[0]!.text) > 2);
  return { required: [...required], boost: [...boost], verify };
}

/** A text cut into units once, so that several clauses can be matched against it. */
export interface UnitStream {
  terms: string[];
  starts: number[];
  ends: number[];
  cjk: boolean[];
}

export function scanText(text: string): UnitStream {
  const s: UnitStream = { terms: [], starts: [], ends: [], cjk: [] };
  scanUnits(text, (term, start, end, cjk) => {
    s.terms.push(term);
    s.starts.push(start);
    s.ends.push(end);
    s.cjk.push(cjk);
  });
  return s;
}

type Place = 'only' | 'first' | 'middle' | 'last';

function unitMatches(term: string, isCjk: boolean, unit: QueryUnit, place: Place, prefix: boolean): boolean {
  if (isCjk !== unit.cjk) return false;
  if (!isCjk) return prefix ? term.startsWith(unit.text) : term === unit.text;
  if (place === 'first') return term.endsWith(unit.text);
  if (place === 'last') return term.startsWith(unit.text);
  return place === 'middle' ? term === unit.text : term.includes(unit.text);
}

/**
 * Where `clause` occurs in the scanned text. With `all` false, stops at the first
 * occurrence (a yes/no check). A lone CJK unit matches anywhere inside a CJK run; in a
 * phrase, a CJK unit may end the run it starts in and start the run it ends in.
 */
export function clauseHits(s: UnitStream, clause: Clause, all = true): [number, number][] {
  const hits: [number, number][] = [];
  const { units, prefix } = clause;
  const n = units.length;
  const first = units[0];
  if (!first) return hits;
  for (let i = 0; i + n <= s.terms.length; i++) {
    if (n === 1 && first.cjk) {
      const term = s.terms[i]!;
      if (!s.cjk[i]) continue;
      for (let at = term.indexOf(first.text); at >= 0; at = term.indexOf(first.text, at + first.text.length)) {
        hits.push([s.starts[i]! + at, s.starts[i]! + at + first.text.length]);
        if (!all) return hits;
      }
      continue;
    }
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const place: Place = n === 1 ? 'only' : k === 0 ? 'first' : k === n - 1 ? 'last' : 'middle';
      ok = unitMatches(s.terms[i + k]!, s.cjk[i + k]!, units[k]!, place, prefix);
    }
    if (!ok) continue;
    const last = units[n - 1]!;
    const start = s.starts[i]! + (first.cjk && n > 1 ? s.terms[i]!.length - first.text.length : 0);
    const end = s.ends[i + n - 1]! - (last.cjk && n > 1 ? s.terms[i + n - 1]!.length - last.text.length : 0);
    hits.push([start, end]);
    if (!all) return hits;
  }
  return hits;
}

/** Every hit of the query's wanted clauses in one text, sorted, overlaps merged: for snippets and the reader's next/previous. */
export function findHits(text: string, query: ParsedQuery): [number, number][] {
  if (isEmptyQuery(query)) return [];
  const stream = scanText(text);
  const hits = query.all.flat().flatMap((clause) => clauseHits(stream, clause));
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of hits) {
    const prev = merged[merged.length - 1];
    if (prev && start < prev[1]) prev[1] = Math.max(prev[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
