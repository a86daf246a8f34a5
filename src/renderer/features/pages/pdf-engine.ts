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
let fetched: { docId: string; bytes: Promise<ArrayBuffer | null> } | null = null;

/**
 * Starts reading a PDF before the page view asks for it (the reader knows it is a PDF before
 * its text arrives). Its bytes are fetched at once, beside pdf.js's own loading, instead of
 * after it: on a loaded machine pdf.js's modules and worker take hundreds of ms to arrive.
 */
export async function prepareDocument(docId: string): Promise<void> {
  if (fetched?.docId !== docId) {
    const bytes = fetch(originalUrl(docId)).then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null);
    fetched = { docId, bytes };
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
  // Bytes fetched early are handed over (once: pdf.js transfers them to its worker); else pdf.js fetches the file itself.
  const prefetched = fetched?.docId === docId ? await fetched.bytes : null;
  if (fetched?.docId === docId) fetched = null;
  return lib.getDocument({
    ...(prefetched ? { data: new Uint8Array(prefetched) } : { url: originalUrl(docId) }),
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
  });
}
