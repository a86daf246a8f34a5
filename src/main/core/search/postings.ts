/**
 * The inverted index: term -> documents, with what BM25 needs (term frequency, document
 * length), whether the term is in the title, and where in the text it occurs.
 *
 * Why not FlexSearch (installed, and fastest in TOOLCHAIN.md): its ranking is by term
 * position only and its score hook never sees term frequency or document length, so a
 * BM25 re-rank would need a second index of per-document term counts anyway; its prefix
 * search ("forward" tokenize) stores every prefix of every term; and its export is many
 * small key/value chunks. What we need is small enough to own: one packed number per
 * (term, document), one sorted term list for prefixes, one binary file to persist.
 *
 * The index is split by what each part holds: posting-format.ts (what a posting is),
 * posting-lookup.ts (query-time access), posting-tails.ts (the postings of documents added
 * or changed since the last compaction), this file (adding, removing and compacting).
 * Documents added get postings in a per-term `Tail` until the tails grow to an eighth of
 * the frozen part; then, and before a save, `compact()` merges the postings back, drops
 * removed documents, renumbers, and moves the new documents' positions into a new segment.
 */
import { forEachTerm } from '../../../shared/text/tokenize';
import { analysisVersion, analyzeDocument, type DocumentAnalysis } from './analyze';
import { mergeParts, sortedTermOrder } from './merge';
import { renumberSegment } from './position-segments';
import { MAX_DOCS, TF_MASK, TITLE_FLAG, type DocEntry, type FrozenState } from './posting-format';
import { PostingTails } from './posting-tails';
import type { PostingFile } from './posting-file';
import { plainDoc } from './doc-columns';
import { ArrayTerms } from './term-table';
import type { IndexableDoc, IndexedDocMeta } from './types';

/** Tails may hold this many postings before they are merged, however small the frozen part. */
const MIN_TAIL_POSTINGS = 200_000;
/**
 * Beyond that, tails are merged once they hold a sixteenth of the frozen postings (issue #19):
 * a tail posting costs ~24 bytes in its JS arrays against ~11 frozen, so tails as large as
 * the frozen part (as before) took more memory than the index itself at 100,000 documents.
 * Compaction moves every run of the index, but only after it grew by a sixteenth: its cost
 * per added document stays constant however large the archive (merge.ts moves whole runs,
 * within the same buffer during an import). A sixteenth rather than an eighth: the tails,
 * their documents' positions and the segment a compaction makes of them are half as large
 * at the import's peak (~70 MB less at 100,000), for ~0.1 s more moving per 6,000 documents.
 */
const TAIL_SHARE = 16;

export class InvertedIndex extends PostingTails {
  /** bumped by every change: what is derived from the index (norms, scratch) is kept until it moves */
  version = 0;
  /** id -> document number; made when first needed (a loaded index's queries never need it) */
  private idMap: Map<string, number> | null = null;
  private liveCount = 0;
  private totalLength = 0;

  /** serials below this have their positions in `segments` */
  private segmentedUpTo = 0;
  /** while above 0 (a save is writing), `add` does not compact: numbers stay put */
  private holds = 0;

  private get byId(): Map<string, number> {
    if (!this.idMap) {
      const map = new Map<string, number>();
      this.docs.forEach((d, num) => d && map.set(d.id, num));
      this.idMap = map;
    }
    return this.idMap;
  }

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

