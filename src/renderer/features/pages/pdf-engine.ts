import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type * as PdfJs from 'pdfjs-dist';
import type * as PdfJsViewer from 'pdfjs-dist/web/pdf_viewer.mjs';

/**
 * pdf.js for the page view, loaded on first use (it is large, and most documents are not PDFs).
 * Everything it fetches comes from the app's own origin: the worker, the character maps (Chinese
 * CID fonts), the standard fonts and the image decoders (copied into the build under pdfjs/,
 * see electron.vite.config.ts), and the PDF itself (GET original/<id>, src/main/server/original-file.ts).
 */
export type PdfLib = typeof PdfJs;
export type PdfViewerLib = typeof PdfJsViewer;
export type PdfDocument = Awaited<ReturnType<PdfLib['getDocument']>['promise']>;

type Engine = { lib: PdfLib; viewer: PdfViewerLib; worker: InstanceType<PdfLib['PDFWorker']> };
let loading: Promise<Engine> | null = null;

/**
 * pdf.js, its viewer and one worker, shared by every PDF the page view opens. The reader calls
 * this as soon as it knows the document is a PDF, so the code and the worker start while the
 * text is still on its way.
 */
export function loadPdfEngine(): Promise<Engine> {
  loading ??= (async () => {
    // The worker script (~1 MB) is fetched and compiled by its own thread while pdf.js's main
    // module loads, rather than after it: pdf.js takes the running worker as its port.
    const port = new Worker(workerUrl, { type: 'module' });
    // pdf_viewer.mjs reads pdf.js from globalThis.pdfjsLib, which pdf.mjs sets: load it first.
    const lib = await import('pdfjs-dist');
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    const worker = lib.PDFWorker.create({ port });
    const viewer = await import('pdfjs-dist/web/pdf_viewer.mjs');
    return { lib, viewer, worker };
  })();
  loading.catch(() => (loading = null));
  return loading;
}

const fromApp = (path: string) => new URL(path, document.baseURI).href;

/** Where the page view reads a document's PDF. */
export const originalUrl = (docId: string) => fromApp(`original/${encodeURIComponent(docId)}`);

type LoadingTask = ReturnType<PdfLib['getDocument']>;
let early: { docId: string; task: Promise<LoadingTask> } | null = null;
let fetched: { docId: string; source: Promise<PdfSource> } | null = null;

/**
 * pdf.js reads the file in chunks of this size, asked for with HTTP byte ranges from the app's own
 * origin (src/main/server/byte-range.ts). Larger than pdf.js's 64 KB: on the loopback each request
 * costs more than its bytes, so fewer, larger chunks reach the first page sooner.
 */
export const RANGE_CHUNK = 256 * 1024;

/**
 * A PDF up to this size is read whole, in the one request that would otherwise bring its first
 * chunk: on the loopback a request costs more than its bytes, and pdf.js needs the file's first
 * and last chunks and then a few from the middle (the last page, checked at open) before it draws
 * page 1, each a round trip through a server that is also sending the document's text. Larger
 * files are read by ranges: page 1 comes without reading (or holding) the rest.
 */
export const WHOLE_UP_TO = 2 * 1024 * 1024;

/** The start of a PDF and its length, or the whole file when it is small (or the server sent it whole). */
type PdfSource = { kind: 'whole'; data: Uint8Array } | { kind: 'ranges'; length: number; head: Uint8Array; tail: Promise<Piece | null> };
type Piece = { begin: number; bytes: Uint8Array };

