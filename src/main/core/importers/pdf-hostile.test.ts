import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfImporter } from './pdf';

/** A one-page PDF whose OpenAction, page action and name tree all carry JavaScript. */
function pdfWithJavaScript(js: string): Uint8Array {
  const stream = 'BT /F1 12 Tf 72 720 Td (Quarterly budget notice) Tj ET';
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /JavaScript << /Names [(run) 5 0 R] >> >> >>`,
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> /AA << /O 5 0 R >> >>`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    `<< /Type /Action /S /JavaScript /JS (${js.replace(/[\\()]/g, (c) => `\\${c}`)}) >>`,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`,
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

describe('hostile PDFs', () => {
  it('imports the text of a PDF full of JavaScript actions without running any of it', async () => {
    const marker = join(tmpdir(), `marginalia-pdf-js-${process.pid}-${Date.now()}`);
    const js = `try { require('fs').writeFileSync('${marker}', 'ran'); } catch (e) {} app.alert('ran'); this.submitForm('http://127.0.0.1:9/');`;
    const parsed = await pdfImporter.parse(pdfWithJavaScript(js), 'notice.pdf');
    expect(parsed.text).toBe('Quarterly budget notice');
    expect(parsed.text).not.toContain('writeFileSync');
    expect(existsSync(marker)).toBe(false);
  });
});
