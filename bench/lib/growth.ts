import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createBackup } from '../../src/main/core/backup/create-backup';
import { Archive } from '../../src/main/core/archive';
import { decodeLibraryTable, type LibraryRow, type LibraryTable } from '../../src/shared/model';
import { filterDocuments, NO_FILTERS } from '../../src/renderer/features/library/filter-documents';
import { sortDocuments, warmUpSorts } from '../../src/renderer/features/library/sort-documents';
import { resetRanks, seedRanks } from '../../src/renderer/features/library/title-order';
import type { BenchCorpus } from './corpus';
import { percentile, type Metric } from './measure';
import { annotationSaves, importAll, reopen, searchLatency } from './phases';
import { libraryOpenStage } from './library-open';
import { readerStage } from './reader';

/** Cold starts of `serve` measured at each stage (reopen.*: their medians). */
const REOPENS = 3;

/** The sizes of the growth table: each of these below the run's size, and the run's size. */
export const GROWTH_SIZES = [1_000, 10_000, 30_000, 100_000];

export function growthStages(docs: number, sizes: readonly number[] = GROWTH_SIZES): number[] {
  return [...new Set([...sizes.filter((s) => s < docs), docs])].sort((a, b) => a - b);
}

/** Files read at once: the corpus has up to 100,000 files and a process may hold ~1,000 open. */
const READ_CONCURRENCY = 32;

/** Runs `work` over `items` with at most `limit` in flight, answers in order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

export interface StageResult {
  docs: number;
  metrics: Metric[];
}

/**
 * The archive grown stage by stage (1k, 10k, 30k, 100k): each stage imports the files up to
 * its size into the same archive, then measures start-up, search, annotation saves, the
 * library table and the 2 MB document's open in the reader there, beside the floors measured
 * on the same files. How a cost grows with the archive is read across the stages.
 */
