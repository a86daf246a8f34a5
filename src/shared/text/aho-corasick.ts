/**
 * A multi-pattern matcher (Aho–Corasick): every occurrence of every pattern in one pass
 * over the text, so the registry's thousands of names and aliases cost one scan per
 * document instead of one indexOf per name. Works on UTF-16 code units; the caller folds
 * case (or not) on both sides with a length-preserving fold.
 */
export interface PatternHit<T> {
  start: number;
  end: number;
  value: T;
}

interface Node<T> {
  next: Map<number, number>;
  fail: number;
  /** patterns that end here: [length, value] */
  own: [number, T][];
  /** own plus those of the failure chain, filled in by build() */
  out: [number, T][];
}

export class AhoCorasick<T> {
  private readonly nodes: Node<T>[] = [{ next: new Map(), fail: 0, own: [], out: [] }];
  private built = false;

  add(pattern: string, value: T): this {
    if (!pattern) return this;
    let at = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let to = this.nodes[at]!.next.get(c);
      if (to === undefined) {
        to = this.nodes.push({ next: new Map(), fail: 0, own: [], out: [] }) - 1;
        this.nodes[at]!.next.set(c, to);
      }
      at = to;
    }
    this.nodes[at]!.own.push([pattern.length, value]);
    this.built = false;
    return this;
  }

  /** Every (possibly overlapping) occurrence, ordered by end then by length (longest first). */
  search(text: string): PatternHit<T>[] {
    this.build();
    const hits: PatternHit<T>[] = [];
    let at = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (at !== 0 && !this.nodes[at]!.next.has(c)) at = this.nodes[at]!.fail;
      at = this.nodes[at]!.next.get(c) ?? 0;
      for (const [length, value] of this.nodes[at]!.out) hits.push({ start: i + 1 - length, end: i + 1, value });
    }
    return hits;
  }

  private build(): void {
    if (this.built) return;
    const queue: number[] = [];
    for (const to of this.nodes[0]!.next.values()) {
      this.nodes[to]!.fail = 0;
      queue.push(to);
    }
    for (let q = 0; q < queue.length; q++) {
      const from = queue[q]!;
      for (const [c, to] of this.nodes[from]!.next) {
        let f = this.nodes[from]!.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const fail = this.nodes[f]!.next.get(c);
        this.nodes[to]!.fail = fail !== undefined && fail !== to ? fail : 0;
        queue.push(to);
      }
    }
    // Inherit outputs in BFS order, so each node's list is complete once its fail node's is.
    for (const n of queue) {
      const node = this.nodes[n]!;
      node.out = [...node.own, ...this.nodes[node.fail]!.out];
    }
    this.built = true;
  }
}
