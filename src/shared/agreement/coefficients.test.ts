import { describe, expect, it } from 'vitest';
import { cohensKappa, krippendorffAlpha } from './coefficients';

/** Two annotators' values from a 2×2 table of counts (yes/yes, yes/no, no/yes, no/no). */
function table(yy: number, yn: number, ny: number, nn: number): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  for (const [x, y, n] of [['Y', 'Y', yy], ['Y', 'N', yn], ['N', 'Y', ny], ['N', 'N', nn]] as const) {
    for (let i = 0; i < n; i++) {
      a.push(x);
      b.push(y);
    }
  }
  return [a, b];
}

describe("Cohen's kappa", () => {
  it('gives the textbook values (the 2×2 examples of Wikipedia "Cohen\'s kappa": 0.4, 0.1304, 0.2593)', () => {
    // 50 grant proposals read by two readers: po = 0.7, pe = 0.5
    expect(cohensKappa(...table(20, 5, 10, 15))).toEqual({ kappa: expect.closeTo(0.4, 10), observed: expect.closeTo(0.7, 10), units: 50 });
    // the same observed agreement (0.6), different marginals
    expect(cohensKappa(...table(45, 15, 25, 15)).kappa).toBeCloseTo(0.1304, 4);
    expect(cohensKappa(...table(25, 35, 5, 35)).kappa).toBeCloseTo(0.2593, 4);
  });

  it('matches a small case computed by hand, leaves out missing values, and is undefined without variation', () => {
    // a: A A B B C, b: A B B B C  -> po = 4/5; pa = (.4,.4,.2), pb = (.2,.6,.2); pe = .08+.24+.04 = .36; κ = .44/.64
    expect(cohensKappa(['A', 'A', 'B', 'B', 'C', 'C'], ['A', 'B', 'B', 'B', 'C', null]).kappa).toBeCloseTo(0.44 / 0.64, 12);
    expect(cohensKappa(['O', 'O'], ['O', 'O'])).toEqual({ kappa: null, observed: 1, units: 2 });
    expect(cohensKappa([], []).kappa).toBeNull();
    expect(() => cohensKappa(['A'], [])).toThrow(RangeError);
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("gives the values of Krippendorff's own worked examples (2011, Computing Krippendorff's Alpha-Reliability)", () => {
    // A: two observers, binary data, ten units: α = 0.095
    const a = '0100000010'.split('');
    const b = '1110010000'.split('');
    expect(krippendorffAlpha(a.map((x, i) => [x, b[i]!])).alpha).toBeCloseTo(0.095, 3);
    // C: four observers, values 1–5, twelve units with missing data: nominal α = 0.743
    const units = [
      ['1', '1', null, '1'],
      ['2', '2', '3', '2'],
      ['3', '3', '3', '3'],
      ['3', '3', '3', '3'],
      ['2', '2', '2', '2'],
      ['1', '2', '3', '4'],
      ['4', '4', '4', '4'],
      ['1', '1', '2', '1'],
      ['2', '2', '2', '2'],
      [null, '5', '5', '5'],
      [null, null, '1', '1'],
      [null, '3', null, null],
    ];
    const result = krippendorffAlpha(units);
    expect(result.alpha).toBeCloseTo(0.743, 3);
    // unit 12 has one value only: not pairable
    expect(result.pairable).toBe(40);
  });

  it('matches a small case computed by hand and equals 1 − Do/De for two annotators', () => {
    // units (A,A) (A,B) (B,B): o_AA = 2, o_AB = o_BA = 1, o_BB = 2; n = 6, n_A = n_B = 3
    // α = 1 − (n−1)·(o_AB+o_BA) / (n_A·n_B + n_B·n_A) = 1 − 5·2/18 = 4/9
    expect(krippendorffAlpha([['A', 'A'], ['A', 'B'], ['B', 'B']]).alpha).toBeCloseTo(4 / 9, 12);
    expect(krippendorffAlpha([['A', 'A'], ['B', 'B']]).alpha).toBe(1);
    expect(krippendorffAlpha([['O', 'O'], ['O', 'O']]).alpha).toBeNull();
    expect(krippendorffAlpha([['A'], ['B']])).toEqual({ alpha: null, pairable: 0 });
  });
});
