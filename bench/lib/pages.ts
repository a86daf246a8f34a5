import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { percentile } from './measure';
import { watchPeakKb } from './peak-rss';
import { makePdf } from './pdf-writer';

const BIN = join(import.meta.dirname, '../../bin/marginalia.mjs');
const PAGES = 350;

/**
 * The page view of a generated 350-page PDF in Chromium (browser mode): time from asking for
 * the document to its first page painted by pdf.js (median of five opens, each in a fresh
 * page), long tasks while scrolling 50 pages, and the peak resident memory of the renderer
 * processes (Linux, from /proc: canvases and pdf.js's worker included).
 */
export async function pageViewTimings(): Promise<{ openMs: number; coldOpenMs: number; longestTaskMs: number; longTasks: number; rendererMb: number }> {
  const work = await mkdtemp(join(tmpdir(), 'marginalia-bench-pages-'));
  const archiveDir = join(work, 'archive');
  const file = join(work, 'long-report.pdf');
  const paragraphs = Array.from({ length: PAGES * 16 }, (_, i) => `Paragraph ${i + 1}. The harbour board reviewed the tide tables, the dredging plan and the budget for the coming year in detail.`);
  await writeFile(file, makePdf(paragraphs, 48, 90, Array.from({ length: 35 }, (_, c) => ({ title: `Chapter ${c + 1}`, page: c * 10 + 1 }))));
  execFileSync(process.execPath, [BIN, '--archive', archiveDir, 'import', file], { stdio: 'ignore' });

  const server = spawn(process.execPath, [BIN, '--archive', archiveDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const browserServer = await chromium.launchServer({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const rss = watchRenderers(browserServer.process().pid!);
  const browser = await chromium.connect(browserServer.wsEndpoint());
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /at (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const token = new URL(url).searchParams.get('token')!;
    const list = (await (await fetch(`${new URL(url).origin}/api/library.list`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' })).json()) as { value: { id: string }[] };
    const id = list.value[0]!.id;
    const opens: number[] = [];
    let page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    for (let i = 0; i < 5; i++) {
      if (i > 0) {
        await page.close();
        page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      }
      await page.goto(url);
      await page.getByRole('heading', { name: 'Library' }).waitFor();
      // Strings, not functions: tsx's transform would wrap named functions in a helper the page lacks.
      opens.push(
        (await page.evaluate(`(async () => {
          const start = performance.now();
          location.hash = '#/doc/${id}';
          await new Promise((resolve) => {
            const check = () => (document.querySelector('.page[data-page-number="1"] canvas') && document.querySelector('.page[data-page-number="1"] .canvasWrapper canvas:not([hidden])') && !document.querySelector('.page[data-page-number="1"] .loadingIcon') ? resolve() : requestAnimationFrame(check));
            check();
          });
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return performance.now() - start;
        })()`)) as number,
      );
    }
    await page.evaluate(`(() => {
      window.__long = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask', buffered: false });
    })()`);
    const box = await page.locator('.page-scroller').boundingBox();
    await page.mouse.move((box?.x ?? 200) + 200, (box?.y ?? 300) + 200);
    // 50 pages: scroll until the page number says so, a wheel step at a time. The field is read
    // with one querySelector: a role query (getByRole) walks the whole page's accessibility tree in
    // the page's own thread at every step, and took ~0.4 s of it over the 50 pages.
    for (let i = 0; i < 400; i++) {
      await page.mouse.wheel(0, 500);
      await page.waitForTimeout(16);
      if (Number(await page.evaluate(`document.querySelector('.page-toolbar input').value`)) >= 51) break;
    }
    await page.waitForTimeout(500);
    const long = (await page.evaluate('window.__long')) as number[];
    return { openMs: percentile(opens, 50), coldOpenMs: opens[0]!, longestTaskMs: Math.max(0, ...long), longTasks: long.filter((d) => d > 100).length, rendererMb: rss.stop() };
  } finally {
    await browser.close();
    await browserServer.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await rm(work, { recursive: true, force: true });
  }
}

/** The largest resident memory of any renderer process under the browser, sampled every 100 ms (MB). */
function watchRenderers(browserPid: number): { stop: () => number } {
  // The largest renderer of the browser at each sample (VmRSS: Chromium's renderers come and go).
  return watchPeakKb(() => {
    let largest = 0;
    for (const pid of descendants(browserPid)) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (match) largest = Math.max(largest, Number(match[1]));
      } catch {
        /* gone */
      }
    }
    return largest;
  });
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => (children.get(pid) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(root);
  return out;
}
