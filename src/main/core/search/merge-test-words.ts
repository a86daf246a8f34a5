/** Deterministic random words for the index tests (a small vocabulary, so terms recur across documents). */
export function seededWords(seed: number): (count: number) => string[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const vocabulary = Array.from({ length: 60 }, (_, i) => `w${i.toString(36)}x${'abcdefghij'[i % 10]}`);
  return (count) => Array.from({ length: count }, () => vocabulary[Math.floor(next() ** 2 * vocabulary.length)]!);
}