export async function growth(corpus: BenchCorpus, stages: readonly number[], archiveDir: string, queries: readonly string[], warmUp: readonly string[], log: (m: Metric) => void, backupUpTo = Infinity, onStage: (results: readonly StageResult[]) => Promise<void> = async () => {}): Promise<StageResult[]> {
  const results: StageResult[] = [];
  const texts: string[] = [];
  let from = 0;
  for (const [k, size] of stages.entries()) {
    console.log(`growth stage: ${size} documents`);
    const metrics: Metric[] = [];
    const add = (m: Metric) => {
      metrics.push(m);
      log(m);
    };
    const files = corpus.textFiles.slice(from, size);
    // Floor: reading the stage's files and splitting their paragraphs, nothing else (kept for the regex floor).
    const floorStart = performance.now();
    let bytes = 0;
    const read = await mapBounded(files, READ_CONCURRENCY, async (f) => readFile(f.path, 'utf8'));
    for (const [i, text] of read.entries()) {
      bytes += files[i]!.bytes;
      if (text.split(/\n\s*\n/).length < 0) throw new Error('unreachable');
    }
    const floorMs = performance.now() - floorStart;
    texts.push(...read);

    const imported = await importAll(archiveDir, corpus.stageDirs[k]!);
    if (imported.failed.length) console.log(`  ${imported.failed.length} failed, e.g. ${imported.failed[0]}`);
    const rate = imported.imported / (imported.ms / 1000);
    add({ name: 'import.docs_per_s', value: rate, unit: 'docs/s', floor: files.length / (floorMs / 1000), ...atLeast(rate, 600) });
    add({ name: 'import.mb_per_s', value: bytes / 1048576 / (imported.ms / 1000), unit: 'MB/s', floor: bytes / 1048576 / (floorMs / 1000) });
    add({ name: 'import.peak_rss_mb', value: imported.peakRssMb, unit: 'MB', ...atMost(imported.peakRssMb, 1024) });

    // Three cold starts, each its own `serve` process, and their medians (the peak: the highest):
    // one start alone swung 398-738 ms at 30,000 between two runs of the same build on this
    // shared machine. Every start is printed, the first (straight after the import) too.
    const starts = [];
    for (let round = 0; round < REOPENS; round++) starts.push(await reopen(archiveDir, queries[0]!));
    console.log(`  reopen: library ready ${starts.map((s) => s.listReadyMs.toFixed(0)).join(', ')} ms; first search ${starts.map((s) => s.searchReadyMs.toFixed(0)).join(', ')} ms (${REOPENS} cold serve processes, in order)`);
    const start = {
      listReadyMs: percentile(starts.map((s) => s.listReadyMs), 50),
      searchReadyMs: percentile(starts.map((s) => s.searchReadyMs), 50),
      fullListMs: percentile(starts.map((s) => s.fullListMs), 50),
      peakRssMb: Math.max(...starts.map((s) => s.peakRssMb)),
    };
    add({ name: 'reopen.library_ready_ms', value: start.listReadyMs, unit: 'ms', ...atMost(start.listReadyMs, 1000) });
    add({ name: 'reopen.first_search_ms', value: start.searchReadyMs, unit: 'ms', ...atMost(start.searchReadyMs, 1000) });
    add({ name: 'reopen.library_list_ms', value: start.fullListMs, unit: 'ms' });
    add({ name: 'reopen.serve_peak_rss_mb', value: start.peakRssMb, unit: 'MB', ...atMost(start.peakRssMb, 300) });

    const regex = regexFloor(texts, queries.slice(0, size > 10_000 ? 48 : queries.length));
    const bare = await searchLatency(archiveDir, queries, false, warmUp);
    const snip = await searchLatency(archiveDir, queries, true, warmUp);
    add({ name: 'search.p50_ms', value: bare.p50, unit: 'ms', floor: regex.p50 });
    add({ name: 'search.p95_ms', value: bare.p95, unit: 'ms', floor: regex.p95, ...atMost(bare.p95, 10) });
    add({ name: 'search.snippets_p50_ms', value: snip.p50, unit: 'ms' });
    add({ name: 'search.snippets_p95_ms', value: snip.p95, unit: 'ms', ...atMost(snip.p95, 30) });
    add({ name: 'search.cpu_p95_ms', value: bare.cpuP95, unit: 'ms' });
    add({ name: 'search.snippets_cpu_p95_ms', value: snip.cpuP95, unit: 'ms' });

    const saves = await annotationSaves(archiveDir);
    add({ name: 'annotation.create_p50_ms', value: saves.createP50, unit: 'ms' });
    add({ name: 'annotation.create_p95_ms', value: saves.createP95, unit: 'ms', floor: saves.floorP95, ...atMost(saves.createP95, 5) });
    add({ name: 'annotation.update_p50_ms', value: saves.updateP50, unit: 'ms' });
    add({ name: 'annotation.update_p95_ms', value: saves.updateP95, unit: 'ms', floor: saves.floorP95, ...atMost(saves.updateP95, 5) });

    const table = await libraryTable(archiveDir);
    add({ name: 'library.first_sort_rows_ms', value: table.firstSortMs, unit: 'ms', ...atMost(table.firstSortMs, 100) });
    add({ name: 'library.sort_warmup_ms', value: table.warmUpMs, unit: 'ms' });
    add({ name: 'library.sort_rows_ms', value: table.sortMs, unit: 'ms', floor: table.floorMs, ...atMost(table.sortMs, 100) });
    add({ name: 'library.filter_rows_ms', value: table.filterMs, unit: 'ms', ...atMost(table.filterMs, 100) });

    if (existsSync('/usr/bin/chromium')) for (const m of await libraryOpenStage(archiveDir)) add(m);
    for (const m of await readerStage(archiveDir, corpus.largeFile, size)) add(m);

    if (size <= backupUpTo) {
      const copy = await backupRestore(archiveDir);
      add({ name: 'backup.mb_per_s', value: copy.backupMbps, unit: 'MB/s', floor: copy.floorMbps, ...atLeast(copy.backupMbps, 50) });
      add({ name: 'restore.mb_per_s', value: copy.restoreMbps, unit: 'MB/s', floor: Number.isNaN(copy.unzipMbps) ? undefined : copy.unzipMbps, ...atLeast(copy.restoreMbps, 50) });
      add({ name: 'archive.size_mb', value: copy.mb, unit: 'MB' });
    }

    results.push({ docs: size, metrics });
    await onStage(results); // recorded stage by stage: a long run that fails late keeps what it measured
    from = size;
  }
  return results;
}

