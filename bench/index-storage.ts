/**
 * The search index's storage on one archive, so that two builds compare on the same files
 * (helper `posfile`, issue #19): `tsx bench/index-storage.ts ARCHIVE [--bin bin/marginalia.mjs]
 * [--runs 3] [--results out.json] [--no-serve]` (--no-serve: only the in-process read-only part).
 *
 * - start-up: `marginalia serve` in a fresh process (as the bench's reopen phase): library
 *   listed, first search answered, peak RSS (VmHWM), and the RSS once idle after a few searches;
 * - the bench's 240 queries in-process, bare and with snippets: wall and CPU p50/p95;
 * - with --results, every query's total, ids and scores written out, to compare two builds.
 *
 * Opens the archive read-only: the archive is not changed.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Archive } from '../src/main/core/archive';
import { percentile } from './lib/measure';
import { startServe } from './lib/serve';
import { makeQueries } from './lib/queries';
import { seeded } from './lib/random';
import { makeVocabulary } from './lib/text-generator';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const BIN = option('--bin') ?? join(import.meta.dirname, '../bin/marginalia.mjs');
const RUNS = Number(option('--runs') ?? 3);
const RESULTS = option('--results');
const SERVE = !args.includes('--no-serve');
if (!SERVE) args.splice(args.indexOf('--no-serve'), 1);
const archiveDir = args[0]!;

const vocabulary = makeVocabulary(seeded(20261121));
const queries = makeQueries(seeded(7), vocabulary);
const warmUp = makeQueries(seeded(8), vocabulary).slice(0, 30);

const rssNow = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function serve(): Promise<Record<string, number>> {
  const start = performance.now();
  const served = await startServe(archiveDir, BIN);
  try {
    await served.call('library.list', {});
    const listMs = performance.now() - start;
    const query = (q: string, snippets = false) => served.call('search.query', { query: q, limit: 20, snippets });
    await query(queries[0]!);
    const firstSearchMs = performance.now() - start;
    for (const q of queries.slice(0, 60)) await query(q, true);
    await new Promise((r) => setTimeout(r, 500));
    const pid = served.child.pid!;
    const afterRss = rssNow(pid);
    const cpu = readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ');
    const cpuMs = ((Number(cpu[13]) + Number(cpu[14])) * 1000) / 100;
    return { listMs, firstSearchMs, peakRssMb: served.rss.stop(), rssAfter60SearchesMb: afterRss, serveCpuMs: cpuMs };
  } finally {
    await served.stop();
  }
}

async function latency(snippets: boolean, record?: unknown[]): Promise<Record<string, number>> {
  const used = process.cpuUsage();
  const t0 = performance.now();
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'bench' });
  const open = process.cpuUsage(used);
  const openMs = performance.now() - t0;
  const times: number[] = [];
  const cpu: number[] = [];
  for (const q of warmUp) await archive.search.search(q, { limit: 20, snippets });
  for (const q of queries) {
    const start = performance.now();
    const before = process.cpuUsage();
    const result = await archive.search.search(q, { limit: 20, snippets });
    const spent = process.cpuUsage(before);
    times.push(performance.now() - start);
    cpu.push((spent.user + spent.system) / 1000);
    record?.push({ q, total: result.total, approximate: result.approximate ?? false, hits: result.hits.map((h) => [h.id, h.score, h.snippet?.text]) });
  }
  await archive.close();
  return { openMs, openCpuMs: (open.user + open.system) / 1000, p50: percentile(times, 50), p95: percentile(times, 95), cpuP50: percentile(cpu, 50), cpuP95: percentile(cpu, 95) };
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
if (SERVE) for (let run = 0; run < RUNS; run++) console.log(`serve run ${run + 1} (load ${load()}):`, JSON.stringify(await serve()));
const record: unknown[] = [];
for (let run = 0; run < RUNS; run++) {
  console.log(`bare run ${run + 1} (load ${load()}):`, JSON.stringify(await latency(false, run === 0 ? record : undefined)));
  console.log(`snippets run ${run + 1} (load ${load()}):`, JSON.stringify(await latency(true)));
}
if (RESULTS) {
  const withSnippets: unknown[] = [];
  await latency(true, withSnippets);
  await writeFile(RESULTS, JSON.stringify({ bare: record, snippets: withSnippets }));
}
