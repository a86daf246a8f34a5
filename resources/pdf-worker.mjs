// PDF text extraction, run in a child Node process under the permission model (see
// src/main/core/importers/pdf-process.ts). pdf.js parses hostile input and has had
// "arbitrary JavaScript from a crafted PDF" advisories, so this process may read only
// the pdfjs-dist folder and this file, may not write, spawn or start workers, and
// answers with plain JSON. Layout (columns, paragraphs) is done by the parent on the
// positions returned here, so that it can be tested without a child process.
//
// argv: [node, this file, <pdfjs-dist folder>]
// stdin: 4-byte big-endian length N, N bytes of JSON {password?}, then the PDF bytes.
// stdout: one JSON object: {ok: true, info, pages} or {ok: false, code, message}.

import { pathToFileURL } from 'node:url';

// pdf.js logs warnings with console.log; stdout carries the answer, so logs go to stderr.
for (const name of ['log', 'info', 'warn', 'debug']) console[name] = (...args) => console.error(...args);

const pdfjsDir = process.argv[2];

// pdf.js builds a DOMMatrix when its module loads (for canvas rendering, which we never
// do) and would take one from @napi-rs/canvas, a native addon this process may not load.
// An inert stand-in lets the module load; text extraction does not use it.
globalThis.DOMMatrix ??= class DOMMatrix {
  constructor() {
    Object.assign(this, { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 });
  }
};

function answer(value) {
  process.stdout.write(JSON.stringify(value), () => process.exit(0));
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const all = Buffer.concat(chunks);
  if (all.length < 4) throw new Error('no input');
  const headerLength = all.readUInt32BE(0);
  const header = JSON.parse(all.subarray(4, 4 + headerLength).toString('utf8'));
  // A copy: pdf.js transfers (detaches) the buffer it is given.
  const data = new Uint8Array(all.subarray(4 + headerLength));
  return { header, data };
}

// Items are sent as compact arrays: [str, x, y, width, fontSize, monospace (0/1)].
// Monospace tells code apart from prose; pdf.js knows it from the font's flags.
function compactItems(items, styles) {
  const out = [];
  for (const item of items) {
    if (typeof item.str !== 'string') continue; // marked-content markers
    const [a, b, c, d, e, f] = item.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 0;
    const mono = styles[item.fontName]?.fontFamily === 'monospace' ? 1 : 0;
    out.push([item.str, round(e), round(f), round(item.width), round(size), mono]);
  }
  return out;
}

function round(n) {
  return Math.round(n * 100) / 100;
}

function errorCode(error) {
  if (error?.name === 'PasswordException') return error.code === 2 ? 'password_wrong' : 'password_required';
  if (error?.name === 'InvalidPDFException') return 'corrupt';
  return 'failed';
}

async function main() {
  const { header, data } = await readStdin();
  const pdfjs = await import(pathToFileURL(`${pdfjsDir}/legacy/build/pdf.mjs`).href);
  pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(`${pdfjsDir}/legacy/build/pdf.worker.mjs`).href;
  const task = pdfjs.getDocument({
    data,
    password: typeof header.password === 'string' ? header.password : undefined,
    // Text only: no eval'd font code, no fonts handed to a renderer, nothing fetched.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    stopAtErrors: true,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    verbosity: 0,
    // Chinese PDFs often use predefined CMaps; without them their text is unreadable.
    cMapUrl: `${pdfjsDir}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${pdfjsDir}/standard_fonts/`,
  });
  const doc = await task.promise;
  let info = {};
  try {
    const meta = await doc.getMetadata();
    info = { title: meta.info?.Title, xmpTitle: meta.metadata?.get?.('dc:title') };
  } catch {
    // Broken metadata is no reason to refuse the text.
  }
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    let page, content;
    try {
      page = await doc.getPage(n);
      content = await page.getTextContent({ includeMarkedContent: false });
    } catch (error) {
      error.message = `page ${n}: ${error.message}`;
      throw error;
    }
    const [x0, y0, x1, y1] = page.view;
    pages.push({ width: round(x1 - x0), height: round(y1 - y0), x0: round(x0), y0: round(y0), rotate: page.rotate, items: compactItems(content.items, content.styles) });
    page.cleanup();
  }
  await doc.destroy();
  answer({ ok: true, info, pages });
}

main().catch((error) => {
  answer({ ok: false, code: errorCode(error), message: String(error?.message ?? error).slice(0, 500) });
});