/** The floor for search: a regular-expression scan over every text held in memory. */
function regexFloor(texts: readonly string[], queries: readonly string[]): { p50: number; p95: number } {
  const times: number[] = [];
  for (const query of queries) {
    const patterns = toRegexes(query);
    const start = performance.now();
    let matches = 0;
    for (const text of texts) if (patterns.every((p) => p.test(text))) matches++;
    times.push(performance.now() - start);
    if (matches < 0) throw new Error('unreachable');
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

function toRegexes(query: string): RegExp[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const phrase = /^"(.*)"$/.exec(query);
  if (phrase) return [new RegExp(escape(phrase[1]!), 'i')];
  return query.split(/\s+/).map((term) => (term.endsWith('*') ? new RegExp(`\\b${escape(term.slice(0, -1))}`, 'i') : /[\u3400-\u9fff]/.test(term) ? new RegExp(escape(term)) : new RegExp(`\\b${escape(term)}\\b`, 'i')));
}

/**
 * The library table's own work on every row (the renderer's sortDocuments and
 * filterDocuments, the code the table runs, on the rows it decodes from library.table): the
 * slowest of its sort keys, and a filter by type and language. The first sort of each key is
 * timed in a session of its own, as the renderer runs one: new rows, the core's title ranks
 * taken (seedRanks), the first view sorted (newest first), then what the table does once the
 * page is idle (warmUpSorts: every title ranked, each key's values ranked; its time is
 * `warmUpMs`, the slowest session's), then the click; the slowest click is reported.
 * Floor: sorting the same number of plain numbers.
 */
async function libraryTable(archiveDir: string): Promise<{ sortMs: number; firstSortMs: number; warmUpMs: number; filterMs: number; floorMs: number }> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'bench' });
  const table = JSON.parse(JSON.stringify(await archive.libraryTable())) as LibraryTable;
  await archive.close();
  const keys = ['title', 'date', 'importedAt', 'size', 'type'] as const;
  const session = (rows: LibraryRow[]) => {
    resetRanks(); // a new session: the ranks made before go
    if (table.titleRanks) seedRanks(table.titles.slice(0, rows.length), table.titleRanks.ranks.slice(0, rows.length), table.titleRanks.locale);
    sortDocuments(rows, 'importedAt', 'descending');
    const start = performance.now();
    warmUpSorts(rows, keys, (next) => (next(), () => undefined));
    return performance.now() - start;
  };
  // Compiled before it is timed: the same steps on 500 rows.
  for (const key of keys) {
    const rows = decodeLibraryTable(table).slice(0, 500);
    session(rows);
    sortDocuments(rows, key, 'ascending');
  }
  let firstSortMs = 0;
  let warmUpMs = 0;
  for (const key of keys) {
    const rows = decodeLibraryTable(table);
    warmUpMs = Math.max(warmUpMs, session(rows));
    const start = performance.now();
    sortDocuments(rows, key, key === 'date' ? 'descending' : 'ascending'); // as the click sets it (toggleSort)
    firstSortMs = Math.max(firstSortMs, performance.now() - start);
  }
  const docs = decodeLibraryTable(table);
  let sortMs = 0;
  for (const key of keys) {
    const start = performance.now();
    sortDocuments(docs, key, 'descending');
    sortMs = Math.max(sortMs, performance.now() - start);
  }
  const filter = { ...NO_FILTERS, type: ['txt' as const, 'md' as const], language: ['en'] };
  filterDocuments(docs.slice(0, 500), filter);
  const filterStart = performance.now();
  filterDocuments(docs, filter);
  const filterMs = performance.now() - filterStart;
  const numbers = Float64Array.from(docs, (d) => d.size);
  const floorStart = performance.now();
  numbers.sort();
  return { sortMs, firstSortMs, warmUpMs, filterMs, floorMs: performance.now() - floorStart };
}

const BIN = join(import.meta.dirname, '../../bin/marginalia.mjs');

