import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { Archive } from '../../src/main/core/archive';
import { percentile, type Metric } from './measure';
import { recordPeak } from './peak-rss';
import { startServe } from './serve';

/** A row of the library table: the view a user clicks in has shown its documents. */
const ROWS = '.doc-table tbody a.doc-link';
const WARM_OPENS = 5;

/** One open, from the address changing (what clicking the row's link does) to the first screen painted. */
interface Open {
  ms: number;
  /** document.get as the page saw it, ms after the open began: sent, first byte, last byte */
  getSent: number;
  getFirstByte: number;
  getDone: number;
}

export interface ReaderTimings {
  /** the first open in a fresh `serve`, as soon as the library view shows its rows */
  cold: Open;
  /** `serve`'s CPU time (user + system) during the cold open, ms */
  coldServeCpuMs: number;
  /** from the page's navigation to the library's rows shown, cold */
  libraryShownMs: number;
  /** the median of the further opens, each from the library view once it is idle again */
  openMs: number;
  warm: Open[];
  longestTaskMs: number;
  longTasks: number;
}

/**
 * The id of the corpus's 2 MB document (`file`, imported under its own name) in the archive,
 * read before `serve` starts so that the cold open is the server's first work after the library.
 */
export async function findLargeDocument(archiveDir: string, file: string): Promise<string> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'bench' });
  try {
    const name = basename(file);
    const doc = archive.list().find((d) => d.sourceName === name);
    if (!doc || doc.textLength < 1_000_000) throw new Error(`the 2 MB document ${name} is not in ${archiveDir}`);
    return doc.id;
  } finally {
    await archive.close();
  }
}

/**
 * The reader in Chromium (browser mode) on the 2 MB document, as a user meets it: `serve` in
 * a fresh process, the app opened, and the document opened as soon as the library view shows
 * its rows (cold: the server is also loading the search index then); then back to the library
 * and open again, five times, each once the library view is idle (warm: the median); then
 * long tasks while scrolling it with the mouse wheel. `screenshot`: a PNG of the opened document.
 */
export async function readerTimings(archiveDir: string, id: string, screenshot?: string): Promise<ReaderTimings> {
  const served = await startServe(archiveDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const navigated = performance.now();
    await page.goto(served.url);
    await page.locator(ROWS).first().waitFor({ timeout: 120_000 });
    const libraryShownMs = performance.now() - navigated;
    const cpuBefore = cpuMs(served.child.pid);
    const cold = await timedOpen(page, id);
    const coldServeCpuMs = cpuMs(served.child.pid) - cpuBefore;
    if (screenshot) await page.screenshot({ path: screenshot });

    const warm: Open[] = [];
    for (let i = 0; i < WARM_OPENS; i++) {
      // The library view asks for library.table again when it shows: the open waits for it, as a user reads the list before clicking.
      const table = page.waitForResponse((r) => r.url().endsWith('/api/library.table'));
      await page.evaluate(`location.hash = '#/'`);
      await table;
      await page.locator(ROWS).first().waitFor();
      await page.waitForTimeout(300);
      warm.push(await timedOpen(page, id));
    }

    await page.evaluate(`(() => {
      window.__long = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask', buffered: false });
    })()`);
    const box = await page.locator('article').boundingBox();
    await page.mouse.move((box?.x ?? 200) + 100, 400);
    for (let i = 0; i < 80; i++) {
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(16);
    }
    const long = (await page.evaluate('window.__long')) as number[];
    return { cold, coldServeCpuMs, libraryShownMs, openMs: percentile(warm.map((o) => o.ms), 50), warm, longestTaskMs: Math.max(0, ...long), longTasks: long.filter((d) => d > 100).length };
  } finally {
    await browser.close();
    recordPeak('reader', served.rss.stop());
    await served.stop();
  }
}

/**
 * The reader's rows at one stage of the growth table (and of the plain bench, whose last
 * stage is its archive): the corpus's 2 MB document `largeFile` opened cold and warm.
 * MARGINALIA_BENCH_SCREENSHOTS=DIR keeps a screenshot of the opened document per stage.
 */
export async function readerStage(archiveDir: string, largeFile: string, docs: number): Promise<Metric[]> {
  if (!existsSync('/usr/bin/chromium')) {
    console.log('  reader: skipped, /usr/bin/chromium is not installed');
    return [];
  }
  const id = await findLargeDocument(archiveDir, largeFile);
  const shots = process.env.MARGINALIA_BENCH_SCREENSHOTS;
  const timings = await readerTimings(archiveDir, id, shots ? join(shots, `reader-2mb-${docs}.png`) : undefined);
  console.log(describeReader(timings));
  return readerMetrics(timings);
}

/** The reader's rows, each held to its target (the growth table and the plain bench show the same). */
export function readerMetrics(r: ReaderTimings): Metric[] {
  const atMost = (value: number, target: number) => ({ target: `<= ${target}`, met: value <= target });
  return [
    { name: 'reader.open_2mb_cold_ms', value: r.cold.ms, unit: 'ms', ...atMost(r.cold.ms, 500) },
    { name: 'reader.open_2mb_ms', value: r.openMs, unit: 'ms', ...atMost(r.openMs, 500) },
    { name: 'reader.scroll_longest_task_ms', value: r.longestTaskMs, unit: 'ms', ...atMost(r.longestTaskMs, 100) },
    { name: 'reader.scroll_long_tasks_over_100ms', value: r.longTasks, unit: 'count', ...atMost(r.longTasks, 0) },
  ];
}

/** Where a cold open's time went, for the log: not a row of the table. */
export function describeReader(r: ReaderTimings): string {
  const at = (o: Open) => `document.get sent +${o.getSent.toFixed(0)}, first byte +${o.getFirstByte.toFixed(0)}, done +${o.getDone.toFixed(0)} ms`;
  return `  reader: library shown ${r.libraryShownMs.toFixed(0)} ms after the page opened; cold open ${r.cold.ms.toFixed(0)} ms (${at(r.cold)}; serve CPU ${r.coldServeCpuMs.toFixed(0)} ms); warm ${r.warm.map((o) => o.ms.toFixed(0)).join(', ')} ms (median's ${at([...r.warm].sort((a, b) => a.ms - b.ms)[Math.floor(r.warm.length / 2)]!)})`;
}

/** Opens the document in the page and answers when its first screen is painted. */
async function timedOpen(page: Page, id: string): Promise<Open> {
  // Strings, not functions: tsx's transform would wrap named functions in a helper the page lacks.
  return (await page.evaluate(`(async () => {
    performance.clearResourceTimings();
    const start = performance.now();
    location.hash = '#/doc/${id}';
    await new Promise((resolve) => {
      const check = () => (document.querySelector('article [data-start]') ? resolve() : requestAnimationFrame(check));
      check();
    });
    // the frame after the content exists is the one that paints it
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const ms = performance.now() - start;
    const get = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/document.get')).pop();
    return { ms, getSent: get ? get.startTime - start : NaN, getFirstByte: get ? get.responseStart - start : NaN, getDone: get ? get.responseEnd - start : NaN };
  })()`)) as Open;
}

/** A process's CPU time so far (user + system, Linux /proc), ms; NaN elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}
