// Pages drawn by pdf.js in a child Node process under the permission model (see
// src/main/core/ocr/render-process.ts): whole pages as PNG for OCR, crops of pages as PNG for
// the Markdown export's area annotations, and image files turned into PDFs (image-pdf.mjs).
// It is pdf-worker.mjs's sibling: the same framing (sandbox-frames.mjs), one request at a
// time, bytes on stdin and never a path. It differs in one power: drawing needs
// @napi-rs/canvas, a native addon, so this process runs with --allow-addons and may read that
// package (and utif2 with pako, for TIFF) too. It still may not write, spawn or start
// workers, gets an empty environment, and never extracts text.
//
// argv: [node, this file, <pdfjs-dist folder>, <utif2 folder>]
// Requests (header JSON, then the data):
//   {password?, page (1-based), dpi}, a PDF → {ok: true, page, pageCount, width, height, transform}
//     followed by the page in grey as a binary PGM (the answer's raw bytes, see sandbox-frames.mjs)
//     width and height are the page's size in PDF points (as rotated for display); transform
//     is the viewport's PDF-point → pixel matrix, which the parent inverts to place OCR boxes.
//   {areas: [{id, page, rect: [x0, y0, x1, y1]}], scale}, a PDF → {ok: true, images: {id: base64 PNG}, failed: {id: reason}}
//   {image: true}, a PNG/JPEG/TIFF → {ok: true, kind, pages}, followed by the PDF's bytes
// or {ok: false, code, message}.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { imageKind, imageToPdf } from './image-pdf.mjs';
import { confinedOptions, loadPdfjs, quietConsole, serve } from './sandbox-frames.mjs';

quietConsole();

const pdfjsDir = process.argv[2];
const utifDir = process.argv[3];
/** pixels on a side above which a page is refused: a 300 dpi A0 sheet is ~10,000 */
const MAX_SIDE = 12_000;
/** the biggest crop, in pixels per side: a page at twice its size is about 1200 × 1700 */
const MAX_CROP_SIDE = 4000;

const pdfjsReady = loadPdfjs(pdfjsDir);

function errorCode(error) {
  if (error?.name === 'PasswordException') return error.code === 2 ? 'password_wrong' : 'password_required';
  if (error?.name === 'InvalidPDFException') return 'corrupt';
  return 'failed';
}

/** Opens a PDF with eval, XFA and system fonts off; nothing is fetched but pdf.js's own files. */
async function openPdf(data, password) {
  const pdfjs = await pdfjsReady;
  const task = pdfjs.getDocument({
    data,
    password: typeof password === 'string' ? password : undefined,
    ...confinedOptions(pdfjsDir),
    // Images in the page (JPEG 2000, JBIG2) are decoded by pdf.js's wasm, read from the install.
    wasmUrl: `${pdfjsDir}/wasm/`,
  });
  const doc = await task.promise.catch(async (error) => {
    await task.destroy().catch(() => undefined);
    throw error;
  });
  return { pdfjs, doc };
}

async function renderPage(header, data) {
  const { pdfjs, doc } = await openPdf(data, header.password);
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
    const image = greyPgm(context.getImageData(0, 0, width, height).data, width, height);
    const points = page.getViewport({ scale: 1 });
    doc.canvasFactory.destroy(canvasAndContext);
    page.cleanup();
    return { ok: true, page: n, pageCount: doc.numPages, width: points.width, height: points.height, transform: viewport.transform, binary: image };
  } finally {
    await doc.destroy();
  }
}

/**
 * The page in grey as a binary PGM: tesseract works on grey, and leptonica reads PGM without
 * decoding anything, where a PNG cost an encode here and a decode in tesseract's wasm.
 */
function greyPgm(rgba, width, height) {
  const head = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = Buffer.allocUnsafe(head.length + width * height);
  head.copy(out, 0);
  // ITU-R BT.601 luma in integers; the page is opaque (drawn on white).
  for (let i = 0, o = head.length, n = width * height * 4; i < n; i += 4, o++) out[o] = (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29) >> 8;
  return out;
}

async function renderCrops(header, data) {
  const { doc } = await openPdf(data, header.password);
  const images = {};
  const failed = {};
  const scale = Math.min(4, Math.max(0.5, Number(header.scale) || 2));
  try {
    for (const area of Array.isArray(header.areas) ? header.areas : []) {
      try {
        const page = await doc.getPage(area.page);
        const viewport = page.getViewport({ scale });
        const canvasFactory = doc.canvasFactory;
        const whole = canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
        await page.render({ canvasContext: whole.context, viewport, canvas: whole.canvas }).promise;
        const [a, b, c, d] = viewport.convertToViewportRectangle(area.rect);
        const x = Math.max(0, Math.floor(Math.min(a, c)));
        const y = Math.max(0, Math.floor(Math.min(b, d)));
        const w = Math.min(MAX_CROP_SIDE, Math.ceil(Math.abs(c - a)), whole.canvas.width - x);
        const h = Math.min(MAX_CROP_SIDE, Math.ceil(Math.abs(d - b)), whole.canvas.height - y);
        if (w < 1 || h < 1) throw new Error('the rectangle is outside the page');
        const crop = canvasFactory.create(w, h);
        crop.context.drawImage(whole.canvas, x, y, w, h, 0, 0, w, h);
        images[area.id] = Buffer.from(await crop.canvas.encode('png')).toString('base64');
        canvasFactory.destroy(crop);
        canvasFactory.destroy(whole);
        page.cleanup();
      } catch (error) {
        failed[area.id] = String(error?.message ?? error).slice(0, 200);
      }
    }
  } finally {
    await doc.destroy();
  }
  return { ok: true, images, failed };
}

async function wrapImage(data) {
  const kind = imageKind(data);
  if (!kind) throw new Error('not a PNG, JPEG or TIFF image (unknown signature)');
  const require = createRequire(pathToFileURL(`${pdfjsDir}/package.json`));
  const libs = { canvas: kind === 'tiff' ? null : require('@napi-rs/canvas'), utif: kind === 'tiff' ? createRequire(pathToFileURL(`${utifDir}/package.json`))('./UTIF.js') : null };
  const { pdf, pages } = await imageToPdf(data, kind, libs);
  return { ok: true, kind, pages, binary: pdf };
}

serve((header, data) => (header.image ? wrapImage(data) : header.areas ? renderCrops(header, data) : renderPage(header, data)), errorCode);
