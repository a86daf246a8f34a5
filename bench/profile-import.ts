/**
 * Where an import's time goes (issue #19): makes a corpus like the bench's, imports
 * `--base` files into an archive, then imports `--files` more under `node --cpu-prof` and
 * prints the main thread's heaviest functions (self time) and the import's docs/s.
 *
 *   npx tsx bench/profile-import.ts --base 10000 --files 2000 --dir /tmp/prof
 *
 * Needs `npm run build` (it runs the built CLI, as the bench does).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { makeCorpus } from './lib/corpus';
import { watchPeakRss } from './lib/peak-rss';

const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const BASE = Number(flag('--base') ?? 10_000);
const FILES = Number(flag('--files') ?? 2000);
const DIR = resolve(flag('--dir') ?? '/tmp/marginalia-profile');
/** --no-prof: no profiler (its own cost and memory), only docs/s and the peak RSS */
const PROFILE = !process.argv.includes('--no-prof');
/** --bin PATH: another build's bin/marginalia.mjs (a "before" copy), so two builds run alternately on one corpus */
const BIN = resolve(flag('--bin') ?? join(import.meta.dirname, '..', 'bin', 'marginalia.mjs'));
/** --from ARCHIVE --files-dir DIR: import DIR into a copy of an archive built elsewhere (e.g. the 100,000 one) instead of the made corpus */
const FROM = flag('--from');
const FILES_DIR = flag('--files-dir');
/**
 * --spans a,b,…: for each function of these names (each definition apart), the main thread's
 * time with it on the stack, as spans of consecutive samples (one span: one synchronous run,
 * e.g. one compaction's sorting), and the heaviest functions inside its spans.
 */
const SPANS = (flag('--spans') ?? 'compact,rankTitles,encodeCompact,saveMetaFiles,writeFileDurable,mergeParts,sortedTermOrder,restore,termIndex,flushPositions').split(',').filter(Boolean);

