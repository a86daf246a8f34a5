import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PdfWorkerPool, type PoolOptions } from './pdf-worker-pool';
import { ImportError } from './types';

/** One page as the worker reports it; items are [str, x, y, width, fontSize, monospace]. */
export interface RawPage {
  width: number;
  height: number;
  x0: number;
  y0: number;
  rotate: number;
  items: [string, number, number, number, number, 0 | 1][];
  /** values filled into form fields on the page: [value, x0, y0, x1, y1] */
  fields?: [string, number, number, number, number][];
  /** why the page could not be read (its text is missing; the other pages are there) */
  failed?: string;
}

export interface RawPdf {
  /** the Info dictionary's and the XMP packet's values, unchecked (a PDF's metadata is whatever its producer wrote); page labels */
  info: { title?: unknown; xmpTitle?: unknown; pageLabels?: unknown; author?: unknown; xmpCreator?: unknown; creationDate?: unknown; xmpCreateDate?: unknown; language?: unknown; xmpLanguage?: unknown };
  pages: RawPage[];
}

export interface WorkerLimits {
  timeoutMs: number;
  /** V8 heap of the child, MB */
  maxHeapMb: number;
  /** bytes of JSON the parent accepts */
  maxOutputBytes: number;
}

export const DEFAULT_LIMITS: WorkerLimits = { timeoutMs: 60_000, maxHeapMb: 768, maxOutputBytes: 256 * 1024 * 1024 };

export interface SandboxCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * How to start a Node child that may only read `readable` paths: the permission model
 * (flag renamed in Node 22), no write, no child processes, no workers, no addons. Under
 * Electron the app's own binary is that Node, with ELECTRON_RUN_AS_NODE. The env is not
 * inherited, so NODE_OPTIONS and friends cannot loosen the flags.
 */
export function sandboxedNodeCommand(
  script: string,
  readable: string[],
  scriptArgs: string[],
  maxHeapMb: number,
  versions: NodeJS.ProcessVersions = process.versions,
): SandboxCommand {
  const major = Number(versions.node.split('.')[0]);
  const permission = major >= 22 ? '--permission' : '--experimental-permission';
  const args = [
    permission,
    ...[...readable, script].map((path) => `--allow-fs-read=${path}`),
    `--max-old-space-size=${maxHeapMb}`,
    '--disable-warning=ExperimentalWarning',
    script,
    ...scriptArgs,
  ];
  const env: Record<string, string> = versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {};
  return { command: process.execPath, args, env };
}

/** resources/pdf-worker.mjs, found upward from this module: src/main/core/importers in tests, out/main in the bundle. */
export function pdfWorkerScript(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'pdf-worker.mjs');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new ImportError('PDF reader missing: resources/pdf-worker.mjs not found next to the app');
}

export function pdfjsFolder(): string {
  return dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/** The worker as a sandboxed command: it may read pdfjs-dist, its own script and the framing it imports, nothing else. */
export function pdfWorkerCommand(limits: WorkerLimits): SandboxCommand {
  const pdfjs = pdfjsFolder();
  const script = resolve(pdfWorkerScript());
  return sandboxedNodeCommand(script, [pdfjs, join(dirname(script), 'sandbox-frames.mjs')], [pdfjs], limits.maxHeapMb);
}

/** A pool of sandboxed PDF workers with these limits. */
export function pdfWorkerPool(limits: WorkerLimits = DEFAULT_LIMITS, options?: PoolOptions): PdfWorkerPool {
  return new PdfWorkerPool(() => pdfWorkerCommand(limits), limits, options);
}

/** The pool every archive in this process shares, as parse-pool.ts does for the other formats. */
const sharedPool = pdfWorkerPool();

/** Reads the bytes in a sandboxed worker of `pool`; every way that can fail becomes an ImportError. */
export async function extractRawPdf(bytes: Uint8Array, password: string | undefined, pool = sharedPool, timeoutMs?: number): Promise<RawPdf> {
  return parseAnswer(await pool.read(bytes, password, timeoutMs));
}

/** Ends the shared pool's processes (they end by themselves when idle); the next PDF starts new ones. */
export function stopPdfWorkers(): Promise<void> {
  return sharedPool.stop();
}

function parseAnswer(json: string): RawPdf {
  let answer: { ok?: boolean; code?: string; message?: string; info?: RawPdf['info']; pages?: RawPage[] };
  try {
    answer = JSON.parse(json) as typeof answer;
  } catch {
    throw new ImportError('PDF reader failed: no answer');
  }
  if (answer.ok && Array.isArray(answer.pages)) return { info: answer.info ?? {}, pages: answer.pages };
  if (answer.code === 'password_required') throw new ImportError('password required', 'password_required');
  if (answer.code === 'password_wrong') throw new ImportError('wrong password', 'password_wrong');
  // The worker could not even put the text into one string.
  if (answer.code === 'too_large') throw new ImportError('PDF has more text than the importer accepts');
  throw new ImportError(`corrupt or truncated PDF: ${answer.message ?? 'unreadable'}`);
}
