/**
 * Chance-corrected agreement coefficients on nominal data. Pure functions of the values;
 * null marks a missing value (an annotator who did not annotate that unit).
 */

/**
 * Cohen's κ for two annotators over the same units: (pₒ − pₑ) / (1 − pₑ), with pₑ from each
 * annotator's own marginals (Cohen 1960). Units where either value is missing are left out.
 * `kappa` is null where it is undefined: no units, or both used one and the same category only.
 */
export function cohensKappa(a: readonly (string | null)[], b: readonly (string | null)[]): { kappa: number | null; observed: number | null; units: number } {
  if (a.length !== b.length) throw new RangeError(`Cohen's kappa needs the same units for both annotators (${a.length} and ${b.length} values)`);
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  let n = 0;
  let agree = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x == null || y == null) continue;
    n++;
    if (x === y) agree++;
    countA.set(x, (countA.get(x) ?? 0) + 1);
    countB.set(y, (countB.get(y) ?? 0) + 1);
  }
  if (!n) return { kappa: null, observed: null, units: 0 };
  const observed = agree / n;
  let expected = 0;
  for (const [c, na] of countA) expected += (na / n) * ((countB.get(c) ?? 0) / n);
  return { kappa: expected === 1 ? null : (observed - expected) / (1 - expected), observed, units: n };
}

/**
 * Krippendorff's α for nominal data, for any number of annotators with missing values
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C):
 * α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, from the coincidence matrix o of the units
 * that at least two annotators valued (pairable values). `units[u]` holds the values given
 * to unit u (nulls and absent annotators are simply not there). α is null where it is
 * undefined: fewer than two pairable values, or a single category among them (no variation).
 */
export function krippendorffAlpha(units: Iterable<readonly (string | null)[]>): { alpha: number | null; pairable: number } {
  const o = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    let row = o.get(c);
    if (!row) o.set(c, (row = new Map()));
    row.set(k, (row.get(k) ?? 0) + w);
  };
  for (const unit of units) {
    const counts = new Map<string, number>();
    let m = 0;
    for (const v of unit) {
      if (v == null) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) add(c, k, (c === k ? nc * (nc - 1) : nc * nk) / (m - 1));
    }
  }
  return alphaFromCoincidences(o);
}

/** α from the coincidence matrix: observed disagreement over the disagreement expected by chance. */
function alphaFromCoincidences(o: Map<string, Map<string, number>>): { alpha: number | null; pairable: number } {
  const nc = new Map<string, number>();
  let n = 0;
  let disagree = 0;
  for (const [c, row] of o) {
    for (const [k, w] of row) {
      nc.set(c, (nc.get(c) ?? 0) + w);
      n += w;
      if (c !== k) disagree += w;
    }
  }
  const pairable = Math.round(n);
  if (n < 2 || nc.size < 2) return { alpha: null, pairable };
  let chance = 0;
  for (const [c, a] of nc) for (const [k, b] of nc) if (c !== k) chance += a * b;
  return { alpha: 1 - ((n - 1) * disagree) / chance, pairable };
}
