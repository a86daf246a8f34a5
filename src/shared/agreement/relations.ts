import { placedRelations } from '../export/annotations';
import type { Annotation } from '../model';
import { addCounts, matchGreedily, prf, type MatchMode, type Prf, type PrfCounts } from './spans';

/** A relation as agreement sees it: its type and the text of its two ends. */
export interface RelationSpan {
  type: string;
  from: { start: number; end: number };
  to: { start: number; end: number };
}

export interface RelationPairFigures {
  a: string;
  b: string;
  /** b's relations scored against a's: both ends at the same place, same type */
  exact: Prf;
  /** both ends sharing text with the other's, same type */
  overlap: Prf;
}

export interface RelationTypeFigures {
  type: string;
  /** relations of this type in each layer */
  relations: Record<string, number>;
  pairs: RelationPairFigures[];
}

/** Relation agreement (#18): every pair over every type, then per relation type. */
export interface RelationAgreement {
  relations: Record<string, number>;
  pairs: RelationPairFigures[];
  types: RelationTypeFigures[];
}

/**
 * A layer's relations whose two mentions are placed. The ends are compared by where they are,
 * not by their labels: a label the layers disagree on is counted by the span figures already,
 * and the relation figures measure the relation. A relation runs from → to, except where its
 * type is undirected (Related to): then either way round is the same relation.
 */
export function relationSpans(annotations: readonly Annotation[]): RelationSpan[] {
  return placedRelations(annotations).map(({ relation, from, to }) => ({
    type: relation.type!,
    from: { start: from.target.start, end: from.target.end },
    to: { start: to.target.start, end: to.target.end },
  }));
}

const same = (x: { start: number; end: number }, y: { start: number; end: number }) => x.start === y.start && x.end === y.end;
const shared = (x: { start: number; end: number }, y: { start: number; end: number }) => Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));

/**
 * One-to-one matching as matchSpans does for mentions: `exact` needs the same type and both
 * ends at the same place; `overlap` the same type and both ends sharing text, the pairs
 * sharing the most text matched first.
 */
export function matchRelations(reference: readonly RelationSpan[], predicted: readonly RelationSpan[], mode: MatchMode, undirected: ReadonlySet<string> = new Set()): PrfCounts {
  const candidates: { r: number; p: number; score: number }[] = [];
  const fits = (a: RelationSpan, from: RelationSpan['from'], to: RelationSpan['to']) =>
    mode === 'exact' ? same(a.from, from) && same(a.to, to) : shared(a.from, from) > 0 && shared(a.to, to) > 0;
  reference.forEach((a, r) =>
    predicted.forEach((b, p) => {
      if (a.type !== b.type) return;
      const ways: [RelationSpan['from'], RelationSpan['to']][] = undirected.has(a.type) ? [[b.from, b.to], [b.to, b.from]] : [[b.from, b.to]];
      const scores = ways.filter(([from, to]) => fits(a, from, to)).map(([from, to]) => shared(a.from, from) + shared(a.to, to));
      if (scores.length) candidates.push({ r, p, score: Math.max(...scores) });
    }),
  );
  return matchGreedily(candidates, reference.length, predicted.length);
}

/** Per document: each layer present there and its relations. */
export type LayerRelations = ReadonlyMap<string, readonly RelationSpan[]>;

/** Relation figures over documents; a pair counts only the documents both layers took part in. */
export function relationAgreement(docs: readonly LayerRelations[], layers: readonly string[], undirected: ReadonlySet<string> = new Set()): RelationAgreement {
  const types = [...new Set(docs.flatMap((d) => [...d.values()].flatMap((list) => list.map((r) => r.type))))].sort();
  return {
    relations: counts(docs, layers),
    pairs: pairs(docs, layers, undirected),
    types: types.map((type) => ({ type, relations: counts(docs, layers, type), pairs: pairs(docs, layers, undirected, type) })),
  };
}

function counts(docs: readonly LayerRelations[], layers: readonly string[], type?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const layer of layers) out[layer] = docs.reduce((n, d) => n + (d.get(layer)?.filter((r) => !type || r.type === type).length ?? 0), 0);
  return out;
}

function pairs(docs: readonly LayerRelations[], layers: readonly string[], undirected: ReadonlySet<string>, type?: string): RelationPairFigures[] {
  const of = (d: LayerRelations, layer: string) => (type ? d.get(layer)!.filter((r) => r.type === type) : d.get(layer)!);
  const out: RelationPairFigures[] = [];
  for (let i = 0; i < layers.length; i++) {
    for (let j = i + 1; j < layers.length; j++) {
      const a = layers[i]!;
      const b = layers[j]!;
      let exact: PrfCounts = { tp: 0, fp: 0, fn: 0 };
      let overlap = exact;
      for (const d of docs.filter((d) => d.has(a) && d.has(b))) {
        exact = addCounts(exact, matchRelations(of(d, a), of(d, b), 'exact', undirected));
        overlap = addCounts(overlap, matchRelations(of(d, a), of(d, b), 'overlap', undirected));
      }
      out.push({ a, b, exact: prf(exact), overlap: prf(overlap) });
    }
  }
  return out;
}
