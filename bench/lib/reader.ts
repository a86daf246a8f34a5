import { spawn } from 'node:child_process';
import { percentile } from './measure';
import { recordPeak, watchPeakRss } from './peak-rss';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const BIN = join(import.meta.dirname, '../../bin/marginalia.mjs');

/**
 * The reader in Chromium (browser mode): time from asking for a 2 MB document to its first
 * screen painted (median of five opens, and the first), and long tasks while scrolling it
 * with the mouse wheel.
 */
export async function readerTimings(archiveDir: string, title: (t: string) => boolean): Promise<{ openMs: number; coldOpenMs: number; longestTaskMs: number; longTasks: number }> {
  const server = spawn(process.execPath, [BIN, '--archive', archiveDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = watchPeakRss(server.pid);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
    const list = (await (await fetch(`${new URL(url).origin}/api/library.list`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' })).json()) as {
      value: { id: string; title: string; textLength: number }[];
    };
    const large = list.value.filter((d) => title(d.title)).sort((a, b) => b.textLength - a.textLength)[0]!;
    // Five opens, each in a fresh page: the first also reads the text from disk (cold), the
    // median is what opening it again costs. Both are reported; the target is held to the median.
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
          location.hash = '#/doc/${large.id}';
          await new Promise((resolve) => {
            const check = () => (document.querySelector('article [data-start]') ? resolve() : requestAnimationFrame(check));
            check();
          });
          // the frame after the content exists is the one that paints it
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return performance.now() - start;
        })()`)) as number,
      );
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
    return { openMs: percentile(opens, 50), coldOpenMs: opens[0]!, longestTaskMs: Math.max(0, ...long), longTasks: long.filter((d) => d > 100).length };
  } finally {
    await browser.close();
    recordPeak('reader', rss.stop());
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}
