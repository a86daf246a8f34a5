/** A seeded PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  /** standard normal (Box-Muller) */
  const normal = () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  /** Zipf-like over [0, n): small indices far more often */
  const zipf = (n: number) => Math.min(n - 1, Math.floor(n ** next()) - 1);
  return { next, int, pick, normal, zipf };
}
export type Random = ReturnType<typeof seeded>;
