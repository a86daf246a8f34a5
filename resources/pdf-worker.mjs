// PDF text extraction, run in a child Node process under the permission model (see
// src/main/core/importers/pdf-process.ts). pdf.js parses hostile input and has had
// "arbitrary JavaScript from a crafted PDF" advisories, so this process may read only
// the pdfjs-dist folder, this file and sandbox-frames.mjs, may not write, spawn or start workers, and
// answers with plain JSON. Layout (columns, paragraphs) is done by the parent on the
// positions returned here, so that it can be tested without a child process.
//
// The process is reused for many files, one at a time (starting Node and loading pdf.js
// costs more than reading a typical PDF). The parent sends the bytes, never a path.
//
// argv: [node, this file, <pdfjs-dist folder>]
// Requests and answers are framed as sandbox-frames.mjs says: header {password?}, data the
// PDF; answer {ok: true, info, pages} or {ok: false, code, message}.

import { confinedOptions, loadPdfjs, quietConsole, serve } from './sandbox-frames.mjs';

quietConsole();

const pdfjsDir = process.argv[2];

// pdf.js builds a DOMMatrix when its module loads (for canvas rendering, which we never
// do) and would take one from @napi-rs/canvas, a native addon this process may not load.
// An inert stand-in lets the module load; text extraction does not use it.
globalThis.DOMMatrix ??= class DOMMatrix {
  constructor() {
    Object.assign(this, { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 });
  }
};

// pdf.js is imported once, while the first file is still on its way.
const pdfjsReady = loadPdfjs(pdfjsDir);

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

function open(pdfjs, data, password, stopAtErrors) {
  return pdfjs.getDocument({
    // A copy: pdf.js transfers (detaches) the buffer it is given, and a retry needs it again.
    data: data.slice(),
    password,
    ...confinedOptions(pdfjsDir),
    // Text only: no fonts handed to a renderer.
    disableFontFace: true,
    stopAtErrors,
  });
}

async function load(pdfjs, data, password, stopAtErrors) {
  const task = open(pdfjs, data, password, stopAtErrors);
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw error;
  }
}

// Values filled into form fields (AcroForm widgets): [value, x0, y0, x1, y1]. They are
// drawn by the annotation layer, not the text layer, so they are not text items.
async function fieldValues(page) {
  const out = [];
  for (const a of await page.getAnnotations({ intent: 'display' })) {
    if (a.subtype !== 'Widget' || a.hidden) continue;
    const values = Array.isArray(a.fieldValue) ? a.fieldValue : [a.fieldValue];
    const text = a.fieldType === 'Tx' || a.fieldType === 'Ch' ? values.filter((v) => typeof v === 'string' && v.trim()).join(', ') : '';
    if (!text || !Array.isArray(a.rect)) continue;
    out.push([text.slice(0, 10000), ...a.rect.map(round)]);
  }
  return out;
}

async function openDocument(pdfjs, data, password, stopAtErrors) {
  try {
    return await load(pdfjs, data, password, stopAtErrors);
  } catch (error) {
    // A PDF with only an owner password opens without one: a password that is neither
    // the user's nor the owner's is no reason to refuse it.
    if (password === undefined || error?.name !== 'PasswordException') throw error;
    return load(pdfjs, data, undefined, stopAtErrors).catch(() => {
      throw error;
    });
  }
}

// The parameters of the viewer's text layer, so that item k here is text div k there.
const TEXT_PARAMS = { includeMarkedContent: true, disableNormalization: true };

async function readPage(doc, n) {
  const page = await doc.getPage(n);
  try {
    const content = await page.getTextContent(TEXT_PARAMS);
    let fields = [];
    try {
      fields = await fieldValues(page);
    } catch {
      // Form values are extra; the text stands without them.
    }
    const [x0, y0, x1, y1] = page.view;
    return {
      width: round(x1 - x0),
      height: round(y1 - y0),
      x0: round(x0),
      y0: round(y0),
      rotate: page.rotate,
      items: compactItems(content.items, content.styles),
      ...(fields.length ? { fields } : {}),
    };
  } finally {
    page.cleanup();
  }
}

async function read(header, data) {
  const pdfjs = await pdfjsReady;
  const password = typeof header.password === 'string' ? header.password : undefined;
  // Read strictly, so that damage shows; a damaged page is read again the tolerant way
  // (as the viewer reads it: pdf.js skips what it cannot parse) and named in a notice.
  const doc = await openDocument(pdfjs, data, password, true);
  let tolerant;
  try {
    let info = {};
    try {
      const meta = await doc.getMetadata();
      const xmp = (name) => meta.metadata?.get?.(name);
      info = {
        title: meta.info?.Title,
        xmpTitle: xmp('dc:title'),
        author: meta.info?.Author,
        xmpCreator: xmp('dc:creator'),
        creationDate: meta.info?.CreationDate,
        xmpCreateDate: xmp('xmp:createdate') ?? xmp('xmp:CreateDate'),
        language: meta.info?.Language,
        xmpLanguage: xmp('dc:language'),
      };
    } catch {
      // Broken metadata is no reason to refuse the text.
    }
    try {
      const labels = await doc.getPageLabels();
      if (Array.isArray(labels)) info.pageLabels = labels.map((l) => (typeof l === 'string' ? l.slice(0, 50) : ''));
    } catch {
      // Nor are broken page labels.
    }
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        pages.push(await readPage(doc, n));
      } catch (error) {
        const failed = String(error?.message ?? error).slice(0, 200);
        try {
          tolerant ??= await openDocument(pdfjs, data, password, false);
          pages.push({ ...(await readPage(tolerant, n)), failed });
        } catch {
          pages.push({ width: 0, height: 0, x0: 0, y0: 0, rotate: 0, items: [], failed });
        }
      }
    }
    if (pages.length > 0 && pages.every((p) => p.failed && p.items.length === 0)) throw new Error(`no page could be read (${pages[0].failed})`);
    return { ok: true, info, pages };
  } finally {
    // The next file gets none of this one's objects, fonts or caches.
    await doc.destroy();
    await tolerant?.destroy();
  }
}

// One file at a time, in the order they came: the parent sends the next only after an answer.
serve(read, errorCode);
