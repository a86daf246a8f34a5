export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** A metric, its unit, the target it is held to, and the floor measured in the same run. */
export interface Metric {
  name: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
  floor?: number;
}

export function printTable(metrics: readonly Metric[]): string {
  const rows = [['metric', 'value', 'unit', 'floor', 'target', ''], ...metrics.map((m) => [m.name, String(round(m.value)), m.unit, m.floor === undefined ? '' : String(round(m.floor)), m.target ?? '', m.met === undefined ? '' : m.met ? 'met' : 'MISSED'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