  /**
   * Adds a document; `analysis` is `analyzeDocument(doc.text)`, computed here when not
   * given (or when made by other code). `doc.text` is not read when a usable analysis is given.
   */
  add(doc: IndexableDoc, given?: DocumentAnalysis): void {
    if (this.byId.has(doc.id)) this.remove(doc.id);
    const num = this.docs.length;
    if (num >= MAX_DOCS) throw new Error('search index: too many documents; compact first');
    const analysis = given?.version === analysisVersion() ? given : analyzeDocument(doc.text);
    const counts = new Map<string, number>();
    let length = analysis.length;
    if (doc.extra) {
      forEachTerm(doc.extra, (term) => {
        counts.set(term, (counts.get(term) ?? 0) + 1);
        length++;
      });
    }
    const inTitle = new Set<string>();
    forEachTerm(doc.title, (term) => inTitle.add(term));
    const { terms } = analysis;
    // Every term of the body passes here (an import: every term of every document, on the main
    // thread), so the sets are asked only while they hold something: a new document has no
    // extra text, and its title's few terms are soon all found (issue #19).
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k]!;
      let tf = analysis.counts[k]!;
      if (counts.size) {
        const extra = counts.get(term);
        if (extra !== undefined) {
          tf += extra;
          counts.delete(term);
        }
      }
      const title = inTitle.size && inTitle.delete(term) ? TITLE_FLAG : 0;
      this.append(term, num * 512 + title + Math.min(tf, TF_MASK), analysis.positionEnds[k]! > (k ? analysis.positionEnds[k - 1]! : 0) ? -(k + 2) : -1);
    }
    for (const [term, tf] of counts) this.append(term, num * 512 + (inTitle.delete(term) ? TITLE_FLAG : 0) + Math.min(tf, TF_MASK), -1);
    for (const term of inTitle) this.append(term, num * 512 + TITLE_FLAG, -1);
    this.liveDocs.set(num, { positions: analysis.positions, positionEnds: analysis.positionEnds });
    this.docs.push({
      serial: this.nextSerial++,
      id: doc.id,
      title: doc.title,
      length,
      meta: doc.meta,
      ...(doc.extra ? { extra: doc.extra } : {}),
      ...(analysis.marks.length ? { marks: analysis.marks } : {}),
    });
    this.byId.set(doc.id, num);
    this.liveCount++;
    this.version++;
    this.totalLength += length;
    if (this.holds === 0 && this.tailPostings > Math.max(MIN_TAIL_POSTINGS, this.frozen.length / TAIL_SHARE)) this.compact();
  }

  /** Keeps document and term numbers as they are (no compaction) until `release`. */
  hold(): void {
    this.holds++;
  }

  release(): void {
    this.holds--;
  }

  /**
   * Replaces a document's extra text (comments, notes, tags) and metadata without
   * re-reading its body: only the postings of terms whose count changed are touched.
   * Annotation edits come here, so saving a comment on a 2 MB document stays cheap.
   */
  setExtra(id: string, extra: string | undefined, meta: IndexedDocMeta): void {
    const num = this.byId.get(id);
    if (num === undefined) return;
    const entry = plainDoc(this.docs[num]!);
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
      this.changePosting(term, num, delta);
    }
    this.totalLength += lengthDelta;
    this.version++;
    this.docs[num] = { ...entry, length: entry.length + lengthDelta, meta, ...(extra ? { extra } : {}) };
    if (!extra) delete this.docs[num]!.extra;
  }

  remove(id: string): boolean {
    const num = this.byId.get(id);
    if (num === undefined) return false;
    this.totalLength -= this.docs[num]!.length;
    if (this.docs[num]!.serial < this.segmentedUpTo) this.deadDocs++;
    this.docs[num] = null;
    this.liveDocs.delete(num);
    this.byId.delete(id);
    this.liveCount--;
    this.version++;
    return true;
  }

  /**
   * Drops removed documents and empty postings, renumbers the rest 0..n-1, sorts the
   * terms and moves every list and its positions into typed arrays. Runs after a
   * rebuild, when the tails have grown, and before a save.
   */
  compact(): void {
    const renumber = new Int32Array(this.docs.length).fill(-1);
    const docs: DocEntry[] = [];
    this.docs.forEach((d, num) => {
      if (d) renumber[num] = docs.push(d) - 1;
    });
    // Compaction reads every posting: those not read yet from search.bin are read now.
    this.postingFile?.ensureAll();
    const termList = this.frozenTerms.all().concat(this.addedTerms);
    const order = sortedTermOrder(termList, this.sortedCount);
    const merged = mergeParts(order, renumber, {
      frozen: this.frozen,
      offsets: this.offsets,
      sortedCount: this.sortedCount,
      tails: this.tails,
      liveDocs: this.liveDocs,
      serialOf: (num) => this.docs[num]!.serial,
      frozenClean: this.frozenClean,
    });
    const newOf = new Int32Array(termList.length).fill(-1);
    merged.terms.forEach((old, t) => (newOf[old] = t));
    const segments = this.segments.map((s) => {
      const copy = { ...s };
      renumberSegment(copy, newOf);
      return copy;
    });
    if (merged.segment.terms.length) segments.push(merged.segment);
    const upTo = this.nextSerial;
    this.restore({ docs, terms: merged.terms.map((t) => termList[t]!), ...merged.arrays, segments, nextSerial: this.nextSerial, deadDocs: this.deadDocs });
    this.segmentedUpTo = upTo;
    this.frozenClean = true;
  }

  /** Installs a compacted state (from `compact()` or from disk: then `postings` reads the frozen postings as they are needed). */
  restore(state: FrozenState & { postings?: PostingFile }): void {
    const { docs, terms } = state;
    this.docs = docs;
    this.idMap = null;
    this.totalLength = 0;
    for (const d of docs) this.totalLength += d.length;
    this.liveCount = docs.length;
    this.version++;
    this.frozenTerms = Array.isArray(terms) ? new ArrayTerms(terms) : terms;
    this.frozenIds = null;
    this.addedTerms = [];
    this.addedIds.clear();
    this.sortedCount = terms.length;
    if (this.postingFile !== state.postings) this.postingFile?.close();
    this.postingFile = state.postings;
    this.offsets = state.offsets;
    this.frozen = state.frozen;
    this.segments = state.segments;
    this.nextSerial = state.nextSerial;
    this.segmentedUpTo = state.nextSerial;
    this.deadDocs = state.deadDocs;
    this.generation++;
    this.cache.clear();
    this.tails.clear();
    this.tailPostings = 0;
    this.frozenClean = false;
    this.liveDocs.clear();
  }

  /** Lets go of search.bin (the index is not searched after). */
  closeFiles(): void {
    this.postingFile?.close();
    this.postingFile = undefined;
  }

  /** The compacted state, for a save (call `compact()` first). */
  snapshot(): FrozenState & { terms: string[] } {
    return {
      docs: this.docs.filter((d) => d !== null),
      terms: this.frozenTerms.all().concat(this.addedTerms),
      offsets: this.offsets,
      frozen: this.frozen,
      segments: this.segments.map((s) => ({ ...s })),
      nextSerial: this.nextSerial,
      deadDocs: this.deadDocs,
    };
  }
}
