/**
 * Per-query cost of the bench's 240 queries on one archive, in-process and read-only
 * (helper `phrase`, issue #19): `tsx bench/search-profile.ts ARCHIVE [--snippets] [--top 30]`.
 * Prints the queries that cost the most CPU (wall beside it: on a loaded machine wall time is
 * mostly waiting for a core), in one pass after a fresh open and 30 warm-up queries, as
 * `bench/index-storage.ts` measures them (first reads of positions included), then in a
 * second pass over the same queries (warm).
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
const archiveDir = args[0]!;
const vocabulary = makeVocabulary(seeded(20261121));
const queries = makeQueries(seeded(7), vocabulary);
const warmUp = makeQueries(seeded(8), vocabulary).slice(0, 30);

const archive = await Archive.open(archiveDir, { writable: false, owner: 'bench' });
for (const q of warmUp) await archive.search.search(q, { limit: 20, snippets });
for (const pass of ['first', 'warm']) {
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
