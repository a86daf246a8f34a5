import { createCanvas } from '@napi-rs/canvas';
import UTIF from 'utif2';

/**
 * Scans of known text for the OCR tests and the bench: lines drawn on white at 300 dpi
 * (as a scanner would give them), encoded as JPEG and wrapped in a PDF with no text
 * layer — or, for a mixed PDF, beside a page with a real text layer.
 */

export const SCAN_DPI = 300;
const A4 = { width: 595, height: 842 };

export interface ScanPage {
  jpeg: Uint8Array;
  widthPx: number;
  heightPx: number;
}

/** A page image of `lines` in `font` (a CSS font family installed on the machine, e.g. "Noto Sans CJK SC"). */
export function scanImage(lines: string[], font = 'DejaVu Serif', sizePt = 12): ScanPage {
  const canvas = drawPage(lines, font, sizePt);
  return { jpeg: new Uint8Array(canvas.toBuffer('image/jpeg', 92)), widthPx: canvas.width, heightPx: canvas.height };
}

/** The same page as PNG, for importing an image file. */
export function scanPng(lines: string[], font = 'DejaVu Serif', sizePt = 12): Uint8Array {
  return new Uint8Array(drawPage(lines, font, sizePt).toBuffer('image/png'));
}

/**
 * A multi-page TIFF, one frame per entry of `frames` (each a page of lines), 8-bit grey,
 * uncompressed, at 300 dpi — as a scanner's multi-page TIFF, without its compression.
 */
export function scanTiff(frames: string[][], font = 'DejaVu Serif', sizePt = 12): Uint8Array {
  const pages = frames.map((lines) => {
    const canvas = drawPage(lines, font, sizePt);
    const rgba = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const grey = new Uint8Array(canvas.width * canvas.height);
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
    return { width: canvas.width, height: canvas.height, grey };
  });
  // Headers first (well under 64 KB for a few frames), then each frame's strip.
  const HEAD = 65_536;
  let offset = HEAD;
  const ifds = pages.map((p) => {
    const ifd = { t256: [p.width], t257: [p.height], t258: [8], t259: [1], t262: [1], t273: [offset], t277: [1], t278: [p.height], t279: [p.grey.length], t282: [[SCAN_DPI, 1]], t283: [[SCAN_DPI, 1]], t296: [2] };
    offset += p.grey.length;
    return ifd;
  });
  const head = new Uint8Array((UTIF as unknown as { encode(ifds: object[]): ArrayBuffer }).encode(ifds));
  if (head.length > HEAD) throw new Error('too many frames for the fixture');
  const out = new Uint8Array(offset);
  out.set(head, 0);
  let at = HEAD;
  for (const p of pages) {
    out.set(p.grey, at);
    at += p.grey.length;
  }
  return out;
}

function drawPage(lines: string[], font: string, sizePt: number) {
  const scale = SCAN_DPI / 72;
  const canvas = createCanvas(Math.round(A4.width * scale), Math.round(A4.height * scale));
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000000';
  g.font = `${Math.round(sizePt * scale)}px "${font}"`;
  lines.forEach((line, i) => g.fillText(line, 72 * scale, 96 * scale + i * sizePt * 1.6 * scale));
  return canvas;
}

/** A PDF whose pages are `pages`: a scan (an image filling an A4 page) or a line of real text in Helvetica. */
export function scanPdf(pages: (ScanPage | { text: string })[]): Buffer {
  const parts: (string | Uint8Array)[][] = [];
  const add = (...body: (string | Uint8Array)[]): number => parts.push(body);
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const kids: number[] = [];
  for (const page of pages) {
    if ('text' in page) {
      const stream = `BT /F1 12 Tf 72 760 Td (${page.text.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`;
      const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
      kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
      continue;
    }
    const image = add(
      `<< /Type /XObject /Subtype /Image /Width ${page.widthPx} /Height ${page.heightPx} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${page.jpeg.length} >>\nstream\n`,
      page.jpeg,
      '\nendstream',
    );
    const stream = `q ${A4.width} 0 0 ${A4.height} 0 0 cm /Im1 Do Q`;
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /XObject << /Im1 ${image} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  parts[catalog - 1] = [`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`];
  parts[pagesObj - 1] = [`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`];

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  const push = (b: Buffer) => {
    chunks.push(b);
    length += b.length;
  };
  parts.forEach((body, i) => {
    offsets.push(length);
    push(Buffer.from(`${i + 1} 0 obj\n`, 'latin1'));
    for (const piece of body) push(typeof piece === 'string' ? Buffer.from(piece, 'latin1') : Buffer.from(piece));
    push(Buffer.from('\nendobj\n', 'latin1'));
  });
  const xref = length;
  push(Buffer.from(`xref\n0 ${parts.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`, 'latin1'));
  push(Buffer.from(`trailer\n<< /Size ${parts.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}

/** Character error rate: edit distance between the texts (whitespace ignored) over the reference's length. */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const a = [...reference.replace(/\s+/g, '')];
  const b = [...hypothesis.replace(/\s+/g, '')];
  if (a.length === 0) return b.length === 0 ? 0 : 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]! / a.length;
}