interface Node {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** --profiles DIR: only print what the profiles already in DIR (a run's) show */
const PROFILES = flag('--profiles');

async function main(): Promise<void> {
  if (PROFILES) return printProfiles(resolve(PROFILES));
  const corpusDir = join(DIR, 'corpus');
  const base = join(DIR, 'base');
  const archive = join(DIR, 'archive');
  const stages = [BASE, BASE + FILES];
  const stageDirs = FROM && FILES_DIR ? [FROM, resolve(FILES_DIR)] : stages.map((size) => join(corpusDir, 'text', `upto-${String(size).padStart(6, '0')}`));
  if (!existsSync(stageDirs[1]!)) await makeCorpus(corpusDir, BASE + FILES, undefined, stages);
  if (!FROM && !existsSync(join(base, 'library.json'))) {
    const started = performance.now();
    const run = spawnSync(process.execPath, [BIN, '--archive', base, 'import', '--json', stageDirs[0]!], { maxBuffer: 1 << 30 });
    console.log(`base import of ${BASE} files: exit ${run.status}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  // Each run imports into a copy of the base archive, so runs before and after a change compare.
  await rm(archive, { recursive: true, force: true });
  await mkdir(DIR, { recursive: true });
  spawnSync('cp', ['-a', FROM ? resolve(FROM) : base, archive]);
  const profDir = join(DIR, 'profiles');
  await rm(profDir, { recursive: true, force: true });
  const start = performance.now();
  // GNU time adds the CPU seconds the import used (all its threads), which a loaded machine changes far less than the wall time.
  const timed = existsSync('/usr/bin/time') && !PROFILE;
  const command = [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), BIN, '--archive', archive, 'import', '--json', stageDirs[1]!];
  const child = timed ? spawn('/usr/bin/time', ['-f', 'cpu %U %S %M', process.execPath, ...command], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(process.execPath, command, { stdio: ['ignore', 'pipe', 'inherit'] });
  const rss = watchPeakRss(child.pid);
  const threads = timed ? watchThreads(child.pid) : undefined;
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  await new Promise((done) => child.once('exit', done));
  const ms = performance.now() - start;
  const peakMb = rss.stop();
  const perThread = threads?.stop();
  const outcomes = JSON.parse(out) as { status: string }[];
  const imported = outcomes.filter((o) => o.status === 'imported').length;
  const cpu = /cpu ([\d.]+) ([\d.]+) (\d+)/.exec(err);
  const cpuMs = cpu ? ((Number(cpu[1]) + Number(cpu[2])) * 1000) / imported : NaN;
  // Under GNU time the watched process is time itself: the import's peak is its %M.
  const peak = cpu ? Number(cpu[3]) / 1024 : peakMb;
  console.log(`${imported} imported in ${(ms / 1000).toFixed(1)} s: ${(imported / (ms / 1000)).toFixed(0)} docs/s${PROFILE ? ' (profiled)' : ''}, peak RSS ${peak.toFixed(0)} MB${cpu ? `, ${cpuMs.toFixed(2)} ms of CPU per document (user+system, all threads)` : ''}`);
  if (perThread?.length) {
    // Each thread's CPU (Linux /proc, last seen before it ended): the main thread first, then by CPU.
    console.log(`threads (user+system ms per document; main first, then the largest):`);
    for (const t of perThread.slice(0, 10)) console.log(`  ${t.main ? 'main' : `tid ${t.tid}`}: ${(t.userMs / imported).toFixed(2)} + ${(t.systemMs / imported).toFixed(2)}`);
  }
  if (PROFILE) await printProfiles(profDir);
}

/** Each profile's heaviest functions (self time), and the spans of --spans. */
async function printProfiles(profDir: string): Promise<void> {
  for (const name of (await readdir(profDir)).sort()) {
    const profile = JSON.parse(await readFile(join(profDir, name), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const byFunction = new Map<string, number>();
    let total = 0;
    for (const node of profile.nodes) {
      const us = self.get(node.id) ?? 0;
      total += us;
      const f = node.callFrame;
      const key = keyOf(f);
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    }
    const idle = byFunction.get('(idle) :0') ?? 0;
    console.log(`\n${name}: ${(total / 1e6).toFixed(1)} s sampled, ${((total - idle) / 1e6).toFixed(1)} s busy`);
    for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(us / 1000).toFixed(0).padStart(8)} ms  ${key}`);
    printSpans(profile);
  }
}

const keyOf = (f: Node['callFrame']) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(out|src|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;

/**
 * The spans of each function named in --spans: runs of consecutive samples with it on the
 * stack (a gap of idle or other work ends a span). Printed: how many, their total and
 * largest, each span's length (in order), and the functions heaviest in self time inside them.
 */
function printSpans(profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] }): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
  const stackKeys = new Map<number, Set<string>>();
  const keysOf = (id: number): Set<string> => {
    let keys = stackKeys.get(id);
    if (keys) return keys;
    const node = byId.get(id)!;
    keys = new Set(node.parent === undefined ? [] : keysOf(node.parent));
    if (SPANS.includes(node.callFrame.functionName)) keys.add(keyOf(node.callFrame));
    stackKeys.set(id, keys);
    return keys;
  };
  const spans = new Map<string, { spans: number[]; inside: Map<string, number>; open: boolean }>();
  profile.samples.forEach((id, i) => {
    // A sample's delta is the time since the previous one: the next sample's delta is this one's length.
    const us = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(id)!;
    // The collector's and V8's own samples have no stack: they belong to the span they interrupt.
    const unowned = node.callFrame.functionName === '(garbage collector)' || node.callFrame.functionName === '(program)';
    const keys = unowned ? new Set([...spans].flatMap(([key, s]) => (s.open ? [key] : []))) : keysOf(id);
    for (const [key, s] of spans) if (!keys.has(key)) s.open = false;
    for (const key of keys) {
      let s = spans.get(key);
      if (!s) spans.set(key, (s = { spans: [], inside: new Map(), open: false }));
      if (!s.open) s.spans.push(0);
      s.open = true;
      s.spans[s.spans.length - 1]! += us;
      const self = keyOf(node.callFrame);
      s.inside.set(self, (s.inside.get(self) ?? 0) + us);
    }
  });
  for (const [key, s] of [...spans].sort((a, b) => a[0].localeCompare(b[0]))) {
    const total = s.spans.reduce((a, b) => a + b, 0);
    // Spans under 20 ms are counted, not listed (an await splits a function into many).
    const long = s.spans.filter((us) => us >= 20_000);
    console.log(`\n${key}: ${s.spans.length} spans, ${(total / 1000).toFixed(0)} ms, largest ${(Math.max(...s.spans) / 1000).toFixed(0)} ms; spans ≥ 20 ms: ${long.map((us) => (us / 1000).toFixed(0)).join(' ')}`);
    for (const [inner, us] of [...s.inside].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${(us / 1000).toFixed(0).padStart(8)} ms  ${inner}`);
  }
}

/**
 * CPU time of each thread of the import (GNU time's child: the node process), sampled every
 * 200 ms from /proc/<pid>/task/<tid>/stat (utime and stime, in clock ticks of 10 ms): how
 * the CPU per document divides between the main thread, the parse workers and libuv's pool.
 */
function watchThreads(timePid: number | undefined): { stop: () => { tid: number; main: boolean; userMs: number; systemMs: number }[] } {
  const last = new Map<number, { userMs: number; systemMs: number }>();
  let pid: number | undefined;
  const read = () => {
    try {
      pid ??= Number(readFileSync(`/proc/${timePid}/task/${timePid}/children`, 'utf8').trim().split(' ')[0]) || undefined;
      if (!pid) return;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
        last.set(Number(tid), { userMs: Number(fields[11]) * 10, systemMs: Number(fields[12]) * 10 });
      }
    } catch {
      /* a thread or the process ended between the listing and the read */
    }
  };
  const timer = setInterval(read, 200);
  return {
    stop: () => {
      clearInterval(timer);
      return [...last]
        .map(([tid, t]) => ({ tid, main: tid === pid, ...t }))
        .sort((a, b) => Number(b.main) - Number(a.main) || b.userMs + b.systemMs - (a.userMs + a.systemMs));
    },
  };
}

await main();
