import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { textRangeToGeometry } from '../../../shared/model';
import { Archive } from '../archive';
import { scanImage, scanPng, scanTiff } from '../test-support/scan-fixture';
import { useTempDirs } from '../test-support/temp-dir';
import { OcrEngine } from '../ocr/engine';
import { ocrDocument } from '../ocr/ocr-document';
import { PageRenderer } from '../ocr/render-process';
import { IMAGE_NOTICE, imageImporter } from './image';
import { importerFor } from './registry';

const tempDir = useTempDirs();
const FIRST = ['Report of the records office for the year.', 'The reading room opened on Saturdays.'];
const SECOND = ['Second page of the report.', 'Visitors consulted four hundred boxes.'];

describe('image files as documents', () => {
  it('reads PNG, JPEG and TIFF files, a page per TIFF frame, each page the size the image has at its resolution', async () => {
    expect(['a.png', 'b.JPG', 'c.jpeg', 'd.tif', 'e.TIFF'].map((f) => importerFor(f)?.type)).toEqual(['image', 'image', 'image', 'image', 'image']);
    const png = await imageImporter.parse(scanPng(FIRST), 'letter.png');
    expect(png.text).toBe('');
    expect(png.notices).toEqual([IMAGE_NOTICE]);
    expect(png.needsOcr).toEqual([1]);
    expect(new TextDecoder().decode(png.pagesPdf!.subarray(0, 5))).toBe('%PDF-');
    // 2480 × 3508 px at 300 dpi: A4.
    expect(png.sourceMap?.pages[0]?.view?.map(Math.round)).toEqual([0, 0, 595, 842]);

    const jpeg = await imageImporter.parse(scanImage(FIRST).jpeg, 'letter.jpg');
    expect(jpeg.sourceMap?.pageCount).toBe(1);

    const tiff = await imageImporter.parse(scanTiff([FIRST, SECOND]), 'report.tif');
    expect(tiff.sourceMap?.pageCount).toBe(2);
    expect(tiff.needsOcr).toEqual([1, 2]);
    expect(tiff.sourceMap?.pages[1]?.view?.map(Math.round)).toEqual([0, 0, 595, 842]);
  }, 120_000);

  // A fax as fax machines and many scanners write it: 1 bit, CCITT Group 4, 200 dpi, two pages
  // (made with libtiff's ppm2tiff -c g4 and tiffcp; 3 KB).
  it('reads a CCITT Group 4 fax TIFF, page by page, and OCR reads its words', async () => {
    const fax = new Uint8Array(await readFile(fileURLToPath(new URL('../../../../fixtures/fax-g4.tif', import.meta.url))));
    const parsed = await imageImporter.parse(fax, 'fax.tif');
    expect(parsed.sourceMap?.pageCount).toBe(2);
    // 1654 × 2339 px at 200 dpi: A4.
    expect(parsed.sourceMap?.pages[0]?.view?.map(Math.round)).toEqual([0, 0, 595, 842]);
    const engine = new OcrEngine({ languages: 'eng', workers: 1 });
    const renderer = new PageRenderer();
    try {
      const { parsed: read } = await ocrDocument(parsed.pagesPdf!, 'fax.tif', { mode: 'auto', engine, renderer });
      expect(read.text).toMatch(/archive closes on Friday/);
      expect(read.text).toMatch(/Reply before the tenth/);
    } finally {
      await engine.stop();
      await renderer.stop();
    }
  }, 180_000);

  it('refuses a file that is not the image its name says, naming why', async () => {
    await expect(imageImporter.parse(new TextEncoder().encode('just some text'), 'notes.png')).rejects.toThrow(/not a PNG, JPEG or TIFF image/);
    // A TIFF header with nothing after it.
    await expect(imageImporter.parse(new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0]), 'empty.tif')).rejects.toThrow(/image/);
  }, 60_000);

  it('imports a multi-page TIFF as one document kept byte for byte, reads its pages by OCR, and maps the text to its pages', async () => {
    const dir = await tempDir();
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const bytes = scanTiff([FIRST, SECOND]);
    const outcome = await archive.importFile({ name: 'report.tiff', bytes, ocrLanguages: 'eng' });
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    const id = outcome.doc.id;
    expect(outcome.doc).toMatchObject({ type: 'image', sourceName: 'report.tiff', ocr: { state: 'queued', languages: 'eng' } });
    expect(Buffer.compare(await readFile(`${dir}/docs/${id}/original.tiff`), bytes)).toBe(0);
    const pagesPdf = await readFile(archive.originalPdfPath(id)!);

    await archive.ocr!.idle();
    const { meta, text, blocks } = await archive.get(id);
    expect(meta.ocr).toMatchObject({ state: 'done', pages: 2 });
    expect(meta.notices).not.toContain(IMAGE_NOTICE);
    expect(text).toMatch(/reading room opened on Saturdays/);
    expect(text).toMatch(/four hundred boxes/);
    expect(new Set(blocks.map((b) => b.page))).toEqual(new Set([1, 2]));
    // The pages the page view shows are the same after OCR's new version.
    expect(Buffer.compare(await readFile(archive.originalPdfPath(id)!), pagesPdf)).toBe(0);
    const found = await archive.search.search('visitors', { limit: 5 });
    expect(found.hits.map((h) => h.id)).toContain(id);

    // A passage of page 2 stands on page 2, inside the page.
    const map = (await archive.pdfMaps.get(id))!;
    expect(map.pages.map((p) => p.source)).toEqual(['ocr', 'ocr']);
    const start = text.indexOf('four hundred');
    const [where] = textRangeToGeometry(map, start, start + 'four hundred'.length);
    expect(where?.page).toBe(2);
    const [x0, y0, x1, y1] = where!.rects[0]!;
    expect(x0).toBeGreaterThan(0);
    expect(x1).toBeLessThan(595);
    expect(y0).toBeGreaterThan(600);
    expect(y1).toBeLessThan(842);
    await archive.close();
  }, 300_000);
});
