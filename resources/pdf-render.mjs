// Renders crops of PDF pages to PNG (pictures of area annotations for the Markdown export),
// in a child Node process under the permission model like pdf-worker.mjs: it may read only
// pdfjs-dist, @napi-rs/canvas and this file, may not write, spawn or start workers. Unlike
// the text worker it must load one native addon (@napi-rs/canvas, pdf.js's canvas in Node),
// so it runs beside that worker, one short-lived process per document, with eval off and
// no fonts or files fetched. The parent sends the bytes, never a path.
//
// argv: [node, this file, <pdfjs-dist folder>]
// stdin: 4-byte big-endian length H, H bytes of JSON {areas: [{id, page, rect: [x0, y0, x1, y1]}], scale},
//   then the PDF's bytes to the end.
// stdout: JSON {ok: true, images: {id: base64 PNG}, failed: {id: reason}} or {ok: false, message}.

import { pathToFileURL } from 'node:url';

for (const name of ['log', 'info', 'warn', 'debug']) console[name] = (...args) => console.error(...args);

const pdfjsDir = process.argv[2];
// The biggest crop, in pixels per side: a page at twice its size is about 1200 × 1700.
const MAX_SIDE = 4000;

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

async function main() {
  const input = await readStdin();
  const headerLength = input.readUInt32BE(0);
  const header = JSON.parse(input.subarray(4, 4 + headerLength).toString('utf8'));
  const data = new Uint8Array(input.subarray(4 + headerLength));
  const pdfjs = await import(pathToFileURL(`${pdfjsDir}/legacy/build/pdf.mjs`).href);
  pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(`${pdfjsDir}/legacy/build/pdf.worker.mjs`).href;
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    verbosity: 0,
    cMapUrl: `${pdfjsDir}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${pdfjsDir}/standard_fonts/`,
    wasmUrl: `${pdfjsDir}/wasm/`,
  });
  const doc = await task.promise;
  const images = {};
  const failed = {};
  const scale = Math.min(4, Math.max(0.5, Number(header.scale) || 2));
  try {
    for (const area of header.areas) {
      try {
        const page = await doc.getPage(area.page);
        const viewport = page.getViewport({ scale });
        const canvasFactory = doc.canvasFactory;
        const whole = canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
        await page.render({ canvasContext: whole.context, viewport, canvas: whole.canvas }).promise;
        const [a, b, c, d] = viewport.convertToViewportRectangle(area.rect);
        const x = Math.max(0, Math.floor(Math.min(a, c)));
        const y = Math.max(0, Math.floor(Math.min(b, d)));
        const w = Math.min(MAX_SIDE, Math.ceil(Math.abs(c - a)), whole.canvas.width - x);
        const h = Math.min(MAX_SIDE, Math.ceil(Math.abs(d - b)), whole.canvas.height - y);
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

main()
  .catch((error) => ({ ok: false, message: String(error?.message ?? error).slice(0, 500) }))
  .then((answer) => process.stdout.write(JSON.stringify(answer), () => process.exit(0)));
