// The framing shared by the sandboxed pdf.js processes (pdf-worker.mjs, page-render.mjs): the
// parent sends requests on stdin and reads answers on stdout, one at a time, each a frame.
//
// stdin, per request: 4-byte big-endian length H, H bytes of JSON (the header), 4-byte
//   big-endian length N, N bytes of data (a PDF or an image).
// stdout, per request: 4-byte big-endian length M, then M bytes: 4-byte big-endian length J,
//   J bytes of JSON (the answer), and the rest raw bytes (an answer's `binary`, if it has one:
//   a page's pixels are sent as they are, never as base64 inside the JSON, which cost seconds).
// The process ends when stdin ends and the request under way is answered.
//
// Every process that imports this file must be allowed to read it (--allow-fs-read).

import { pathToFileURL } from 'node:url';

/**
 * What every sandboxed pdf.js document is opened with: no eval'd font code, no system fonts,
 * no XFA, nothing fetched but pdf.js's own files from the install (Chinese PDFs often use
 * predefined CMaps; without them their text is unreadable).
 */
export function confinedOptions(pdfjsDir) {
  return {
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
  };
}

/**
 * pdf.js from the install (its legacy build, for Node), with its worker beside it. Without
 * pdf.js the process is of no use: it ends, and the parent reports why from stderr.
 */
export function loadPdfjs(pdfjsDir) {
  const ready = import(pathToFileURL(`${pdfjsDir}/legacy/build/pdf.mjs`).href).then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(`${pdfjsDir}/legacy/build/pdf.worker.mjs`).href;
    return pdfjs;
  });
  ready.catch((error) => {
    console.error(`pdf.js did not load: ${error?.message ?? error}`);
    process.exit(1);
  });
  return ready;
}

/** Logs go to stderr: stdout carries the answers (pdf.js warns with console.log). */
export function quietConsole() {
  for (const name of ['log', 'info', 'warn', 'debug']) console[name] = (...args) => console.error(...args);
}

function answer(value) {
  let json;
  const binary = value?.binary instanceof Uint8Array ? value.binary : null;
  try {
    json = JSON.stringify(binary ? { ...value, binary: binary.length } : value);
  } catch (error) {
    // Longer than a string may be: the parent's output limit would refuse it anyway.
    json = JSON.stringify({ ok: false, code: 'too_large', message: String(error?.message ?? error) });
  }
  const head = Buffer.from(json, 'utf8');
  const jsonLength = Buffer.alloc(4);
  jsonLength.writeUInt32BE(head.length);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(4 + head.length + (binary?.length ?? 0));
  return new Promise((resolve) => {
    process.stdout.write(Buffer.concat([length, jsonLength, head]));
    if (binary) process.stdout.write(binary, resolve);
    else process.stdout.write(Buffer.alloc(0), resolve);
  });
}

/**
 * Answers each request with `handle(header, data)` (a JSON-able value), in the order they
 * came; a request that throws is answered {ok: false, code: errorCode(error), message}.
 */
export function serve(handle, errorCode = () => 'failed') {
  let queue = Promise.resolve();
  let chunks = [];
  let buffered = 0;
  let need = 4; // bytes before the next length field can be read (or the request is whole)
  const onRequest = (header, data) => {
    queue = queue
      .then(() => handle(header, data))
      .catch((error) => ({ ok: false, code: errorCode(error), message: String(error?.message ?? error).slice(0, 500) }))
      .then(answer);
  };
  process.stdin.on('data', (chunk) => {
    chunks.push(chunk);
    buffered += chunk.length;
    while (buffered >= need) {
      // Chunks are joined once a request is whole (or a length field must be read).
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
      onRequest(header, data);
    }
  });
  // The parent is done (or gone): finish the request under way, then end.
  process.stdin.on('end', () => queue.finally(() => process.exit(0)));
}