async function fetchPiece(url: string, begin: number, end: number): Promise<Piece> {
  const response = await fetch(url, { headers: { Range: `bytes=${begin}-${end - 1}` } });
  if (response.status !== 206) throw new Error(`the PDF's bytes ${begin}-${end - 1} did not come (HTTP ${response.status})`);
  return { begin, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/**
 * The PDF's first WHOLE_UP_TO bytes, whose answer says the file's length (Content-Range), and at
 * once its last chunk: pdf.js reads the file's end first (the cross-reference table and the
 * trailer), then the objects of the first page. Both come while pdf.js is still loading.
 */
async function openSource(url: string): Promise<PdfSource> {
  const response = await fetch(url, { headers: { Range: `bytes=0-${WHOLE_UP_TO - 1}` } });
  if (!response.ok) throw new Error(`the PDF did not come (HTTP ${response.status})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const length = Number(/\/(\d+)$/.exec(response.headers.get('Content-Range') ?? '')?.[1]);
  if (response.status !== 206 || !Number.isSafeInteger(length) || length <= bytes.length) return { kind: 'whole', data: bytes };
  const lastChunk = Math.floor((length - 1) / RANGE_CHUNK) * RANGE_CHUNK;
  const tail = lastChunk >= bytes.length ? fetchPiece(url, lastChunk, length).catch(() => null) : Promise.resolve(null);
  return { kind: 'ranges', length, head: bytes, tail };
}

/**
 * Starts reading a PDF before the page view asks for it (the reader knows it is a PDF before
 * its text arrives): its first and last chunks are fetched at once, beside pdf.js's own loading,
 * instead of after it; on a loaded machine pdf.js's modules and worker take hundreds of ms to arrive.
 */
export async function prepareDocument(docId: string): Promise<void> {
  if (fetched?.docId !== docId) {
    const source = openSource(originalUrl(docId));
    source.catch(() => undefined);
    fetched = { docId, source };
  }
  const engine = await loadPdfEngine();
  if (early?.docId === docId) return;
  void early?.task.then((task) => task.destroy());
  early = { docId, task: startLoading(engine, docId) };
}

/** Opens a PDF with scripting, eval and XFA off; the document's own code never runs. */
export function openPdf(engine: Pick<Engine, 'lib' | 'worker'>, docId: string): Promise<LoadingTask> {
  if (early?.docId === docId) {
    const { task } = early;
    early = null;
    return task;
  }
  return startLoading(engine, docId);
}

async function startLoading({ lib, worker }: Pick<Engine, 'lib' | 'worker'>, docId: string): Promise<LoadingTask> {
  const url = originalUrl(docId);
  // A source fetched early is handed over once (pdf.js transfers its bytes to the worker).
  const source = await (fetched?.docId === docId ? fetched.source : openSource(url));
  if (fetched?.docId === docId) fetched = null;
  // pdf.js's own loaders use ranges over http(s) only, not under the desktop's app:// scheme, so
  // the ranges are fetched here, the same way in both shells: pdf.js asks for the chunks it needs
  // (disableAutoFetch: no reading of the rest in the background; disableStream: no whole-file stream).
  let task: LoadingTask | null = null;
  let range: InstanceType<PdfLib['PDFDataRangeTransport']> | null = null;
  if (source.kind === 'ranges') {
    const transport = new lib.PDFDataRangeTransport(source.length, source.head);
    const tail = source.tail;
    transport.requestDataRange = (begin: number, end: number) => {
      void tail
        .then((piece) => (piece && begin >= piece.begin && end <= piece.begin + piece.bytes.length ? { begin, bytes: piece.bytes.subarray(begin - piece.begin, end - piece.begin) } : fetchPiece(url, begin, end)))
        .then(
          (piece) => transport.onDataRange(piece.begin, piece.bytes),
          // pdf.js would wait for the chunk for ever: the document fails instead, and the page view says so.
          () => void task?.destroy(),
        )
        .catch(() => undefined); // a chunk that comes after the document was closed
    };
    range = transport;
  }
  task = lib.getDocument({
    ...(source.kind === 'whole' ? { data: source.data } : { range: range!, rangeChunkSize: RANGE_CHUNK }),
    worker,
    cMapUrl: fromApp('pdfjs/cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: fromApp('pdfjs/standard_fonts/'),
    wasmUrl: fromApp('pdfjs/wasm/'),
    iccUrl: fromApp('pdfjs/iccs/'),
    // The CSP allows no WebAssembly compilation; pdf.js decodes JPX/JBIG2 in JavaScript instead.
    useWasm: false,
    isEvalSupported: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
  });
  return task;
}
