/**
 * What the reader's find (Ctrl+F) asks the core for: several plain words are a phrase, so
 * "Zhou Chong" is one hit to tag, not "Zhou" and "Chong" apart. Queries that use the search
 * syntax (quotes, OR, -word, prefix*) are left as written.
 */
export function findQuery(query: string): string {
  const q = query.trim().replace(/\s+/g, ' ');
  if (!q.includes(' ') || /["*]|(^|\s)-|\bOR\b|\bAND\b|\bNOT\b/.test(q)) return q;
  return `"${q}"`;
}
