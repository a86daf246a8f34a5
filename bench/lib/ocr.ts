import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { characterErrorRate, scanImage, scanPdf } from '../../src/main/core/test-support/scan-fixture';
import { CHINESE_PAGE, ENGLISH_PAGE } from './ocr-pages';
import { watchPeakRss } from './peak-rss';

const run = promisify(execFile);

export interface OcrBench {
  pagesPerMin: number;
  cerEnglish: number;
  cerChinese: number;
  peakMb: number;
  native?: { pagesPerMin: number; cerEnglish: number; cerChinese: number };
}

/**
 * OCR speed and accuracy on generated scans (a dense English and a dense Chinese A4 page
 * at 300 dpi, `copies` of each): the app's path in its own process, and Debian's native
 * tesseract on the same images with the same concurrency as the floor. Native tesseract
 * is installed with apt for the bench only, if it is missing; the app never needs it.
 */
export async function ocrBench(copies = 2, workers = 2): Promise<OcrBench> {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-bench-ocr-'));
  try {
    const truth = new Map<string, string>();
    const images: string[] = [];
    for (let i = 0; i < copies; i++) {
      for (const [name, lines, font] of [
        ['en', ENGLISH_PAGE, 'DejaVu Serif'],
        ['zh', CHINESE_PAGE, 'Noto Sans CJK SC'],
      ] as const) {
        const image = scanImage([...lines], font, name === 'zh' ? 14 : 11);
        const base = `${name}-${i}`;
        await writeFile(join(dir, `${base}.pdf`), scanPdf([image]));
        await writeFile(join(dir, `${base}.jpg`), image.jpeg);
        images.push(base);
        truth.set(base, lines.join(''));
      }
    }

    const script = resolve(import.meta.dirname, 'ocr-run.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir, 'chi_sim+eng', String(workers)], { stdio: ['ignore', 'pipe', 'ignore'] });
    const peak = watchPeakRss(child.pid);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise<void>((ok, fail) => child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`OCR run exited with ${code}`)))));
    const peakMb = peak.stop();
    const ours = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; pages: { file: string; text: string }[] };
    const cer = (pages: { file: string; text: string }[], lang: string) => mean(pages.filter((p) => p.file.startsWith(lang)).map((p) => characterErrorRate(truth.get(p.file.replace(/\.\w+$/, ''))!, p.text)));
    const result: OcrBench = { pagesPerMin: images.length / (ours.ms / 60_000), cerEnglish: cer(ours.pages, 'en'), cerChinese: cer(ours.pages, 'zh'), peakMb };

    if (ensureNativeTesseract()) {
      const start = performance.now();
      const texts: { file: string; text: string }[] = [];
      const queue = [...images];
      await Promise.all(
        Array.from({ length: workers }, async () => {
          for (let base = queue.shift(); base; base = queue.shift()) {
            // One thread per process, as each of our workers has one.
            const { stdout } = await run('tesseract', [join(dir, `${base}.jpg`), '-', '-l', 'chi_sim+eng', '--dpi', '300'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 24 });
            texts.push({ file: base, text: stdout });
          }
        }),
      );
      result.native = { pagesPerMin: images.length / ((performance.now() - start) / 60_000), cerEnglish: cer(texts, 'en'), cerChinese: cer(texts, 'zh') };
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function ensureNativeTesseract(): boolean {
  const has = () => spawnSync('tesseract', ['--list-langs']).stdout?.toString().includes('chi_sim') ?? false;
  if (has()) return true;
  console.log('  installing Debian tesseract-ocr and tesseract-ocr-chi-sim for the floor');
  spawnSync('apt-get', ['install', '-y', '-qq', 'tesseract-ocr', 'tesseract-ocr-chi-sim'], { stdio: 'ignore' });
  return has();
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
