import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model';
import { computeAgreement, type AgreementInput } from './agreement';

let n = 0;
function mention(text: string, quote: string, label: string, from = 0): Annotation {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(quote);
  return { id: `m${++n}`, docId: 'doc1', kind: 'entity', label, target: { start, end: start + quote.length, quote, prefix: '', suffix: '' }, createdAt: '', updatedAt: '' };
}

function doc(text: string, layers: Record<string, Annotation[]>, docId = 'doc1'): AgreementInput {
  return { docId, title: docId, text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }], layers: new Map(Object.entries(layers)) };
}

describe('computeAgreement', () => {
  it('labels CoNLL tokens and gives κ, α and span F1 as counted by hand', () => {
    const text = 'Li Wei met Wang Fang in Beijing';
    // tokens: Li Wei met Wang Fang in Beijing (7)
    // a: [Li Wei]PER [Wang Fang]PER [Beijing]LOC -> PER PER O PER PER O LOC
    // b: [Li Wei]PER [Wang]PER        [Beijing]ORG -> PER PER O PER O  O ORG
    const a = [mention(text, 'Li Wei', 'PERSON'), mention(text, 'Wang Fang', 'PERSON'), mention(text, 'Beijing', 'LOCATION')];
    const b = [mention(text, 'Li Wei', 'PERSON'), mention(text, 'Wang', 'PERSON'), mention(text, 'Beijing', 'ORG')];
    const report = computeAgreement([doc(text, { a, b })], ['a', 'b']);
    expect(report.tokens).toBe(7);
    const pair = report.pairs[0]!;
    // po = 5/7; pa: PER 4/7, O 2/7, LOC 1/7; pb: PER 3/7, O 3/7, ORG 1/7; pe = (12 + 6)/49 = 18/49
    const po = 5 / 7;
    const pe = 18 / 49;
    expect(pair.observed).toBeCloseTo(po, 12);
    expect(pair.kappa).toBeCloseTo((po - pe) / (1 - pe), 12);
    // α by hand: o_PER,PER = 6, o_PER,O = o_O,PER = 1, o_O,O = 4, o_LOC,ORG = o_ORG,LOC = 1; n = 14
    // n_PER = 7, n_O = 5, n_LOC = n_ORG = 1; Σ_{c≠k} n_c n_k = 14² − (49 + 25 + 1 + 1) = 120; α = 1 − 13·4/120
    expect(report.alpha).toBeCloseTo(1 - (13 * 4) / 120, 12);
    // spans: exact Li Wei only; overlap Li Wei and Wang/Wang Fang; Beijing differs by label
    expect(pair.exact).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(pair.overlap).toMatchObject({ tp: 2, fp: 1, fn: 1, f1: 2 / 3 });
    const person = report.labels.find((l) => l.label === 'PERSON')!;
    expect(person.mentions).toEqual({ a: 2, b: 2 });
    expect(person.pairs[0]!.exact).toMatchObject({ tp: 1, fp: 1, fn: 1, f1: 0.5 });
    expect(report.documents[0]!.layers).toEqual(['a', 'b']);
  });

  it('tokenises Chinese into segmented words, not characters, and cuts tokens at mention boundaries', () => {
    const text = '广州生物医药与健康研究院今天发布报告。';
    const org = mention(text, '广州生物医药与健康研究院', 'ORG');
    const place = mention(text, '广州', 'LOCATION');
    const report = computeAgreement([doc(text, { a: [org], b: [place] })], ['a', 'b']);
    // far fewer tokens than the 19 characters: ICU words (广州 / 生物 / 医药 / 与 / 健康 / 研究院 / 今天 / 发布 / 报告 / 。)
    expect(report.tokens).toBeLessThan(text.length - 5);
    expect(report.tokens).toBeGreaterThanOrEqual(8);
    expect(report.pairs[0]!.overlap.tp).toBe(0);
  });

  it('treats a layer absent from a document as missing: α over the others, pairs skip the document', () => {
    const text = 'Li Wei met Wang Fang';
    const d1 = doc(text, { a: [mention(text, 'Li Wei', 'PERSON')], b: [mention(text, 'Li Wei', 'PERSON')], c: [mention(text, 'Wang Fang', 'PERSON')] }, 'doc1');
    const d2 = doc(text, { a: [mention(text, 'Li Wei', 'PERSON')], b: [mention(text, 'Li Wei', 'PERSON')] }, 'doc2');
    const report = computeAgreement([d1, d2], ['a', 'b', 'c']);
    const ab = report.pairs.find((p) => p.a === 'a' && p.b === 'b')!;
    const ac = report.pairs.find((p) => p.a === 'a' && p.b === 'c')!;
    expect(ab).toMatchObject({ tokens: 10, kappa: 1, exact: { tp: 2, fp: 0, fn: 0, f1: 1 } });
    expect(ac.tokens).toBe(5);
    expect(report.documents[1]!.layers).toEqual(['a', 'b']);
    expect(report.documents[1]!.alpha).toBe(1);
    expect(report.tokens).toBe(10);
  });
});
