import { placedMentions } from '../export/annotations';
import { conllTokens } from '../export/conll';
import { flattenMentions } from '../export/mention-overlap';
import type { Annotation, Block } from '../model';
import { cohensKappa, krippendorffAlpha } from './coefficients';
import { relationAgreement, relationSpans, type RelationAgreement, type RelationSpan } from './relations';
import { addCounts, matchSpans, prf, type LabelledSpan, type Prf, type PrfCounts } from './spans';

/**
 * Agreement between annotators' layers (issue #18), computed from the layers, never stored.
 *
 * Token level: the tokens are the CoNLL export's (conll.ts: Intl.Segmenter words, so Chinese
 * is per segmented word — ICU's dictionary segmentation, e.g. 广州 / 生物 / 医药 — not per
 * character), cut again at every mention boundary of every layer compared, so that each
 * span covers whole tokens. A token's value is the label of the mention over it, or "O";
 * where a layer's mentions nest or overlap, the CoNLL rule keeps the longest. Cohen's κ
 * (each pair) and Krippendorff's α (nominal, all layers at once) run on these values over
 * every token, "O" included; per label they run on "this label or not".
 *
 * Span level: each pair's mentions matched exactly (same start, end, label) or by overlap
 * (same label, shared text), with precision and recall of the second against the first.
 *
 * Relations: each pair's relations matched by type and both ends, exactly or by overlap
 * (relations.ts), over every type and per type.
 *
 * A layer takes part in a document when it holds any annotation there (a highlight counts: it
 * was read); elsewhere its values are missing: α leaves them out, pairs skip that document.
 */

/** Token values and κ run on labels; a token outside every mention is this. */
export const OUTSIDE = 'O';

export interface PairFigures {
  a: string;
  b: string;
  /** tokens both annotated (documents both took part in) */
  tokens: number;
  /** share of those tokens given the same value */
  observed: number | null;
  kappa: number | null;
  /** b's spans scored against a's */
  exact: Prf;
  overlap: Prf;
}

export interface Figures {
  /** tokens of the documents in this figure */
  tokens: number;
  alpha: number | null;
  pairs: PairFigures[];
}

export interface LabelFigures extends Figures {
  label: string;
  /** mentions with this label in each layer */
  mentions: Record<string, number>;
}

export interface DocumentAgreement extends Figures {
  docId: string;
  title: string;
  /** the layers that took part in this document */
  layers: string[];
  mentions: Record<string, number>;
  labels: LabelFigures[];
  relations: RelationAgreement;
}

export interface AgreementReport extends Figures {
  /** the layers compared, in order */
  layers: string[];
  /** how the text was cut into tokens, for the reader of the figures */
  tokenization: string;
  mentions: Record<string, number>;
  labels: LabelFigures[];
  /** relations between mentions: span-matched P/R/F1, every type and per type */
  relations: RelationAgreement;
  documents: DocumentAgreement[];
}

export const TOKENIZATION =
  'CoNLL export tokens: Intl.Segmenter words (Chinese: ICU dictionary-segmented words, not single characters), split at whitespace and at every mention boundary of the layers compared';

/** One document's text and each compared layer's annotations there (absent: it did not take part). */
export interface AgreementInput {
  docId: string;
  title: string;
  text: string;
  blocks: readonly Block[];
  layers: ReadonlyMap<string, readonly Annotation[]>;
}

interface Prepared {
  doc: AgreementInput;
  present: string[];
  /** per layer: its kept mentions as spans */
  spans: Map<string, LabelledSpan[]>;
  /** per layer: the value of every token (absent for layers not present) */
  values: Map<string, string[]>;
  /** per layer: its relations */
  relations: Map<string, RelationSpan[]>;
  tokens: number;
}

