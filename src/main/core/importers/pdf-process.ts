import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImportError } from './types';

/** One page as the worker reports it; items are [str, x, y, width, fontSize, monospace]. */
export interface RawPage {
  width: number;
  height: number;
  x0: number;
  y0: number;
  rotate: number;
  items: [string, number, number, number, number, 0 | 1][];
}

export interface RawPdf {
  info: { title?: unknown; xmpTitle?: unknown };
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

/** Runs the sandboxed worker on the bytes; every way it can fail becomes an ImportError. */
export function extractRawPdf(bytes: Uint8Array, password: string | undefined, limits = DEFAULT_LIMITS): Promise<RawPdf> {
  const pdfjs = pdfjsFolder();
  const script = pdfWorkerScript();
  const { command, args, env } = sandboxedNodeCommand(resolve(script), [pdfjs], [pdfjs], limits.maxHeapMb);
  return new Promise<RawPdf>((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: ImportError | undefined;
    const stop = (error: ImportError): void => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new ImportError(`PDF took longer than ${limits.timeoutMs / 1000} s to read; it may be damaged or extremely complex`)),
      limits.timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > limits.maxOutputBytes) stop(new ImportError('PDF has more text than the importer accepts'));
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 8192) err += chunk.toString('utf8');
    });
    // The child may die before reading all of stdin (EPIPE): its exit says why.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => stop(new ImportError(`PDF reader could not start: ${error.message}`)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (/heap out of memory|Allocation failed/i.test(err)) {
        return reject(new ImportError(`PDF needs more than ${limits.maxHeapMb} MB to read; it may be damaged or extremely complex`));
      }
      if (code !== 0) {
        const why = /bad option|unknown option/i.test(err) ? 'this runtime lacks the Node permission model' : `exit ${code ?? signal}`;
        return reject(new ImportError(`PDF reader failed (${why}): ${lastLine(err)}`));
      }
      // Inside an event handler a throw would be uncaught: hand it to the promise.
      try {
        resolvePromise(parseAnswer(Buffer.concat(out).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
    const header = Buffer.from(JSON.stringify(password === undefined ? {} : { password }), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(header.length);
    child.stdin.end(Buffer.concat([length, header, bytes]));
  });
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
  throw new ImportError(`corrupt or truncated PDF: ${answer.message ?? 'unreadable'}`);
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => !l.startsWith('Warning:'));
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}
