/**
 * The index's frozen terms, in code-unit order (prefix search walks them in order).
 *
 * After a build or a compaction they are an array of strings; loaded from search.bin
 * (format 6) they stay its bytes, UTF-8 with a u32 end per term, and a term is decoded when
 * a query asks for it (issue #19: at 100,000 documents the index holds ~10^6 terms: as
 * strings and a Map from term to number they took ~100 MB and a few hundred ms at every start,
 * for queries that look up a handful). Lookups are binary searches; a Map of every term is
 * made only for bulk work (`InvertedIndex.add` looks up every term of a document).
 */

export interface TermTable {
  readonly length: number;
  /** term number `t`'s text */
  at(t: number): string;
  /** the number of `term`, or -1 */
  find(term: string): number;
  /** the first term number whose term is not below `prefix` in code-unit order */
  lowerBound(prefix: string): number;
  /** whether term `t` starts with `prefix` (as given to `prefixTest`) */
  startsWith(t: number, prefix: PrefixTest): boolean;
  prefixTest(prefix: string): PrefixTest;
  /** every term, for compaction and saves */
  all(): string[];
}

export type PrefixTest = string | Buffer;

/** Terms held as strings (built or compacted in this process). */
export class ArrayTerms implements TermTable {
  constructor(private readonly terms: readonly string[]) {}

  get length(): number {
    return this.terms.length;
  }

  at(t: number): string {
    return this.terms[t]!;
  }

  find(term: string): number {
    const t = this.lowerBound(term);
    return t < this.terms.length && this.terms[t] === term ? t : -1;
  }

  lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  prefixTest(prefix: string): PrefixTest {
    return prefix;
  }

  startsWith(t: number, prefix: PrefixTest): boolean {
    return this.terms[t]!.startsWith(prefix as string);
  }

  all(): string[] {
    return this.terms as string[];
  }
}

/** Terms as search.bin stores them: UTF-8 bytes, term `t` is bytes[ends[t - 1], ends[t]). */
export class StoredTerms implements TermTable {
  constructor(
    private readonly bytes: Buffer,
    private readonly ends: Uint32Array,
  ) {}

  /** The table's parts for search.bin: the terms' UTF-8 bytes one after the other, and where each ends. */
  static encode(terms: readonly string[]): { ends: Uint32Array; bytes: Buffer } {
    // Measured, then written into one buffer: a Buffer per term (10^6 at 100,000 documents)
    // was ~100 MB of short-lived objects at the save that ends an import (issue #19, peak memory).
    const ends = new Uint32Array(terms.length);
    let total = 0;
    for (let t = 0; t < terms.length; t++) ends[t] = total += Buffer.byteLength(terms[t]!, 'utf8');
    const bytes = Buffer.allocUnsafe(total);
    let at = 0;
    for (const term of terms) at += bytes.write(term, at, 'utf8');
    return { ends, bytes };
  }

  /** Checks the ends (ascending, within the bytes); null when they do not check out. */
  static open(bytes: Buffer, ends: Uint32Array): StoredTerms | null {
    let last = 0;
    for (let t = 0; t < ends.length; t++) {
      if (ends[t]! < last) return null;
      last = ends[t]!;
    }
    return last === bytes.length ? new StoredTerms(bytes, ends) : null;
  }

  get length(): number {
    return this.ends.length;
  }

  at(t: number): string {
    return this.bytes.toString('utf8', t ? this.ends[t - 1]! : 0, this.ends[t]!);
  }

  find(term: string): number {
    const t = this.lowerBound(term);
    return t < this.ends.length && this.at(t) === term ? t : -1;
  }

  lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid) < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  prefixTest(prefix: string): PrefixTest {
    return Buffer.from(prefix, 'utf8');
  }

  /** By bytes, without decoding: a UTF-8 prefix of whole characters is a string prefix. */
  startsWith(t: number, prefix: PrefixTest): boolean {
    const p = prefix as Buffer;
    const from = t ? this.ends[t - 1]! : 0;
    return this.ends[t]! - from >= p.length && this.bytes.compare(p, 0, p.length, from, from + p.length) === 0;
  }

  all(): string[] {
    return Array.from({ length: this.ends.length }, (_, t) => this.at(t));
  }
}