export function computeAgreement(
  docs: readonly AgreementInput[],
  layers: readonly string[],
  /** relation types with no direction (the label set's Related to): either way round is the same relation */
  undirected: ReadonlySet<string> = new Set(),
): AgreementReport {
  const prepared = docs.map((doc) => prepare(doc, layers));
  const labels = [...new Set(prepared.flatMap((p) => [...p.spans.values()].flatMap((s) => s.map((m) => m.label))))].sort();
  const documents = prepared.map((p) => ({
    docId: p.doc.docId,
    title: p.doc.title,
    layers: p.present,
    mentions: mentionCounts([p], layers),
    ...figures([p], layers),
    labels: labels.filter((l) => [...p.spans.values()].some((s) => s.some((m) => m.label === l))).map((label) => labelFigures([p], layers, label)),
    relations: relationAgreement([p.relations], layers, undirected),
  }));
  return {
    layers: [...layers],
    tokenization: TOKENIZATION,
    mentions: mentionCounts(prepared, layers),
    ...figures(prepared, layers),
    labels: labels.map((label) => labelFigures(prepared, layers, label)),
    relations: relationAgreement(
      prepared.map((p) => p.relations),
      layers,
      undirected,
    ),
    documents,
  };
}

function prepare(doc: AgreementInput, layers: readonly string[]): Prepared {
  const present = layers.filter((l) => doc.layers.has(l));
  const spans = new Map<string, LabelledSpan[]>();
  const relations = new Map(present.map((layer) => [layer, relationSpans(doc.layers.get(layer)!)]));
  for (const layer of present) {
    const { kept } = flattenMentions(placedMentions(doc.layers.get(layer)!));
    spans.set(layer, kept.map((m) => ({ start: m.target.start, end: m.target.end, label: m.label! })));
  }
  const cuts = new Set([...spans.values()].flatMap((list) => list.flatMap((s) => [s.start, s.end])));
  const tokens = present.length ? conllTokens(doc, cuts) : [];
  const values = new Map<string, string[]>();
  for (const [layer, list] of spans) values.set(layer, labelTokens(tokens, list));
  return { doc, present, spans, values, relations, tokens: tokens.length };
}

/** The label over each token (spans are sorted and do not overlap: flattened). */
function labelTokens(tokens: readonly { start: number; end: number }[], spans: readonly LabelledSpan[]): string[] {
  const out: string[] = [];
  let s = 0;
  for (const t of tokens) {
    while (s < spans.length && spans[s]!.end <= t.start) s++;
    const span = spans[s];
    out.push(span && span.start <= t.start && t.end <= span.end ? span.label : OUTSIDE);
  }
  return out;
}

function figures(docs: readonly Prepared[], layers: readonly string[], only?: string): Figures {
  const value = only ? (v: string) => (v === only ? only : OUTSIDE) : (v: string) => v;
  const spansOf = (p: Prepared, layer: string) => (only ? p.spans.get(layer)!.filter((s) => s.label === only) : p.spans.get(layer)!);
  const units = function* () {
    for (const p of docs) {
      const columns = p.present.map((l) => p.values.get(l)!);
      for (let t = 0; t < p.tokens; t++) yield columns.map((c) => value(c[t]!));
    }
  };
  const pairs: PairFigures[] = [];
  for (let i = 0; i < layers.length; i++) {
    for (let j = i + 1; j < layers.length; j++) {
      const a = layers[i]!;
      const b = layers[j]!;
      const both = docs.filter((p) => p.values.has(a) && p.values.has(b));
      const va = both.flatMap((p) => p.values.get(a)!.map(value));
      const vb = both.flatMap((p) => p.values.get(b)!.map(value));
      const { kappa, observed, units: tokens } = cohensKappa(va, vb);
      const zero: PrfCounts = { tp: 0, fp: 0, fn: 0 };
      let exact = zero;
      let overlap = zero;
      for (const p of both) {
        exact = addCounts(exact, matchSpans(spansOf(p, a), spansOf(p, b), 'exact'));
        overlap = addCounts(overlap, matchSpans(spansOf(p, a), spansOf(p, b), 'overlap'));
      }
      pairs.push({ a, b, tokens, observed, kappa, exact: prf(exact), overlap: prf(overlap) });
    }
  }
  return { tokens: docs.reduce((n, p) => n + p.tokens, 0), alpha: krippendorffAlpha(units()).alpha, pairs };
}

function labelFigures(docs: readonly Prepared[], layers: readonly string[], label: string): LabelFigures {
  return { label, mentions: mentionCounts(docs, layers, label), ...figures(docs, layers, label) };
}

function mentionCounts(docs: readonly Prepared[], layers: readonly string[], label?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const layer of layers) out[layer] = docs.reduce((n, p) => n + (p.spans.get(layer)?.filter((s) => !label || s.label === label).length ?? 0), 0);
  return out;
}
