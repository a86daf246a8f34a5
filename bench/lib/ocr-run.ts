/**
 * The app's OCR path on a folder of scan PDFs, in its own process so that the bench can
 * follow its memory: sandboxed page rendering at 300 dpi, tesseract.js workers, the PDF
 * layout. Prints one JSON line: {ms, pages: [{file, text}]}.
 * argv: <folder> <languages> <workers>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OcrEngine } from '../../src/main/core/ocr/engine';
import { ocrDocument } from '../../src/main/core/ocr/ocr-document';
import { PageRenderer } from '../../src/main/core/ocr/render-process';

const [dir, languages = 'chi_sim+eng', workers = '2'] = process.argv.slice(2);
const files = readdirSync(dir!).filter((f) => f.endsWith('.pdf')).sort();
const renderer = new PageRenderer();
const engine = new OcrEngine({ languages, workers: Number(workers) });
const start = performance.now();
const pages = await Promise.all(
  files.map(async (file) => {
    const { parsed } = await ocrDocument(readFileSync(join(dir!, file)), file, { mode: 'auto', engine, renderer });
    return { file, text: parsed.text };
  }),
);
const ms = performance.now() - start;
await renderer.stop();
await engine.stop();
console.log(JSON.stringify({ ms, pages }));
