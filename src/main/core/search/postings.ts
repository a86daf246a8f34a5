/**
 * The inverted index: term -> documents, with what BM25 needs (term frequency, document
 * length) and whether the term is in the title.
 *
 * Why not FlexSearch (installed, and fastest in TOOLCHAIN.md): its ranking is by term
 * position only and its score hook never sees term frequency or document length, so a
 * BM25 re-rank would need a second index of per-document term counts anyway; its prefix
 * search ("forward" tokenize) stores every prefix of every term; and its export is many
 * small key/value chunks. What we need is small enough to own: one packed number per
 * (term, document), one sorted term list for prefixes, one binary file to persist.
 *
 * A posting packs docNum * 512 + (in title ? 256 : 0) + min(tf, 255) into a uint32
 * (BM25 saturates long before tf 255). docNum < 2^23 documents.
 *
 * Memory: after a build or load, postings sit in one Uint32Array (`frozen`) addressed by
 * `offsets`; a list that changes afterwards moves to a plain array (`live`). Removing a
 * document only marks it dead; `compact()` (on save) drops dead postings and renumbers.
 */
import { forEachTerm } from '../../../shared/text/tokenize';
import type { IndexableDoc, IndexedDocMeta } from './types';

export interface DocEntry {
  id: string;
  title: string;
  /** number of index terms in text + extra: BM25's document length */
  length: number;
  meta: IndexedDocMeta;
  /** kept (it is small) so that phrases in notes and comments can be checked */
  extra?: string;
}

const TITLE_FLAG = 256;
const TF_MASK = 255;
export const MAX_DOCS = 2 ** 23;

export const postingDoc = (p: number): number => p >>> 9;
export const postingTf = (p: number): number => p & TF_MASK;
export const postingInTitle = (p: number): boolean => (p & TITLE_FLAG) !== 0;

export interface PostingList {
  data: ArrayLike<number>;
  from: number;
  to: number;
}

const EMPTY: PostingList = { data: [], from: 0, to: 0 };

export class InvertedIndex {
  /** by docNum; null once removed */
  docs: (DocEntry | null)[] = [];
  private readonly byId = new Map<string, number>();
  private liveCount = 0;
  private totalLength = 0;

  /** termIdx -> term; terms below `sortedCount` are in code-unit order (prefix search) */
  termList: string[] = [];
  private readonly termIds = new Map<string, number>();
  private sortedCount = 0;
  frozen: Uint32Array = new Uint32Array(0);
  /** termIdx -> start in `frozen`; length sortedCount + 1 */
  offsets: Uint32Array = new Uint32Array(1);
  private readonly live = new Map<number, number[]>();

  get size(): number {
    return this.liveCount;
  }

