/**
 * Precision, recall and F1 per label of suggested spans against gold spans, exact match
 * (same start, end and label), as CoNLL scores named entities: a span one character off
 * counts as both a false positive and a false negative.
 */
export interface Span {
  start: number;
  end: number;
  label: string;
}

export interface LabelScore {
  label: string;
  gold: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scoreSpans(predicted: readonly Span[], gold: readonly Span[]): LabelScore[] {
  const key = (s: Span) => `${s.label}|${s.start}|${s.end}`;
  const goldKeys = new Set(gold.map(key));
  const labels = [...new Set([...gold, ...predicted].map((s) => s.label))].sort();
  return labels.map((label) => {
    const g = gold.filter((s) => s.label === label);
    const p = predicted.filter((s) => s.label === label);
    const correct = new Set(p.map(key).filter((k) => goldKeys.has(k))).size;
    const precision = p.length ? correct / p.length : 0;
    const recall = g.length ? correct / g.length : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, gold: g.length, predicted: p.length, correct, precision, recall, f1 };
  });
}

/** Gold spans from brat standoff (T lines; offsets in code points, turned into UTF-16 for `text`). */
export function readBratSpans(ann: string, text: string): Span[] {
  const units: number[] = [];
  let u = 0;
  for (const ch of text) {
    units.push(u);
    u += ch.length;
  }
  units.push(u);
  return ann
    .split('\n')
    .filter((line) => line.startsWith('T'))
    .map((line) => {
      const [label, start, end] = line.split('\t')[1]!.split(' ');
      return { label: label!, start: units[Number(start)]!, end: units[Number(end)]! };
    });
}
