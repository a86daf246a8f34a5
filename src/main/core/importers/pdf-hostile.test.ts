import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { pdfImporter } from './pdf';
import { DEFAULT_LIMITS, extractRawPdf, pdfWorkerPool } from './pdf-process';
import type { PdfWorkerPool } from './pdf-worker-pool';
import { ImportError } from './types';

/** A PDF of these objects (1 0 obj is the catalog), with its cross-reference table. */
function pdfFile(objects: (string | Uint8Array)[][]): Uint8Array {
  const parts: Buffer[] = [];
  let length = 0;
  const add = (part: string | Uint8Array): void => {
    const buffer = typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part);
    parts.push(buffer);
    length += buffer.length;
  };
  add('%PDF-1.7\n');
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    add(`${i + 1} 0 obj\n`);
    body.forEach(add);
    add('\nendobj\n');
  });
  const xref = length;
  add(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  add(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

/** A one-page PDF whose OpenAction, page action and name tree all carry JavaScript. */
function pdfWithJavaScript(js: string): Uint8Array {
  const stream = 'BT /F1 12 Tf 72 720 Td (Quarterly budget notice) Tj ET';
  return pdfFile([
    [`<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /JavaScript << /Names [(run) 5 0 R] >> >> >>`],
    [`<< /Type /Pages /Kids [3 0 R] /Count 1 >>`],
    [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> /AA << /O 5 0 R >> >>`],
    [`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`],
    [`<< /Type /Action /S /JavaScript /JS (${js.replace(/[\\()]/g, (c) => `\\${c}`)}) >>`],
    [`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`],
  ]);
}

/** A one-page PDF whose content stream (Flate-compressed: a few KB on disk) is `content`. */
function pdfWithContent(content: string): Uint8Array {
  const stream = deflateSync(Buffer.from(content, 'latin1'));
  return pdfFile([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'],
    [`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, stream, '\nendstream'],
    ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'],
  ]);
}

/** pdf.js needs minutes for this 8 KB page: its time grows faster than the number of q/Q pairs. */
const HANGS = pdfWithContent('q Q '.repeat(2_000_000));
/** Four million empty dictionaries in one array: hundreds of MB of heap from 16 KB. */
const BLOWS_MEMORY = pdfWithContent(`BT [${'<<>>'.repeat(4_000_000)}] TJ ET`);
const FINE = pdfWithContent('BT /F1 12 Tf 72 720 Td (Minutes of the board meeting) Tj ET');

describe('hostile PDFs', () => {
  it('imports the text of a PDF full of JavaScript actions without running any of it', async () => {
    const marker = join(tmpdir(), `marginalia-pdf-js-${process.pid}-${Date.now()}`);
    const js = `try { require('fs').writeFileSync('${marker}', 'ran'); } catch (e) {} app.alert('ran'); this.submitForm('http://127.0.0.1:9/');`;
    const parsed = await pdfImporter.parse(pdfWithJavaScript(js), 'notice.pdf');
    expect(parsed.text).toBe('Quarterly budget notice');
    expect(parsed.text).not.toContain('writeFileSync');
    expect(existsSync(marker)).toBe(false);
  });

  it('stops a PDF that takes too long; the PDF after it is read by a fresh process', { timeout: 60_000 }, async () => {
    const pool = pdfWorkerPool({ ...DEFAULT_LIMITS, timeoutMs: 5_000 }, { processes: 1, idleMs: 5_000, filesPerProcess: 100 });
    try {
      const [hung, next] = await Promise.all([outcome(pool, HANGS), outcome(pool, FINE)]);
      expect(hung).toBe('PDF took longer than 5 s to read; it may be damaged or extremely complex (the limit is in Settings → Import)');
      expect(next).toBe('Minutes of the board meeting');
      expect(pool.processesStarted).toBe(2);
    } finally {
      await pool.stop();
    }
  });

  it('stops a PDF that exhausts the heap; the PDF after it is read by a fresh process', { timeout: 60_000 }, async () => {
    const pool = pdfWorkerPool({ ...DEFAULT_LIMITS, maxHeapMb: 64 }, { processes: 1, idleMs: 5_000, filesPerProcess: 100 });
    try {
      const outcomes = await Promise.all([outcome(pool, FINE), outcome(pool, BLOWS_MEMORY), outcome(pool, FINE)]);
      expect(outcomes).toEqual([
        'Minutes of the board meeting',
        'PDF needs more than 64 MB to read; it may be damaged or extremely complex',
        'Minutes of the board meeting',
      ]);
      // It died in a process that had read a file before, so it was read again in a fresh one.
      expect(pool.processesStarted).toBe(3);
    } finally {
      await pool.stop();
    }
  });
});

/** The text of the one-page PDF, or the reason it failed. */
async function outcome(pool: PdfWorkerPool, pdf: Uint8Array): Promise<string> {
  try {
    const raw = await extractRawPdf(pdf, undefined, pool);
    return raw.pages.flatMap((page) => page.items.map((item) => item[0])).join('');
  } catch (error) {
    if (error instanceof ImportError) return error.message;
    throw error;
  }
}