/**
 * Backup of the whole archive into a zip (createBackup, in this process) and its restore
 * into an empty folder, in MB of the archive's files per second. The restore is
 * `marginalia restore` in a process of its own, as a user runs it (the built workers; here
 * they would be compiled by tsx at each restore, beside this process's heap of texts).
 * Floors: `cp -r` of the same folder for the backup; for the restore `unzip -q` of the same
 * zip into an empty folder and `sync -f` of it (the restore returns only once its files are
 * durable). Restore and unzip run twice each, alternately (restore, unzip, unzip, restore),
 * each into a new sibling folder, nothing removed until all four are done, and the mean
 * time of each is taken: the file system's speed moves by minutes (on ext4 without a
 * journal, creating files scans past the inodes freed in the last minutes, and the previous
 * stage removed its copies), and both see the same drift (issue #19, helper `restore`).
 */
async function backupRestore(archiveDir: string): Promise<{ backupMbps: number; restoreMbps: number; floorMbps: number; unzipMbps: number; mb: number }> {
  const work = dirname(archiveDir);
  const zip = join(work, 'bench-backup.zip');
  const copied = join(work, 'bench-copied');
  const made = [zip, copied];
  const timed = (run: () => boolean) => {
    const start = performance.now();
    return run() ? performance.now() - start : NaN;
  };
  const restore = (k: number) => {
    const dir = join(work, `bench-restored-${k}`);
    made.push(dir);
    return timed(() => {
      const child = spawnSync(process.execPath, [BIN, 'restore', zip, dir], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`marginalia restore failed: ${child.stderr.slice(0, 500)}`);
      return true;
    });
  };
  const unzip = (k: number) => {
    const dir = join(work, `bench-unzipped-${k}`);
    made.push(dir);
    return timed(() => spawnSync('unzip', ['-q', zip, '-d', dir]).status === 0 && spawnSync('sync', ['-f', dir]).status === 0); // no unzip here: no floor
  };
  try {
    const start = performance.now();
    const summary = await createBackup(archiveDir, zip, { appVersion: 'bench' });
    const backupMs = performance.now() - start;
    const [restore1, unzip1, unzip2, restore2] = [restore(1), unzip(1), unzip(2), restore(2)]; // in this order
    const floorMs = timed(() => spawnSync('cp', ['-r', archiveDir, copied]).status === 0);
    const mb = summary.bytes / 1048576;
    const mean = (a: number, b: number) => (a + b) / 2;
    return { backupMbps: mb / (backupMs / 1000), restoreMbps: mb / (mean(restore1, restore2) / 1000), floorMbps: mb / (floorMs / 1000), unzipMbps: mb / (mean(unzip1, unzip2) / 1000), mb };
  } finally {
    for (const path of made) await rm(path, { recursive: true, force: true });
  }
}

const atLeast = (value: number, target: number) => ({ target: `>= ${target}`, met: value >= target });
const atMost = (value: number, target: number) => ({ target: `<= ${target}`, met: value <= target });

/** The growth table: one row per metric, one column per stage (value, and floor when there is one). */
export function growthTable(results: readonly StageResult[]): string {
  const names = [...new Set(results.flatMap((r) => r.metrics.map((m) => m.name)))];
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
  const head = `| metric | ${results.map((r) => `${r.docs.toLocaleString('en-US')} docs`).join(' | ')} | target | at ${results.at(-1)?.docs.toLocaleString('en-US')} |`;
  const rule = `| --- | ${results.map(() => '---:').join(' | ')} | --- | --- |`;
  const rows = names.map((name) => {
    const cells = results.map((r) => {
      const m = r.metrics.find((x) => x.name === name);
      if (!m) return '';
      return m.floor === undefined ? fmt(m.value) : `${fmt(m.value)} (floor ${fmt(m.floor)})`;
    });
    const last = results.at(-1)?.metrics.find((x) => x.name === name);
    return `| ${name} | ${cells.join(' | ')} | ${last?.target ?? ''} | ${last?.met === undefined ? '' : last.met ? 'met' : '**missed**'} |`;
  });
  return [head, rule, ...rows].join('\n');
}
