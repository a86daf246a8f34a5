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
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Archive } from '../src/main/core/archive';
import { percentile } from './lib/measure';
import { watchPeakRss } from './lib/peak-rss';
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
  const child = spawn(process.execPath, [BIN, '--archive', archiveDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = watchPeakRss(child.pid);
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /at (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const origin = new URL(url).origin;
    const token = new URL(url).searchParams.get('token')!;
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
    await (await fetch(`${origin}/api/library.list`, { method: 'POST', headers, body: '{}' })).json();
    const listMs = performance.now() - start;
    const query = async (q: string, snippets = false) => (await fetch(`${origin}/api/search.query`, { method: 'POST', headers, body: JSON.stringify({ query: q, limit: 20, snippets }) })).json();
    await query(queries[0]!);
    const firstSearchMs = performance.now() - start;
    for (const q of queries.slice(0, 60)) await query(q, true);
    await new Promise((r) => setTimeout(r, 500));
    const afterRss = rssNow(child.pid!);
    const cpu = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(' ');
    const cpuMs = ((Number(cpu[13]) + Number(cpu[14])) * 1000) / 100;
    return { listMs, firstSearchMs, peakRssMb: rss.stop(), rssAfter60SearchesMb: afterRss, serveCpuMs: cpuMs };
  } finally {
    rss.stop();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
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
