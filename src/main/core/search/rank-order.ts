/**
 * Takes items in order without sorting them all: a binary heap built in linear time and
 * popped only as far as a page of results needs. A common word matches most of 10,000
 * documents, and a full sort of those costs more than the rest of the search.
 */
export class RankOrder<T> {
  private readonly heap: T[];

  constructor(
    items: T[],
    private readonly before: (a: T, b: T) => number,
  ) {
    this.heap = items;
    for (let i = (items.length >>> 1) - 1; i >= 0; i--) this.down(i);
  }

  get remaining(): number {
    return this.heap.length;
  }

  /** The next item in order, or undefined when none is left. */
  next(): T | undefined {
    const { heap } = this;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length && last !== undefined) {
      heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private down(i: number): void {
    const { heap, before } = this;
    const n = heap.length;
    const item = heap[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap[child + 1]!, heap[child]!) < 0) child++;
      if (before(heap[child]!, item) >= 0) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = item;
  }
}
