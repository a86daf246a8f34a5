// Renders PDF pages to PNG for OCR, in a child Node process under the permission model
// (see src/main/core/ocr/render-process.ts). It is pdf-worker.mjs's sibling: the same
// framing, the same one-file-at-a-time loop, bytes on stdin and never a path. It differs
// in one power: rendering needs @napi-rs/canvas, a native addon, so this process runs with
// --allow-addons and may read that package too. It still may not write, spawn or start
// workers, and gets an empty environment. Text extraction never runs here.
//
// It also turns image files into PDFs ({image: true}, see image-pdf.mjs), decoding them here.
//
// argv: [node, this file, <pdfjs-dist folder>, <utif2 folder>]
// stdin, per request: 4-byte big-endian length H, H bytes of JSON
//   {password?, page (1-based), dpi} or {image: true}, 4-byte big-endian length N, N bytes of PDF (or image).
// stdout, per request: 4-byte big-endian length M, M bytes of JSON:
//   {ok: true, page, pageCount, width, height, transform, png (base64)} or {ok: false, code, message}.
//   width and height are the page's size in PDF points (as rotated for display); transform
//   is the viewport's PDF-point → pixel matrix, which the parent inverts to place OCR boxes.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { imageKind, imageToPdf } from './image-pdf.mjs';

for (const name of ['log', 'info', 'warn', 'debug']) console[name] = (...args) => console.error(...args);

const pdfjsDir = process.argv[2];
/** utif2's folder: the TIFF decoder, for image files (image-pdf.mjs) */
const utifDir = process.argv[3];
/** pixels on a side above which a page is refused: a 300 dpi A0 sheet is ~10,000 */
const MAX_SIDE = 12_000;

const pdfjsReady = import(pathToFileURL(`${pdfjsDir}/legacy/build/pdf.mjs`).href).then((pdfjs) => {
  pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(`${pdfjsDir}/legacy/build/pdf.worker.mjs`).href;
  return pdfjs;
});
pdfjsReady.catch((error) => {
  console.error(`pdf.js did not load: ${error?.message ?? error}`);
  process.exit(1);
});

function frame(bytes) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function answer(value) {
  return new Promise((resolve) => process.stdout.write(frame(Buffer.from(JSON.stringify(value), 'utf8')), resolve));
}

function requests(onRequest) {
  let chunks = [];
  let buffered = 0;
  let need = 4;
  process.stdin.on('data', (chunk) => {
    chunks.push(chunk);
    buffered += chunk.length;
    while (buffered >= need) {
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      chunks = [all];
      const headerEnd = 4 + all.readUInt32BE(0);
      need = headerEnd + 4;
      if (buffered < need) return;
      const dataEnd = need + all.readUInt32BE(headerEnd);
      need = dataEnd;
      if (buffered < need) return;
      const header = JSON.parse(all.subarray(4, headerEnd).toString('utf8'));
      const data = new Uint8Array(all.subarray(headerEnd + 4, dataEnd));
      chunks = [all.subarray(dataEnd)];
      buffered = chunks[0].length;
      need = 4;
      onRequest({ header, data });
    }
  });
  process.stdin.on('end', () => queue.finally(() => process.exit(0)));
}

function errorCode(error) {
  if (error?.name === 'PasswordException') return error.code === 2 ? 'password_wrong' : 'password_required';
  if (error?.name === 'InvalidPDFException') return 'corrupt';
  return 'failed';
}

// An image file becomes a PDF of its pages (image-pdf.mjs): {image: true} → {ok, pdf (base64), pages}.
async function wrapImage(data) {
  const kind = imageKind(data);
  if (!kind) throw new Error('not a PNG, JPEG or TIFF image (unknown signature)');
  const require = createRequire(pathToFileURL(`${pdfjsDir}/package.json`));
  const libs = { canvas: kind === 'tiff' ? null : require('@napi-rs/canvas'), utif: kind === 'tiff' ? createRequire(pathToFileURL(`${utifDir}/package.json`))('./UTIF.js') : null };
  const { pdf, pages } = await imageToPdf(data, kind, libs);
  return { ok: true, kind, pages, pdf: pdf.toString('base64') };
}

async function render(header, data) {
  if (header.image) return wrapImage(data);
  const pdfjs = await pdfjsReady;
  const task = pdfjs.getDocument({
    data,
    password: typeof header.password === 'string' ? header.password : undefined,
    isEvalSupported: false,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    verbosity: 0,
    cMapUrl: `${pdfjsDir}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${pdfjsDir}/standard_fonts/`,
    wasmUrl: `${pdfjsDir}/wasm/`,
  });
  const doc = await task.promise.catch(async (error) => {
    await task.destroy().catch(() => undefined);
    throw error;
  });
  try {
    const n = Number(header.page);
    if (!Number.isInteger(n) || n < 1 || n > doc.numPages) throw new Error(`no page ${header.page} (the PDF has ${doc.numPages})`);
    const dpi = Math.min(600, Math.max(72, Number(header.dpi) || 300));
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    if (width > MAX_SIDE || height > MAX_SIDE) throw new Error(`page ${n} is too large to render at ${dpi} dpi (${width}×${height} px)`);
    const canvasAndContext = doc.canvasFactory.create(width, height);
    const { canvas, context } = canvasAndContext;
    // Scans are recognised best in black on white: pages without a background are transparent.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    await page.render({ canvasContext: context, canvas, viewport, background: '#ffffff', annotationMode: pdfjs.AnnotationMode.ENABLE_FORMS }).promise;
    const png = canvas.toBuffer('image/png');
    const points = page.getViewport({ scale: 1 });
    doc.canvasFactory.destroy(canvasAndContext);
    page.cleanup();
    return { ok: true, page: n, pageCount: doc.numPages, width: points.width, height: points.height, transform: viewport.transform, png: png.toString('base64') };
  } finally {
    await doc.destroy();
  }
}

let queue = Promise.resolve();
requests(({ header, data }) => {
  queue = queue
    .then(() => render(header, data))
    .catch((error) => ({ ok: false, code: errorCode(error), message: String(error?.message ?? error).slice(0, 500) }))
    .then(answer);
});
