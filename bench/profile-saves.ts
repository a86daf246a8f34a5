/**
 * Where a durable annotation save's time goes (issue #19 item 4): opens an archive for
 * writing, saves `--count` highlights then as many updates on one document of more than
 * 20,000 characters (as the bench's annotationSaves does), and prints per save the wall
 * time, the process's CPU time and the GC pauses inside it, beside a floor measured
 * between the saves (one durable write of the document's annotations as they stand, as
 * annotations.json holds them: temp file, fsync, rename, fsync of the folder), so that both
 * see the same load.
 *
 *   npx tsx bench/profile-saves.ts --archive /tmp/copy-of-an-archive [--count 100] [--ballast-mb 0] [--prof]
 *
 * It writes to the archive: run it on a copy. `--ballast-mb N` holds N MB of strings in
 * the process beside the archive (as the bench's own process holds the corpus' texts);
 * `--prof` writes a CPU profile of the save loop to the archive's parent folder.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { readdir } from 'node:fs/promises';
import { Archive } from '../src/main/core/archive';
import { writeFileDurable } from '../src/main/core/store/durable-file';
import { percentile } from './lib/measure';
import { searchLatency } from './lib/phases';
import { makeQueries } from './lib/queries';
import { seeded } from './lib/random';
import { makeVocabulary } from './lib/text-generator';

const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ARCHIVE = flag('--archive');
const COUNT = Number(flag('--count') ?? 100);
const BALLAST_MB = Number(flag('--ballast-mb') ?? 0);
const PROF = process.argv.includes('--prof');
/** --texts: hold every document's text in this process first, as the bench's process holds the corpus for its regex floor */
const TEXTS = process.argv.includes('--texts');
/** --search: run the bench's two search phases first (in-process archives opened and closed), as the bench does before the saves */
const SEARCH = process.argv.includes('--search');

interface Sample {
  wall: number;
  cpu: number;
  gc: number;
}

const gcPauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ['gc'] });

/** Runs `work`, measuring its wall time, the process's CPU time and the GC pauses that started inside it. */
async function measured(work: () => Promise<unknown>): Promise<Sample> {
  const start = performance.now();
  const used = process.cpuUsage();
  await work();
  const spent = process.cpuUsage(used);
  const end = performance.now();
  // GC entries are delivered later: matched by time once the loop is over.
  return { wall: end - start, cpu: (spent.user + spent.system) / 1000, gc: start };
}

function gcInside(samples: Sample[]): void {
  for (const s of samples) {
    const from = s.gc;
    const to = from + s.wall;
    s.gc = gcPauses.filter((g) => g.start >= from && g.start < to).reduce((n, g) => n + g.duration, 0);
  }
}

function summary(name: string, samples: readonly Sample[]): string {
  const col = (f: (s: Sample) => number) => `${percentile(samples.map(f), 50).toFixed(2)}/${percentile(samples.map(f), 95).toFixed(2)}`;
  const max = Math.max(...samples.map((s) => s.wall)).toFixed(1);
  return `${name.padEnd(8)} wall p50/p95 ${col((s) => s.wall)} ms (max ${max})  cpu ${col((s) => s.cpu)} ms  gc ${col((s) => s.gc)} ms`;
}

async function main(): Promise<void> {
  if (!ARCHIVE) throw new Error('--archive DIR (a copy: the saves write to it)');
  const ballast: string[] = [];
  // 5 KB strings, as the corpus' texts the bench keeps for its regex floor (~100,000 of them at 100,000 documents)
  for (let i = 0; i < BALLAST_MB * 200; i++) ballast.push(`${i} `.repeat(1000).slice(0, 5120));
  const texts: string[] = [];
  if (TEXTS) {
    const ids = await readdir(join(ARCHIVE, 'docs'));
    for (let i = 0; i < ids.length; i += 64) texts.push(...(await Promise.all(ids.slice(i, i + 64).map((id) => readFile(join(ARCHIVE, 'docs', id, 'text.txt'), 'utf8').catch(() => '')))));
  }
  if (SEARCH) {
    const vocabulary = makeVocabulary(seeded(20261121));
    const queries = makeQueries(seeded(7), vocabulary);
    const warmUp = makeQueries(seeded(8), vocabulary).slice(0, 30);
    for (const snippets of [false, true]) console.log(`search${snippets ? ' with snippets' : ''}:`, await searchLatency(ARCHIVE, queries, snippets, warmUp));
  }
  const opening = performance.now();
  const archive = await Archive.open(ARCHIVE, { writable: true, owner: 'profile-saves' });
  console.log(`opened ${archive.list().length} documents in ${(performance.now() - opening).toFixed(0)} ms; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
  const doc = archive.list().find((d) => d.textLength > 20_000) ?? archive.list()[0]!;
  const file = join(ARCHIVE, 'docs', doc.id, 'annotations.json');
  // The document's annotations as they stand (annotations.json may be older: its journal holds the newest changes), encoded before the clock starts.
  const floor = async () => {
    const bytes = Buffer.from(JSON.stringify({ version: 1, annotations: await archive.annotations.list(doc.id), note: null }, null, 1));
    floors.push(await measured(() => writeFileDurable(`${file}.profile-floor`, bytes)));
  };
  const session = PROF ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const creates: Sample[] = [];
  const updates: Sample[] = [];
  const floors: Sample[] = [];
  const ids: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    creates.push(await measured(async () => ids.push((await archive.annotations.create(doc.id, { kind: 'highlight', start: i * 50, end: i * 50 + 20 })).id)));
    await floor();
  }
  for (const [i, id] of ids.entries()) {
    updates.push(await measured(() => archive.annotations.update(doc.id, id, { color: i % 2 ? 'green' : 'blue' })));
    await floor();
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    const out = join(dirname(ARCHIVE), `saves-${Date.now()}.cpuprofile`);
    await writeFile(out, JSON.stringify(profile));
    console.log(`profile: ${out}`);
  }
  await new Promise((r) => setTimeout(r, 100));
  for (const list of [creates, updates, floors]) gcInside(list);
  console.log(summary('create', creates));
  console.log(summary('update', updates));
  console.log(summary('floor', floors));
  const slowest = (list: Sample[]) => list.map((s, i) => [i, s] as const).sort((a, b) => b[1].wall - a[1].wall).slice(0, 6).map(([i, s]) => `#${i} ${s.wall.toFixed(1)} (cpu ${s.cpu.toFixed(1)})`).join(', ');
  console.log(`slowest creates: ${slowest(creates)}\nslowest updates: ${slowest(updates)}\nslowest floors: ${slowest(floors)}`);
  console.log(`gc pauses during the loop: ${gcPauses.length}, ${gcPauses.reduce((n, g) => n + g.duration, 0).toFixed(0)} ms; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB; ballast ${ballast.length}, texts ${texts.length}`);
  await rm(`${file}.profile-floor`, { force: true });
  await archive.close();
}

await main();
