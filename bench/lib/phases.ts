import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { Archive } from '../../src/main/core/archive';
import { writeFileDurable } from '../../src/main/core/store/durable-file';
import { decodeLibraryTable, type LibraryTable } from '../../src/shared/model';
import { percentile } from './measure';
import { recordPeak, watchPeakRss } from './peak-rss';
import { startServe } from './serve';

const BIN = join(import.meta.dirname, '../../bin/marginalia.mjs');

/**
 * The real import as a user runs it: `marginalia import` (the built app's core, its parse
 * workers included) in its own process, whose peak memory is followed.
 */
export async function importAll(archiveDir: string, folder: string, phase = 'import'): Promise<{ ms: number; imported: number; failed: string[]; peakRssMb: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, [BIN, '--archive', archiveDir, 'import', '--json', folder], { stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = watchPeakRss(child.pid);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  const ms = performance.now() - start;
  const peakRssMb = rss.stop();
  recordPeak(phase, peakRssMb);
  let outcomes: { status: string; file: string; reason?: string }[];
  try {
    outcomes = JSON.parse(out) as typeof outcomes;
  } catch {
    throw new Error(`marginalia import printed no JSON: ${err.slice(0, 500)}`);
  }
  const failed = outcomes.flatMap((o) => (o.status === 'failed' ? [`${o.file}: ${o.reason}`] : []));
  return { ms, imported: outcomes.filter((o) => o.status === 'imported').length, failed, peakRssMb };
}

/**
 * A cold `serve`: from spawn to the library ready as the renderer loads it at start
 * (library.table, decoded into rows), then to the first search answered; then library.list
 * (every document's metadata, what the CLI and scripts call) alone, in the same process.
 */
export async function reopen(archiveDir: string, query: string): Promise<{ listReadyMs: number; searchReadyMs: number; fullListMs: number; peakRssMb: number }> {
  const start = performance.now();
  const served = await startServe(archiveDir);
  try {
    const answer = (await served.call('library.table', {})) as { ok: boolean; value: LibraryTable };
    if (!answer.ok) throw new Error(`library.table failed: ${JSON.stringify(answer)}`);
    decodeLibraryTable(answer.value);
    const listReadyMs = performance.now() - start;
    await served.call('search.query', { query, limit: 20 });
    const searchReadyMs = performance.now() - start;
    const listStart = performance.now();
    await served.call('library.list', {});
    return { listReadyMs, searchReadyMs, fullListMs: performance.now() - listStart, peakRssMb: served.rss.stop() };
  } finally {
    recordPeak('reopen', served.rss.stop());
    await served.stop();
  }
}

/**
 * Search latency in a steady state: `warmUp` (other queries than the measured ones) runs
 * first, so the measured queries do not include V8 compiling the search code. The cold
 * start is measured by reopen.first_search_ms, in a fresh process.
 */
export async function searchLatency(archiveDir: string, queries: readonly string[], snippets: boolean, warmUp: readonly string[]): Promise<{ p50: number; p95: number; hits: number; cpuP95: number }> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'bench' });
  const times: number[] = [];
  // CPU time of the process per query: on a machine shared with other work the wall time's
  // tail is mostly waiting for a core; this is what the search itself costs.
  const cpu: number[] = [];
  let hits = 0;
  for (const query of warmUp) await archive.search.search(query, { limit: 20, snippets });
  for (const query of queries) {
    const start = performance.now();
    const used = process.cpuUsage();
    const result = await archive.search.search(query, { limit: 20, snippets });
    const spent = process.cpuUsage(used);
    times.push(performance.now() - start);
    cpu.push((spent.user + spent.system) / 1000);
    hits += result.hits.length;
  }
  await archive.close();
  return { p50: percentile(times, 50), p95: percentile(times, 95), hits, cpuP95: percentile(cpu, 95) };
}

/**
 * Durable annotation saves in an archive of `docs` documents, on one document holding 100 annotations.
 * Floor: after each save, one durable write of the same annotations.json in the same folder
 * (temp file, fsync, rename, fsync of the folder), nothing else. Interleaved with the saves
 * so that both see the same load: measured after the loop, the floor ran on a quieter disk
 * than the saves (issue #19, helper `saves`).
 */
export async function annotationSaves(archiveDir: string, count = 100): Promise<{ createP50: number; createP95: number; updateP50: number; updateP95: number; floorP95: number }> {
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'bench' });
  const doc = archive.list().find((d) => d.textLength > 20_000) ?? archive.list()[0]!;
  const file = join(archiveDir, 'docs', doc.id, 'annotations.json');
  const floors: number[] = [];
  const floor = async () => {
    // The annotations as they stand: annotations.json itself lags behind its journal (annotation-journal.ts).
    const bytes = Buffer.from(JSON.stringify({ version: 1, annotations: await archive.annotations.list(doc.id), note: null }, null, 1));
    const start = performance.now();
    await writeFileDurable(`${file}.bench-floor`, bytes);
    floors.push(performance.now() - start);
  };
  const creates: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const a = await archive.annotations.create(doc.id, { kind: 'highlight', start: i * 50, end: i * 50 + 20 });
    creates.push(performance.now() - start);
    ids.push(a.id);
    await floor();
  }
  const updates: number[] = [];
  for (const [i, id] of ids.entries()) {
    const start = performance.now();
    await archive.annotations.update(doc.id, id, { color: i % 2 ? 'green' : 'blue' });
    updates.push(performance.now() - start);
    await floor();
  }
  await archive.close();
  await rm(`${file}.bench-floor`, { force: true });
  return { createP50: percentile(creates, 50), createP95: percentile(creates, 95), updateP50: percentile(updates, 50), updateP95: percentile(updates, 95), floorP95: percentile(floors, 95) };
}
