/**
 * Matching a clause by positions: the check the postings alone cannot make (phrases, CJK
 * words of three or more characters), answered from the index without the text.
 *
 * A clause becomes a pattern of (term, offset) parts laid out as analyze.ts lays out a
 * text: a word is one part, a CJK unit one part per character, with a GAP part between
 * two CJK units. It matches where every part sits at its offset from a common start;
 * that is exactly where `clauseHits` (shared/search/query) finds it in the text, since a
 * neighbouring word or GAP proves each run boundary the phrase rules ask for.
 *
 * The title and the extra text (notes, comments, tags) are kept as strings in the index;
 * they are scanned only when the postings say every part occurs in them.
 */
import { clauseHits, scanText, type Clause } from '../../../shared/search/query';
import { decodePositions, GAP } from './analyze';
import { positionsAt, type TermPositions } from './position-segments';
import type { Located } from './posting-format';
import type { InvertedIndex } from './postings';

interface Part {
  located: Located;
  term: string;
  /** term number, looked up once: a matcher lives within one synchronous search */
  t: number | undefined;
  /** its postings in the frozen arrays, when all are there: searched here, without a call per candidate */
  from: number;
  to: number;
  /** the positions of those postings, fetched at the first need */
  view: TermPositions | undefined;
  offset: number;
  positions: Int32Array<ArrayBuffer>;
  count: number;
  /** lazy decoding (`step`): the next byte to read, and the last position read */
  at: number;
  value: number;
}

const TITLE_FLAG = 256;
const TF_MASK = 255;

export class ClauseMatcher {
  private readonly parts: Part[] = [];
  /** positions the pattern spans */
  readonly span: number;
  private readonly decoded = { count: 0 };
  private cursors = new Int32Array(0);
  /**
   * A lone CJK word of three or more characters (研究院): its own term, which the index holds
   * wherever the segmenter cut that word out of a CJK run (tokenize.ts). A posting of it
   * proves the clause without positions: the word is then a substring of a run of the text,
   * title or extra text, which is where `clauseHits` finds a lone CJK unit. Its count never
   * exceeds the true one (annotation edits clamp at 0), so a posting that says something is
   * never stale. Documents the segmenter cut otherwise still get the position check.
   */
  private readonly word: { t: number; located: Located } | undefined;

  constructor(
    private readonly index: InvertedIndex,
    private readonly clause: Clause,
  ) {
    let offset = 0;
    clause.units.forEach((unit, k) => {
      if (unit.cjk && k > 0 && clause.units[k - 1]!.cjk) this.parts.push(part(index, GAP, offset++));
      if (!unit.cjk) this.parts.push(part(index, unit.text, offset++));
      else for (const character of unit.text) this.parts.push(part(index, character, offset++));
    });
    this.span = offset;
    const [only] = clause.units;
    const t = clause.units.length === 1 && only!.cjk && this.parts.length > 2 ? index.termId(only!.text) : undefined;
    this.word = t === undefined ? undefined : { t, located: { hint: 0, posting: 0, bytes: new Uint8Array(0), from: 0, to: 0 } };
  }

  /** Term numbers whose positions the checks of this clause read (GAP included). */
  terms(): number[] {
    return this.parts.flatMap((p) => (p.t === undefined ? [] : [p.t]));
  }

  /** Whether document `num` holds the clause in its text, title or extra text. */
  matches(num: number): boolean {
    const { word } = this;
    if (word && this.index.locate(word.t, num, word.located, false) && word.located.posting & (TITLE_FLAG | TF_MASK)) return true;
    let inTitle = true;
    let inBody = true;
    for (const p of this.parts) {
      if (!this.find(p, num)) {
        if (p.term !== GAP) return false;
        inBody = false;
        continue;
      }
      const { posting, from, to } = p.located;
      if (to === from) inBody = false;
      if (p.term === GAP) continue;
      if (!(posting & TITLE_FLAG)) inTitle = false;
    }
    if (inBody && this.firstStart()) return true;
    // The document's entry is read only when the postings leave the title or the extra text
    // possible: most candidates of a phrase of common words fail here, and reading the entry
    // of each (an object apart from the arrays scanned so far) cost more than their check.
    if (!inTitle && !this.mayBeInExtra()) return false;
    const doc = this.index.docs[num]!;
    if (inTitle && clauseHits(scanText(doc.title), this.clause, false).length > 0) return true;
    return doc.extra !== undefined && this.mayBeInExtra() && clauseHits(scanText(doc.extra), this.clause, false).length > 0;
  }

  /** Whether every term may occur in the extra text: more occurrences than positions in the text (255: saturated, unknown). */
  private mayBeInExtra(): boolean {
    for (const p of this.parts) {
      if (p.term === GAP) continue;
      const tf = p.located.posting & TF_MASK;
      if (tf < TF_MASK && tf <= countVarints(p.located)) return false;
    }
    return true;
  }

