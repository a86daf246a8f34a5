/** A labelled span of text: [start, end) in UTF-16 units, as annotations store it. */
export interface LabelledSpan {
  start: number;
  end: number;
  label: string;
}

export type MatchMode = 'exact' | 'overlap';

export interface PrfCounts {
  /** spans of the second annotator matched in the first's */
  tp: number;
  /** the second's spans with no match in the first's */
  fp: number;
  /** the first's spans with no match in the second's */
  fn: number;
}

export interface Prf extends PrfCounts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/**
 * Matches `predicted` against `reference` one to one (MUC/CoNLL-style span scoring):
 * `exact` needs the same start, end and label; `overlap` the same label and at least one
 * shared character, pairs with the largest overlap matched first. F1 does not depend on
 * which annotator is called the reference; precision and recall swap.
 */
export function matchSpans(reference: readonly LabelledSpan[], predicted: readonly LabelledSpan[], mode: MatchMode): PrfCounts {
  const candidates: { r: number; p: number; score: number }[] = [];
  for (let r = 0; r < reference.length; r++) {
    const a = reference[r]!;
    for (let p = 0; p < predicted.length; p++) {
      const b = predicted[p]!;
      if (a.label !== b.label) continue;
      if (mode === 'exact' ? a.start === b.start && a.end === b.end : a.start < b.end && b.start < a.end) {
        candidates.push({ r, p, score: Math.min(a.end, b.end) - Math.max(a.start, b.start) });
      }
    }
  }
  return matchGreedily(candidates, reference.length, predicted.length);
}

/**
 * One-to-one matching of reference items (r) to predicted ones (p): the candidate pairs with
 * the highest score are taken first (ties in reference, then predicted order), each item used
 * once; the rest are false positives (predicted) and false negatives (reference).
 */
export function matchGreedily(candidates: { r: number; p: number; score: number }[], referenceCount: number, predictedCount: number): PrfCounts {
  candidates.sort((x, y) => y.score - x.score || x.r - y.r || x.p - y.p);
  const usedR = new Set<number>();
  const usedP = new Set<number>();
  for (const c of candidates) {
    if (usedR.has(c.r) || usedP.has(c.p)) continue;
    usedR.add(c.r);
    usedP.add(c.p);
  }
  return { tp: usedR.size, fp: predictedCount - usedP.size, fn: referenceCount - usedR.size };
}

/** Precision, recall and F1 from counts; null where a ratio has nothing to count. */
export function prf(c: PrfCounts): Prf {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : null;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : null;
  const f1 = 2 * c.tp + c.fp + c.fn ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : null;
  return { ...c, precision, recall, f1 };
}

export function addCounts(a: PrfCounts, b: PrfCounts): PrfCounts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}
