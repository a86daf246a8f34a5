/**
 * The palette's filter: every character of the query, in order, somewhere in the title;
 * word starts and runs of adjacent characters score higher, as in VS Code and Obsidian.
 * Null when the title does not match.
 */
export function fuzzyScore(query: string, title: string): number | null {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!q) return 0;
  const t = title.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    if (char === ' ') continue;
    const at = t.indexOf(char, from);
    if (at < 0) return null;
    const wordStart = at === 0 || /[\s\-_/.:(…]/.test(t[at - 1]!);
    score += 1 + (at === previous + 1 ? 3 : 0) + (wordStart ? 4 : 0) - Math.min(at - from, 5) * 0.1;
    previous = at;
    from = at + 1;
  }
  return score + (t.startsWith(q) ? 10 : 0) + (t.includes(q) ? 5 : 0);
}

/** Items that match, best first; ties keep their order. */
export function fuzzyFilter<T>(items: readonly T[], query: string, titleOf: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, titleOf(item)) }))
    .filter((x): x is { item: T; index: number; score: number } => x.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item);
}
