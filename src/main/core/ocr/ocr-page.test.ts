import { afterAll, describe, expect, it } from 'vitest';
import { characterErrorRate, scanImage, scanPdf } from '../test-support/scan-fixture';
import { OcrEngine } from './engine';
import { inverseTransform, layOutOcrPage } from './ocr-layout';
import { PageRenderer } from './render-process';

// Real tesseract.js on real renders of generated scans: slow (seconds a page), so few pages.
const ENGLISH = ['The Institute published its annual report in January.', 'Staff reviewed every policy and regulation.'];
const CHINESE = ['广州生物医药与健康研究院发布年度报告。', '研究院今年的经费为一千二百万元。'];

const renderer = new PageRenderer();
const engine = new OcrEngine({ languages: 'chi_sim+eng', workers: 1 });
afterAll(async () => {
  await renderer.stop();
  await engine.stop();
});

async function ocrPdfPage(pdf: Uint8Array, page: number) {
  const rendered = await renderer.render(pdf, page, 300);
  const result = await engine.recognise(rendered.png);
  return { rendered, text: layOutOcrPage(result, inverseTransform(rendered.transform)) };
}

describe('OCR of a scanned page', () => {
  it('reads an English scan within the error bound, with word boxes on the page in PDF points', async () => {
    const pdf = scanPdf([scanImage(ENGLISH)]);
    const { rendered, text } = await ocrPdfPage(pdf, 1);
    const joined = text.paragraphs.join('\n');
    expect(characterErrorRate(ENGLISH.join(''), joined)).toBeLessThanOrEqual(0.05);
    expect(rendered.width).toBeCloseTo(595, 0);
    const institute = text.words.find((w) => w.text.startsWith('Institute'));
    expect(institute).toBeDefined();
    // The first line is drawn 96 pt below the top of an 842 pt page, from 72 pt in.
    const [x0, y0, x1, y1] = institute!.rect;
    expect(x0).toBeGreaterThan(72);
    expect(x1).toBeLessThan(595);
    expect(y0).toBeGreaterThan(842 - 110);
    expect(y1).toBeLessThan(842 - 80);
    expect(institute!.confidence).toBeGreaterThan(0);
  }, 180_000);

  it('reads a Chinese scan without spaces between the characters', async () => {
    const pdf = scanPdf([scanImage(CHINESE, 'Noto Sans CJK SC', 14)]);
    const { text } = await ocrPdfPage(pdf, 1);
    const joined = text.paragraphs.join('\n');
    expect(joined).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/u);
    expect(characterErrorRate(CHINESE.join(''), joined)).toBeLessThanOrEqual(0.08);
  }, 180_000);
});