  /** Finds document `num`'s posting of the part's term into `p.located`. */
  private find(p: Part, num: number): boolean {
    if (p.t === undefined) return false;
    if (p.from < 0) return this.index.locate(p.t, num, p.located);
    // Candidates come in ascending order: gallop on from the last place.
    const { frozen } = this.index;
    const at = p.located;
    let lo = at.hint >= p.from && at.hint < p.to && frozen[at.hint]! >>> 9 <= num ? at.hint : p.from;
    let step = 1;
    while (lo + step < p.to && frozen[lo + step]! >>> 9 < num) {
      lo += step;
      step *= 2;
    }
    let hi = Math.min(p.to, lo + step + 1);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (frozen[mid]! >>> 9 < num) lo = mid + 1;
      else hi = mid;
    }
    at.hint = lo;
    if (lo >= p.to || frozen[lo]! >>> 9 !== num) return false;
    at.posting = frozen[lo]!;
    positionsAt((p.view ??= this.index.termPositions(p.t)), lo - p.from, at);
    return true;
  }

  /** Start positions of the clause in document `num`'s text, ascending. */
  bodyHits(num: number): number[] {
    const hits: number[] = [];
    for (const p of this.parts) {
      if (!this.find(p, num)) return hits;
      p.positions = decodePositions(p.located.bytes, p.located.from, p.located.to, p.positions, this.decoded);
      p.count = this.decoded.count;
    }
    this.starts(hits);
    return hits;
  }

  /**
   * Every start where each part sits at its offset, pushed to `all`, from positions
   * decoded in full (for snippets).
   */
  private starts(all: number[]): void {
    const { parts } = this;
    let anchor = parts[0]!;
    for (const p of parts) if (p.count < anchor.count) anchor = p;
    if (this.cursors.length !== parts.length) this.cursors = new Int32Array(parts.length);
    const { cursors } = this;
    cursors.fill(0);
    next: for (let a = 0; a < anchor.count; a++) {
      const start = anchor.positions[a]! - anchor.offset;
      if (start < 0) continue;
      for (let k = 0; k < parts.length; k++) {
        const p = parts[k]!;
        if (p === anchor) continue;
        const want = start + p.offset;
        let c = cursors[k]!;
        while (c < p.count && p.positions[c]! < want) c++;
        cursors[k] = c;
        if (c === p.count) return;
        if (p.positions[c] !== want) continue next;
      }
      all.push(start);
    }
  }

  /**
   * Whether some start has each part at its offset, decoding positions only as far as
   * needed (a common Chinese character occurs dozens of times in a text): the anchor is
   * the part with the fewest position bytes, the others are read on in step with it.
   * No callbacks and no allocation: this runs per candidate.
   */
  private firstStart(): boolean {
    const { parts } = this;
    let anchor = parts[0]!;
    for (const p of parts) {
      p.at = p.located.from;
      p.value = 0;
      if (p.located.to - p.located.from < anchor.located.to - anchor.located.from) anchor = p;
    }
    while (step(anchor)) {
      const start = anchor.value - anchor.offset;
      if (start < 0) continue;
      let all = true;
      for (let k = 0; k < parts.length; k++) {
        const p = parts[k]!;
        if (p === anchor) continue;
        const want = start + p.offset;
        // `value` is the last position read (0 before the first): read on while below `want`.
        while (p.at === p.located.from || p.value < want) if (!step(p)) return false;
        if (p.value !== want) all = false;
      }
      if (all) return true;
    }
    return false;
  }
}

/** Reads the part's next position into `value`; false at the end. */
function step(p: Part): boolean {
  const { bytes, to } = p.located;
  if (p.at >= to) return false;
  let delta = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[p.at++]!;
    delta |= (b & 0x7f) << shift;
    if (b < 0x80) break;
    shift += 7;
  }
  p.value += delta;
  return true;
}

/** Number of varints (positions) in `bytes[from, to)`: bytes without the continuation bit. */
function countVarints({ bytes, from, to }: Located): number {
  let n = 0;
  for (let i = from; i < to; i++) if (bytes[i]! < 0x80) n++;
  return n;
}

function part(index: InvertedIndex, term: string, offset: number): Part {
  const t = index.termId(term);
  const [from, to] = (t !== undefined && index.frozenRange(t)) || [-1, -1];
  return { located: { hint: 0, posting: 0, bytes: new Uint8Array(0), from: 0, to: 0 }, term, t, from, to, view: undefined, offset, positions: new Int32Array(16), count: 0, at: 0, value: 0 };
}
