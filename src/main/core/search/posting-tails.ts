/**
 * The postings of documents added or changed since the last compaction (postings.ts merges
 * them back): per-term `Tail`s beside the frozen arrays, and the numbering of new terms.
 */
import { search, TF_MASK, type Tail } from './posting-format';
import { PostingLookup } from './posting-lookup';

export class PostingTails extends PostingLookup {
  /** postings in the tails: past a share of the frozen ones, the index compacts */
  protected tailPostings = 0;
  /**
   * Known to hold no emptied frozen posting (one an annotation edit took to count 0): set by a
   * compaction, whose output has none; cleared by a load (not known) and by such an edit. While
   * set, a compaction need not scan every frozen posting for them (issue #19: ~25 ms of each
   * at 75,000 documents).
   */
  protected frozenClean = false;

  /**
   * Term `term`'s number, numbering it when new; `bulk` (every term of a document) looks frozen
   * terms up in a Map, made once, and first: most of a document's terms are frozen ones, and
   * the two Maps hold no term in common, so a frozen term costs one lookup instead of three
   * (the added terms' Map, then termId's same lookup again before the frozen one; issue #19).
   */
  protected termIndex(term: string, bulk = false): number {
    if (bulk) {
      const frozen = (this.frozenIds ??= new Map(this.frozenTerms.all().map((text, k) => [text, k]))).get(term);
      if (frozen !== undefined) return frozen;
    }
    let t = this.addedIds.get(term);
    if (t !== undefined) return t;
    t = bulk ? undefined : this.termId(term);
    if (t === undefined) {
      t = this.sortedCount + this.addedTerms.length;
      this.addedTerms.push(term);
      this.addedIds.set(term, t);
    }
    return t;
  }

  private tailOf(t: number): Tail {
    let tail = this.tails.get(t);
    if (!tail) this.tails.set(t, (tail = { postings: [], refs: [], whole: false }));
    return tail;
  }

  /** Appends a posting of the newest document (its number is above every other). */
  protected append(term: string, posting: number, ref: number): void {
    const tail = this.tailOf(this.termIndex(term, true));
    tail.postings.push(posting);
    tail.refs.push(ref);
    this.tailPostings++;
  }

  /** Adds `delta` to document `num`'s count of `term`, making a posting when it has none. */
  protected changePosting(term: string, num: number, delta: number): void {
    const t = this.termIndex(term);
    const update = (p: number) => (p & ~TF_MASK) + Math.max(0, Math.min(TF_MASK, (p & TF_MASK) + delta));
    const tail = this.tails.get(t);
    if (!tail?.whole && t < this.sortedCount) {
      this.ensurePostings(t);
      const i = search(this.frozen, this.offsets[t]!, this.offsets[t + 1]!, num);
      if (i >= 0) {
        this.frozen[i] = update(this.frozen[i]!);
        if ((this.frozen[i]! & 511) === 0) this.frozenClean = false;
        return;
      }
    }
    if (tail) {
      const j = search(tail.postings, 0, tail.postings.length, num);
      if (j >= 0) {
        tail.postings[j] = update(tail.postings[j]!);
        return;
      }
    }
    if (delta <= 0) return;
    const whole = this.wholeTail(t);
    let at = whole.postings.length;
    while (at > 0 && whole.postings[at - 1]! >>> 9 > num) at--;
    whole.postings.splice(at, 0, num * 512 + Math.min(delta, TF_MASK));
    whole.refs.splice(at, 0, -1);
    this.tailPostings++;
  }

  /** The term's tail, holding its frozen postings too, so that one can go in among them. */
  private wholeTail(t: number): Tail {
    const tail = this.tailOf(t);
    if (tail.whole || t >= this.sortedCount) return tail;
    this.ensurePostings(t);
    const from = this.offsets[t]!;
    const to = this.offsets[t + 1]!;
    const postings = Array.from(this.frozen.subarray(from, to));
    const refs = Array.from({ length: to - from }, (_, k) => from + k);
    tail.postings = postings.concat(tail.postings);
    tail.refs = refs.concat(tail.refs);
    tail.whole = true;
    this.tailPostings += to - from;
    return tail;
  }
}
