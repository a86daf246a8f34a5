import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchCorpus } from './corpus';
import { importAll } from './phases';

/** PDF text extraction through the real importer (sandboxed pdf.js), and pdftotext on the same files. */
export async function pdfThroughput(corpus: BenchCorpus): Promise<{ pagesPerSec: number; pdftotextPagesPerSec?: number; failed: string[] }> {
  const pages = corpus.pdfFiles.reduce((n, f) => n + f.pages, 0);
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-bench-pdf-'));
  try {
    const { ms, failed } = await importAll(dir, corpus.pdfDir, 'pdf');
    const result: { pagesPerSec: number; pdftotextPagesPerSec?: number; failed: string[] } = { pagesPerSec: pages / (ms / 1000), failed };
    if (spawnSync('pdftotext', ['-v']).status === 0) {
      const start = performance.now();
      for (const f of corpus.pdfFiles) execFileSync('pdftotext', ['-q', f.path, '-']);
      result.pdftotextPagesPerSec = pages / ((performance.now() - start) / 1000);
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
