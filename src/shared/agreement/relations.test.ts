import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model';
import { computeAgreement } from './agreement';

const TEXT = 'Li Wei works at the Guangzhou Institute in Guangzhou.';
let n = 0;
const at = (quote: string, from = 0) => {
  const start = TEXT.indexOf(quote, from);
  return { start, end: start + quote.length, quote, prefix: '', suffix: '' };
};
const mention = (quote: string, label: string, from = 0): Annotation => ({ id: `m${++n}`, docId: 'd', kind: 'entity', label, target: at(quote, from), createdAt: '', updatedAt: '' });
const relation = (from: Annotation, to: Annotation, type: string): Annotation => ({ id: `r${++n}`, docId: 'd', kind: 'relation', from: from.id, to: to.id, type, target: from.target, createdAt: '', updatedAt: '' });

describe('relation agreement', () => {
  it('scores relations by type and both ends, exactly and by overlap, per type, as counted by hand', () => {
    const city = TEXT.lastIndexOf('Guangzhou');
    // a: Li Wei WORKS_AT Guangzhou Institute; the Institute LOCATED_IN Guangzhou; Li Wei LOCATED_IN Guangzhou
    const [liA, instA, cityA] = [mention('Li Wei', 'PERSON'), mention('Guangzhou Institute', 'ORG'), mention('Guangzhou', 'LOCATION', city)];
    const a = [liA, instA, cityA, relation(liA, instA, 'WORKS_AT'), relation(instA, cityA, 'LOCATED_IN'), relation(liA, cityA, 'LOCATED_IN')];
    // b: "the Guangzhou Institute" (a wider span, labelled LOCATION: labels of the ends do not count here);
    // its LOCATED_IN runs the other way (city → institute), so it matches nothing
    const [liB, instB, cityB] = [mention('Li Wei', 'PERSON'), mention('the Guangzhou Institute', 'LOCATION'), mention('Guangzhou', 'LOCATION', city)];
    const b = [liB, instB, cityB, relation(liB, instB, 'WORKS_AT'), relation(cityB, instB, 'LOCATED_IN'), relation(liB, cityB, 'LOCATED_IN')];
    const doc = { docId: 'd', title: 'd', text: TEXT, blocks: [{ kind: 'paragraph' as const, start: 0, end: TEXT.length }], layers: new Map([['a', a], ['b', b]]) };
    const { relations, documents } = computeAgreement([doc], ['a', 'b']);
    expect(relations.relations).toEqual({ a: 3, b: 3 });
    // exact: only Li Wei LOCATED_IN Guangzhou: tp 1, fp 2, fn 2 → P = R = F1 = 1/3
    expect(relations.pairs[0]!.exact).toEqual({ tp: 1, fp: 2, fn: 2, precision: 1 / 3, recall: 1 / 3, f1: 1 / 3 });
    // overlap: WORKS_AT (the Institute overlaps) too: tp 2, fp 1, fn 1 → 2/3
    expect(relations.pairs[0]!.overlap).toEqual({ tp: 2, fp: 1, fn: 1, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    const [located, works] = relations.types;
    expect(located).toMatchObject({ type: 'LOCATED_IN', relations: { a: 2, b: 2 } });
    // LOCATED_IN: 1 of 2 both ways (the reversed one never matches): F1 1/2, exact and overlap
    expect(located!.pairs[0]!.exact).toMatchObject({ tp: 1, fp: 1, fn: 1, f1: 0.5 });
    expect(located!.pairs[0]!.overlap).toMatchObject({ tp: 1, fp: 1, fn: 1, f1: 0.5 });
    // WORKS_AT: the ends differ in boundary only: 0 exact, 1 by overlap
    expect(works!.pairs[0]!.exact).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(works!.pairs[0]!.overlap).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    expect(documents[0]!.relations).toEqual(relations);
    // were LOCATED_IN undirected, bob's reversed one would match too: 2 of 2 each way
    const both = computeAgreement([doc], ['a', 'b'], new Set(['LOCATED_IN'])).relations.types[0]!;
    expect(both.pairs[0]!.exact).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(both.pairs[0]!.overlap).toMatchObject({ tp: 2, fp: 0, fn: 0, f1: 1 });
  });

  it('leaves out relations whose mentions are not placed, and documents a layer did not take part in', () => {
    const li = mention('Li Wei', 'PERSON');
    const inst = { ...mention('Guangzhou Institute', 'ORG'), orphan: { reason: 'text changed', since: '' } };
    const placed = mention('Guangzhou Institute', 'ORG');
    const layers = new Map([['a', [li, inst, relation(li, inst, 'WORKS_AT')]], ['b', [li, placed, relation(li, placed, 'WORKS_AT')]]]);
    const doc = { docId: 'd', title: 'd', text: TEXT, blocks: [], layers };
    const only = { ...doc, docId: 'e', layers: new Map([['b', [li, placed, relation(li, placed, 'WORKS_AT')]]]) };
    const { relations } = computeAgreement([doc, only], ['a', 'b']);
    expect(relations.relations).toEqual({ a: 0, b: 2 });
    // b's relation in e is not a false positive: a did not annotate e
    expect(relations.pairs[0]!.exact).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, recall: null, f1: 0 });
  });
});
