import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, pdfjsFolder, sandboxedNodeCommand, type SandboxCommand, type WorkerLimits } from '../importers/pdf-process';
import { PdfWorkerPool } from '../importers/pdf-worker-pool';
import { ImportError } from '../importers/types';

/** One page rendered for OCR: a grey PGM and the page's size in PDF points. */
export interface RenderedPage {
  page: number;
  pageCount: number;
  /** PDF points, as displayed (rotation applied) */
  width: number;
  height: number;
  /** the render viewport's transform, PDF points → pixels */
  transform: number[];
  /** the page in grey, binary PGM (P5) */
  image: Uint8Array;
}

/**
 * Pages are rendered in sandboxed processes like the text extraction (pdf-process.ts), one
 * request at a time (a page for OCR, the crops of one PDF, one image file), so that a page
 * that hangs or crashes fails alone (resources/page-render.mjs). The renderer may
 * read pdfjs-dist, @napi-rs/canvas (with its platform binary), utif2 and pako (TIFF) and
 * load that addon; nothing else.
 */
export function pdfRenderCommand(limits: WorkerLimits): SandboxCommand {
  const pdfjs = pdfjsFolder();
  const utif = imageDecoderFolders();
  // The script and the two modules it imports; nothing else of resources/.
  const scripts = ['image-pdf.mjs', 'sandbox-frames.mjs'].map((name) => resolve(resourceScript(name)));
  const sandbox = sandboxedNodeCommand(resolve(resourceScript('page-render.mjs')), [pdfjs, ...canvasFolders(), ...utif, ...scripts], [pdfjs, utif[0]!], limits.maxHeapMb);
  return { ...sandbox, args: ['--allow-addons', ...sandbox.args] };
}

/** Where @napi-rs/canvas and its prebuilt binary live (resolved from pdfjs-dist, which depends on it). */
export function canvasFolders(): string[] {
  const fromPdfjs = createRequire(join(pdfjsFolder(), 'package.json'));
  let canvas: string;
  try {
    canvas = dirname(fromPdfjs.resolve('@napi-rs/canvas/package.json'));
  } catch {
    throw new ImportError('page rendering is not installed (@napi-rs/canvas is missing): OCR cannot run');
  }
  const scope = dirname(canvas);
  const binaries = [`canvas-${process.platform}-${process.arch}-gnu`, `canvas-${process.platform}-${process.arch}-musl`, `canvas-${process.platform}-${process.arch}`, `canvas-${process.platform}-${process.arch}-msvc`]
    .map((name) => join(scope, name))
    .filter((path) => existsSync(path));
  return [canvas, ...binaries];
}

/** utif2 (the TIFF decoder) and pako (its inflate), which the render process may read for image files. */
export function imageDecoderFolders(): string[] {
  const require = createRequire(import.meta.url);
  const utif = dirname(require.resolve('utif2/package.json'));
  const pako = dirname(createRequire(join(utif, 'package.json')).resolve('pako/package.json'));
  return [utif, pako];
}

const RENDER_LIMITS: WorkerLimits = { ...DEFAULT_LIMITS, maxHeapMb: 1024 };

export class PageRenderer {
  private readonly pool: PdfWorkerPool;

  constructor(limits: WorkerLimits = RENDER_LIMITS) {
    this.pool = new PdfWorkerPool(() => pdfRenderCommand(limits), limits, { processes: 1, idleMs: 5_000, filesPerProcess: 50 });
  }

  /** Page `page` (1-based) of the PDF in grey at `dpi`, on white. */
  async render(bytes: Uint8Array, page: number, dpi = 300, password?: string, timeoutMs?: number): Promise<RenderedPage> {
    const { json, binary } = await this.pool.readWithData(bytes, password, timeoutMs, { page, dpi });
    let answer: { ok?: boolean; code?: string; message?: string; page?: number; pageCount?: number; width?: number; height?: number; transform?: number[]; binary?: number };
    try {
      answer = JSON.parse(json) as typeof answer;
    } catch {
      throw new ImportError(`page ${page} could not be rendered: no answer`);
    }
    if (!answer.ok || !answer.binary || binary.length !== answer.binary) {
      if (answer.code === 'password_required' || answer.code === 'password_wrong') throw new ImportError(answer.code === 'password_wrong' ? 'wrong password' : 'password required', answer.code);
      throw new ImportError(`page ${page} could not be rendered: ${answer.message ?? 'unknown error'}`);
    }
    return {
      page: answer.page ?? page,
      pageCount: answer.pageCount ?? 0,
      width: answer.width ?? 0,
      height: answer.height ?? 0,
      transform: answer.transform ?? [1, 0, 0, -1, 0, answer.height ?? 0],
      image: new Uint8Array(binary.buffer, binary.byteOffset, binary.byteLength),
    };
  }

  /** PNG crops of rectangles (PDF points) on a PDF's pages, by id; those that cannot be drawn are missing. */
  async crops(pdf: Uint8Array, areas: readonly { id: string; page: number; rect: readonly number[] }[], scale: number, timeoutMs?: number): Promise<Map<string, Uint8Array>> {
    const json = await this.pool.read(pdf, undefined, timeoutMs, { areas, scale });
    const answer = JSON.parse(json) as { ok: boolean; images?: Record<string, string>; message?: string };
    if (!answer.ok) throw new Error(answer.message ?? 'the page renderer failed');
    return new Map(Object.entries(answer.images ?? {}).map(([id, png]) => [id, new Uint8Array(Buffer.from(png, 'base64'))]));
  }

  /** An image file (PNG, JPEG, TIFF) as a PDF of its pages, one per frame (resources/image-pdf.mjs). */
  async imageToPdf(bytes: Uint8Array, timeoutMs?: number): Promise<{ pdf: Uint8Array; pages: number }> {
    const { json, binary } = await this.pool.readWithData(bytes, undefined, timeoutMs, { image: true });
    let answer: { ok?: boolean; message?: string; binary?: number; pages?: number };
    try {
      answer = JSON.parse(json) as typeof answer;
    } catch {
      throw new ImportError('the image could not be read: no answer');
    }
    if (!answer.ok || !answer.binary || binary.length !== answer.binary) throw new ImportError(`the image could not be read: ${answer.message ?? 'unknown error'}`);
    return { pdf: new Uint8Array(binary.buffer, binary.byteOffset, binary.byteLength), pages: answer.pages ?? 0 };
  }

  stop(): Promise<void> {
    return this.pool.stop();
  }
}

/** A file in resources/, found upward from this module: src/main/core/ocr in tests, out/main in the bundle. */
export function resourceScript(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', name);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new ImportError(`app file missing: resources/${name} not found next to the app`);
}
