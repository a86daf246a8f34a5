import { describe, expect, it } from 'vitest';
import type { Scores, ScoredCandidate } from './score';
import {
  compareCandidates,
  contentScore,
  isConfident,
  NO_CONTEXT,
  pickBest,
  prefixSimilarity,
  scoreCandidate,
  suffixSimilarity,
  textSimilarity,
} from './score';

function scores(quote: number, prefix: number, suffix: number): Scores {
  return { quote, prefix, suffix, position: 1, total: 0 };
}

describe('textSimilarity', () => {
  it('is 1 minus the edit distance of the best occurrence, over the pattern length', () => {
    expect(textSimilarity('members of the Council', 'the Council')).toBe(1);
    expect(textSimilarity('members of the Councel', 'the Council')).toBeCloseTo(1 - 1 / 11);
    expect(textSimilarity('members of the Cncil', 'the Council')).toBeCloseTo(1 - 2 / 11);
    expect(textSimilarity('', 'abc')).toBe(0);
    expect(textSimilarity('abc', '')).toBe(1);
    expect(textSimilarity('xyz', 'abc')).toBe(0);
  });
});

describe('prefix and suffix similarity', () => {
  const text = 'one two three four five';
  it('compares the window next to the candidate with the stored context', () => {
    expect(prefixSimilarity(text, 8, 'one two ')).toBe(1);
    expect(prefixSimilarity(text, 8, 'one tw0 ')).toBeCloseTo(7 / 8);
    expect(suffixSimilarity(text, 13, ' four')).toBe(1);
    // Only `prefix.length` code units before the candidate count, not anything further back.
    expect(prefixSimilarity(text, 14, 'one two ')).toBeLessThan(0.5);
  });

  it('treats empty context as agreement at the edge of the text and as no evidence elsewhere', () => {
    expect(prefixSimilarity(text, 0, '')).toBe(1);
    expect(prefixSimilarity(text, 4, '')).toBe(NO_CONTEXT);
    expect(suffixSimilarity(text, text.length, '')).toBe(1);
    expect(suffixSimilarity(text, 3, '')).toBe(NO_CONTEXT);
  });
});

describe('scoreCandidate', () => {
  it('weights quote 50, prefix 20, suffix 20, position 2 like Hypothesis', () => {
    const text = 'aaaa QUOTE bbbb';
    const s = scoreCandidate(text, { start: 5, end: 10, errors: 1 }, { quote: 'QUOTE', prefix: 'aaaa ', suffix: ' zzzz' }, 5);
    expect(s.quote).toBeCloseTo(0.8);
    expect(s.prefix).toBe(1);
    expect(s.suffix).toBeCloseTo(0.2);
    expect(s.position).toBe(1);
    expect(s.total).toBeCloseTo((50 * 0.8 + 20 + 20 * 0.2 + 2) / 92);
    expect(contentScore(s)).toBeCloseTo((50 * 0.8 + 20 + 20 * 0.2) / 90);
  });
});

describe('isConfident', () => {
  it('accepts a verbatim quote when one side of context agrees', () => {
    expect(isConfident(scores(1, 1, 0.3), 10)).toBe(true);
    expect(isConfident(scores(1, 0.5, 1), 10)).toBe(true);
  });

  it('rejects a short verbatim quote whose context is unrelated text', () => {
    expect(isConfident(scores(1, 0.3, 0.3), 11)).toBe(false);
    expect(isConfident(scores(1, 0.6, 0.6), 11)).toBe(false);
  });

  it('asks more context of a fuzzy quote than of a verbatim one', () => {
    expect(isConfident(scores(0.9, 1, 0.3), 20)).toBe(true);
    expect(isConfident(scores(0.8, 1, 0.3), 20)).toBe(false);
    expect(isConfident(scores(0.8, 1, 0.8), 20)).toBe(true);
    expect(isConfident(scores(0.74, 1, 1), 20)).toBe(false);
  });

  it('lets a long, nearly verbatim passage vouch for itself', () => {
    expect(isConfident(scores(0.95, 0, 0), 64)).toBe(true);
    expect(isConfident(scores(0.95, 0, 0), 63)).toBe(false);
    expect(isConfident(scores(0.85, 0, 0), 400)).toBe(false);
  });
});

describe('compareCandidates', () => {
  const c = (start: number, s: Scores, confident: boolean, distance: number): ScoredCandidate => ({
    start,
    end: start + 5,
    scores: s,
    confident,
    distance,
  });

  it('puts confident candidates first, then better context, then the nearest', () => {
    const strong = c(100, scores(1, 1, 0.2), true, 90);
    const even = c(10, scores(1, 0.7, 0.7), false, 0);
    expect(pickBest([even, strong])).toBe(strong);
    const far = c(500, scores(1, 1, 1), true, 400);
    const near = c(120, scores(1, 1, 1), true, 20);
    expect(pickBest([far, near, strong])).toBe(near);
    expect(compareCandidates(near, far)).toBeLessThan(0);
    expect(pickBest([])).toBeUndefined();
  });
});
