/**
 * The library table's sorts as a user meets them (issue #19): `marginalia serve` on an
 * archive, the library view in Chromium, then a click on each column's header, timed from the
 * click to the first frame painted after the rows are in their new order (two animation
 * frames after the header says so). A new page per round: each click is the first of its
 * column in a session. Also the time from loading the page to the table's first rows painted.
 * The clicks come once the page has settled (no long task for 300 ms), as a user reads the rows
 * before clicking: the table ranks what sorts need while idle after showing them (warmUpSorts);
 * `--at-once` clicks as soon as the rows are painted, as before.
 *
 *   npx tsx bench/table-sort.ts --archive DIR [--bin OTHER/bin/marginalia.mjs] [--rounds 3] [--shot FILE.png] [--at-once]
 *
 * `--bin`: another build's CLI, to compare (e.g. the main checkout's). The archive is opened
 * by serve (writable): give it a copy.
 */
import { chromium } from '@playwright/test';
import { startServe } from './lib/serve';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const archive = arg('--archive');
if (!archive) throw new Error('--archive DIR');
const rounds = Number(arg('--rounds') ?? 3);
const shot = arg('--shot');
/** --profile: the last round's clicks profiled in the page; the functions with the most time of their own are printed */
const profile = process.argv.includes('--profile');
const atOnce = process.argv.includes('--at-once');
/** In the page: answers once no long task has run for 300 ms (at most 5 s), and how long that took. */
const SETTLED = `new Promise((resolve) => {
  const start = performance.now();
  let last = start;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => (last = Math.max(last, e.startTime + e.duration)))).observe({ type: 'longtask', buffered: true });
  const check = () => (performance.now() - last >= 300 || performance.now() - start > 5000 ? resolve(performance.now() - start) : setTimeout(check, 50));
  check();
})`;

function printProfile(p: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[]; samples?: number[]; timeDeltas?: number[] }): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (p.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber}`;
    self.set(name, (self.get(name) ?? 0) + (p.timeDeltas?.[i] ?? 0) / 1000);
  });
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
}

/** Header cells by their class (DocumentTable's COLUMNS), in the order clicked (titles last: the screenshot shows them in order). */
const COLUMNS = { date: 'col-docdate', size: 'col-size', type: 'col-type', importedAt: 'col-date', title: 'col-title' } as const;

const served = await startServe(archive, arg('--bin'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const token = served.headers.Authorization!.slice('Bearer '.length);
const results: Record<string, number[]> = { ready: [] };
try {
  for (let round = 0; round < rounds; round++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const start = Date.now();
    await page.goto(`${served.origin}/?token=${token}`);
    await page.locator('.doc-table tbody tr a').first().waitFor({ timeout: 120_000 });
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    results.ready!.push(Date.now() - start);
    if (!atOnce) (results.settled ??= []).push((await page.evaluate(SETTLED)) as number);
    const cdp = profile && round === rounds - 1 ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    for (const [key, cell] of Object.entries(COLUMNS)) {
      // A string, not a function: tsx's transform would wrap a function in a helper the page lacks.
      const ms = (await page.evaluate(`(async () => {
        const th = document.querySelector('th.${cell}');
        const before = th.getAttribute('aria-sort');
        const start = performance.now();
        th.querySelector('button').click();
        await new Promise((resolve) => {
          const check = () => (th.getAttribute('aria-sort') !== before ? resolve() : requestAnimationFrame(check));
          check();
        });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - start;
      })()`)) as number;
      (results[key] ??= []).push(ms);
    }
    if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);
    if (shot && round === rounds - 1) await page.screenshot({ path: shot });
    await page.close();
  }
} finally {
  await browser.close();
  await served.stop();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [key, xs] of Object.entries(results)) console.log(`${key.padEnd(10)} median ${median(xs).toFixed(0).padStart(5)} ms   (${xs.map((x) => x.toFixed(0)).join(', ')})`);
