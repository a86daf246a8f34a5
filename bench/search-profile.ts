/**
 * Per-query cost of the bench's 240 queries on one archive, in-process and read-only
 * (helper `phrase`, issue #19): `tsx bench/search-profile.ts ARCHIVE [--snippets] [--top 30]`.
 * Prints the queries that cost the most CPU (wall beside it: on a loaded machine wall time is
 * mostly waiting for a core), in one pass after a fresh open and 30 warm-up queries, as
 * `bench/index-storage.ts` measures them (first reads of positions included), then in a
 * second pass over the same queries (warm). With `--min-of N` (helper `search`) each query runs
 * N times in a row instead and the minimum CPU per query is kept: on a machine loaded by other
 * work the minimum is the figure that repeats, so two builds compare on it.
 */
import { Archive } from '../src/main/core/archive';
import { percentile } from './lib/measure';
import { makeQueries } from './lib/queries';
import { seeded } from './lib/random';
import { makeVocabulary } from './lib/text-generator';

const args = process.argv.slice(2);
const snippets = args.includes('--snippets');
const topAt = args.indexOf('--top');
const TOP = topAt >= 0 ? Number(args[topAt + 1]) : 30;
const minAt = args.indexOf('--min-of');
const MIN_OF = minAt >= 0 ? Number(args[minAt + 1]) : 0;
const archiveDir = args[0]!;
const vocabulary = makeVocabulary(seeded(20261121));
const queries = makeQueries(seeded(7), vocabulary);
const warmUp = makeQueries(seeded(8), vocabulary).slice(0, 30);

const archive = await Archive.open(archiveDir, { writable: false, owner: 'bench' });
for (const q of warmUp) await archive.search.search(q, { limit: 20, snippets });
if (MIN_OF > 0) {
  const first: number[] = [];
  const best: number[] = [];
  for (const q of queries) {
    let min = Infinity;
    for (let i = 0; i < MIN_OF; i++) {
      const before = process.cpuUsage();
      await archive.search.search(q, { limit: 20, snippets });
      const spent = process.cpuUsage(before);
      const ms = (spent.user + spent.system) / 1000;
      if (i === 0) first.push(ms);
      min = Math.min(min, ms);
    }
    best.push(min);
  }
  const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`load ${load}; first run cpu p50 ${percentile(first, 50).toFixed(2)} p95 ${percentile(first, 95).toFixed(2)}; min of ${MIN_OF} cpu p50 ${percentile(best, 50).toFixed(2)} p95 ${percentile(best, 95).toFixed(2)} p99 ${percentile(best, 99).toFixed(2)}, sum ${best.reduce((a, b) => a + b, 0).toFixed(0)} ms`);
}
for (const pass of MIN_OF > 0 ? [] : ['first', 'warm']) {
  const rows: { q: string; wall: number; cpu: number; total: number }[] = [];
  for (const q of queries) {
    const start = performance.now();
    const before = process.cpuUsage();
    const r = await archive.search.search(q, { limit: 20, snippets });
    const spent = process.cpuUsage(before);
    rows.push({ q, wall: performance.now() - start, cpu: (spent.user + spent.system) / 1000, total: r.total });
  }
  console.log(`${pass} pass: wall p50 ${percentile(rows.map((r) => r.wall), 50).toFixed(2)} p95 ${percentile(rows.map((r) => r.wall), 95).toFixed(2)}; cpu p50 ${percentile(rows.map((r) => r.cpu), 50).toFixed(2)} p95 ${percentile(rows.map((r) => r.cpu), 95).toFixed(2)}`);
  for (const r of rows.sort((a, b) => b.cpu - a.cpu).slice(0, TOP)) console.log(`  ${r.wall.toFixed(2).padStart(7)} ms wall ${r.cpu.toFixed(2).padStart(7)} ms cpu  ${String(r.total).padStart(6)}  ${r.q}`);
}
await archive.close();