  get averageLength(): number {
    return this.liveCount ? this.totalLength / this.liveCount : 1;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  docNum(id: string): number | undefined {
    return this.byId.get(id);
  }

  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  add(doc: IndexableDoc): void {
    if (this.byId.has(doc.id)) this.remove(doc.id);
    const num = this.docs.length;
    if (num >= MAX_DOCS) throw new Error('search index: too many documents; compact first');
    const counts = new Map<string, number>();
    let length = 0;
    const count = (term: string) => {
      counts.set(term, (counts.get(term) ?? 0) + 1);
      length++;
    };
    forEachTerm(doc.text, count);
    if (doc.extra) forEachTerm(doc.extra, count);
    const inTitle = new Set<string>();
    forEachTerm(doc.title, (term) => inTitle.add(term));
    for (const term of inTitle) if (!counts.has(term)) counts.set(term, 0);
    for (const [term, tf] of counts) {
      this.listFor(term).push(num * 512 + (inTitle.has(term) ? TITLE_FLAG : 0) + Math.min(tf, TF_MASK));
    }
    this.docs.push({ id: doc.id, title: doc.title, length, meta: doc.meta, ...(doc.extra ? { extra: doc.extra } : {}) });
    this.byId.set(doc.id, num);
    this.liveCount++;
    this.totalLength += length;
  }

  /**
   * Replaces a document's extra text (comments, notes, tags) and metadata without
   * re-reading its body: only the postings of terms whose count changed are touched.
   * Annotation edits come here, so saving a comment on a 2 MB document stays cheap.
   */
  setExtra(id: string, extra: string | undefined, meta: IndexedDocMeta): void {
    const num = this.byId.get(id);
    if (num === undefined) return;
    const entry = this.docs[num]!;
    const counts = (text: string | undefined) => {
      const out = new Map<string, number>();
      if (text) forEachTerm(text, (term) => out.set(term, (out.get(term) ?? 0) + 1));
      return out;
    };
    const before = counts(entry.extra);
    const after = counts(extra);
    let lengthDelta = 0;
    for (const term of new Set([...before.keys(), ...after.keys()])) {
      const delta = (after.get(term) ?? 0) - (before.get(term) ?? 0);
      if (delta === 0) continue;
      lengthDelta += delta;
      const list = this.listFor(term);
      const at = list.findIndex((p) => p >>> 9 === num);
      const tf = Math.max(0, Math.min(TF_MASK, (at >= 0 ? list[at]! & TF_MASK : 0) + delta));
      const flags = at >= 0 ? list[at]! & TITLE_FLAG : 0;
      if (tf === 0 && !flags) {
        if (at >= 0) list.splice(at, 1);
      } else if (at >= 0) list[at] = num * 512 + flags + tf;
      else list.push(num * 512 + tf);
    }
    this.totalLength += lengthDelta;
    this.docs[num] = { ...entry, length: entry.length + lengthDelta, meta, ...(extra ? { extra } : {}) };
    if (!extra) delete this.docs[num]!.extra;
  }

  remove(id: string): boolean {
    const num = this.byId.get(id);
    if (num === undefined) return false;
    this.totalLength -= this.docs[num]!.length;
    this.docs[num] = null;
    this.byId.delete(id);
    this.liveCount--;
    return true;
  }

  /** Postings of `term`, dead documents included (callers skip them). */
  postings(term: string): PostingList {
    const t = this.termIds.get(term);
    return t === undefined ? EMPTY : this.postingsOf(t);
  }

  /** Terms starting with `prefix`, at most `max`, those in the most documents first. */
  termsWithPrefix(prefix: string, max: number): string[] {
    let lo = 0;
    let hi = this.sortedCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.termList[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let t = lo; t < this.sortedCount && this.termList[t]!.startsWith(prefix); t++) found.push(this.termList[t]!);
    for (let t = this.sortedCount; t < this.termList.length; t++) {
      if (this.termList[t]!.startsWith(prefix)) found.push(this.termList[t]!);
    }
    if (found.length <= max) return found;
    const df = (term: string) => {
      const p = this.postings(term);
      return p.to - p.from;
    };
    return found.sort((a, b) => df(b) - df(a)).slice(0, max);
  }

  private listFor(term: string): number[] {
    let t = this.termIds.get(term);
    if (t === undefined) {
      t = this.termList.length;
      this.termList.push(term);
      this.termIds.set(term, t);
    }
    let list = this.live.get(t);
    if (!list) {
      list = t < this.sortedCount ? Array.from(this.frozen.subarray(this.offsets[t]!, this.offsets[t + 1]!)) : [];
      this.live.set(t, list);
    }
    return list;
  }

  /**
   * Drops removed documents, renumbers the rest 0..n-1, sorts the terms and moves every
   * list into one typed array. Runs after a rebuild and before a save.
   */
  compact(): void {
    const renumber = new Int32Array(this.docs.length).fill(-1);
    const docs: DocEntry[] = [];
    this.docs.forEach((d, num) => {
      if (d) renumber[num] = docs.push(d) - 1;
    });
    const kept: { term: string; list: number[] }[] = [];
    for (let t = 0; t < this.termList.length; t++) {
      const { data, from, to } = this.postingsOf(t);
      const list: number[] = [];
      for (let i = from; i < to; i++) {
        const p = data[i]!;
        const num = renumber[p >>> 9]!;
        if (num >= 0) list.push(num * 512 + (p & 511));
      }
      if (list.length) kept.push({ term: this.termList[t]!, list });
    }
    kept.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const offsets = new Uint32Array(kept.length + 1);
    let total = 0;
    kept.forEach(({ list }, t) => {
      offsets[t] = total;
      total += list.length;
    });
    offsets[kept.length] = total;
    const frozen = new Uint32Array(total);
    kept.forEach(({ list }, t) => frozen.set(list, offsets[t]));
    this.restore(docs, kept.map((k) => k.term), offsets, frozen);
  }

  /** Installs a compacted state (from `compact()` or from disk). */
  restore(docs: DocEntry[], sortedTerms: string[], offsets: Uint32Array, frozen: Uint32Array): void {
    this.docs = docs;
    this.byId.clear();
    this.totalLength = 0;
    docs.forEach((d, num) => {
      this.byId.set(d.id, num);
      this.totalLength += d.length;
    });
    this.liveCount = docs.length;
    this.termList = sortedTerms;
    this.termIds.clear();
    sortedTerms.forEach((term, t) => this.termIds.set(term, t));
    this.sortedCount = sortedTerms.length;
    this.offsets = offsets;
    this.frozen = frozen;
    this.live.clear();
  }

  private postingsOf(t: number): PostingList {
    const changed = this.live.get(t);
    if (changed) return { data: changed, from: 0, to: changed.length };
    return t < this.sortedCount ? { data: this.frozen, from: this.offsets[t]!, to: this.offsets[t + 1]! } : EMPTY;
  }
}
