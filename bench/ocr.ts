/** npm run bench:ocr — the OCR section of the bench on its own (see bench/lib/ocr.ts). */
import { ocrBench } from './lib/ocr';

const result = await ocrBench();
console.log(JSON.stringify(result, null, 2));
