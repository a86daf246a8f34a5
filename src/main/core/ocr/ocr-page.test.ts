import { afterAll, describe, expect, it } from 'vitest';
import { textRangeToItems } from '../../../shared/model';
import { characterErrorRate, scanImage, scanPdf } from '../test-support/scan-fixture';
import { OcrEngine } from './engine';
import { ocrDocument } from './ocr-document';
import { PageRenderer } from './render-process';

// Real tesseract.js on real renders of generated scans: seconds a page, so few pages.
const ENGLISH = ['The Institute published its annual report in January.', 'Staff reviewed every policy and regulation.'];
const CHINESE = ['广州生物医药与健康研究院发布年度报告。', '研究院今年的经费为一千二百万元。'];

const renderer = new PageRenderer();
const engine = new OcrEngine({ languages: 'chi_sim+eng', workers: 1 });
afterAll(async () => {
  await renderer.stop();
  await engine.stop();
});

describe('OCR of scanned PDF pages', () => {
  it('reads an English scan within the error bound, its words mapped to boxes on the page', async () => {
    const { parsed, read, failed } = await ocrDocument(scanPdf([scanImage(ENGLISH)]), 'scan.pdf', { mode: 'auto', engine, renderer });
    expect([read, failed]).toEqual([[1], []]);
    expect(characterErrorRate(ENGLISH.join(''), parsed.text)).toBeLessThanOrEqual(0.05);
    const page = parsed.sourceMap.pages[0]!;
    expect(page.source).toBe('ocr');
    expect(page.confidence?.length).toBeGreaterThan(10);
    // "Institute" maps to one word item whose box stands on the first line: 96 pt below the top of an 842 pt page, from 72 pt in.
    const at = parsed.text.indexOf('Institute');
    expect(at).toBeGreaterThanOrEqual(0);
    const spans = textRangeToItems(parsed.sourceMap, at, at + 'Institute'.length);
    expect(spans).toHaveLength(1);
    const box = page.items!.slice(spans[0]!.item * 4, spans[0]!.item * 4 + 4);
    expect(box[0]).toBeGreaterThan(72);
    expect(box[2]).toBeLessThan(595);
    expect(box[1]).toBeGreaterThan(842 - 110);
    expect(box[3]).toBeLessThan(842 - 75);
    expect(parsed.notices?.some((n) => /read by OCR/.test(n))).toBe(true);
  }, 180_000);

  it('reads a Chinese scan without spaces between the characters', async () => {
    const { parsed } = await ocrDocument(scanPdf([scanImage(CHINESE, 'Noto Sans CJK SC', 14)]), 'scan.pdf', { mode: 'auto', engine, renderer });
    expect(parsed.text).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/u);
    expect(characterErrorRate(CHINESE.join(''), parsed.text)).toBeLessThanOrEqual(0.08);
  }, 180_000);

  it('reads only the pages without text in a mixed PDF, and keeps the text layer of the others', async () => {
    const pdf = scanPdf([{ text: 'A page with a real text layer.' }, scanImage(ENGLISH)]);
    const { parsed, read } = await ocrDocument(pdf, 'mixed.pdf', { mode: 'auto', engine, renderer });
    expect(read).toEqual([2]);
    expect(parsed.text.startsWith('A page with a real text layer.')).toBe(true);
    expect(parsed.sourceMap.pages.map((p) => p.source)).toEqual(['text', 'ocr']);
    expect(parsed.text).toMatch(/annual report/);
  }, 180_000);
});
