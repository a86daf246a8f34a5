import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PdfRect } from '../../../shared/model';
import { pdfjsFolder, sandboxedNodeCommand } from '../importers/pdf-process';

export interface AreaToRender {
  id: string;
  page: number;
  rect: PdfRect;
}

const TIME_LIMIT_MS = 60_000;
const MAX_OUTPUT = 64 * 1024 * 1024;

/** resources/pdf-render.mjs, found upward from this module as pdf-worker.mjs is. */
function renderScript(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'pdf-render.mjs');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** The folder holding @napi-rs/canvas and its prebuilt binary for this platform, or undefined where it is not installed. */
function canvasFolder(): string | undefined {
  try {
    const pdfjs = pdfjsFolder();
    return dirname(dirname(createRequire(join(pdfjs, 'package.json')).resolve('@napi-rs/canvas/package.json')));
  } catch {
    return undefined;
  }
}

/**
 * PNG crops of rectangles on a PDF's pages, by id. Rendering runs pdf.js with its canvas
 * (the native @napi-rs/canvas) in a child process under the permission model: it may read
 * pdfjs-dist and @napi-rs only, write nothing, start nothing; it must be allowed that one
 * addon, so it is not the text worker's process. Rejects with the reason when it cannot run.
 */
export async function renderAreaCrops(pdf: Uint8Array, areas: readonly AreaToRender[], scale = 2): Promise<Map<string, Uint8Array>> {
  const script = renderScript();
  const canvas = canvasFolder();
  if (!script) throw new Error('resources/pdf-render.mjs is missing');
  if (!canvas) throw new Error('@napi-rs/canvas (pdf.js’s canvas for Node) is not installed');
  const pdfjs = pdfjsFolder();
  const command = sandboxedNodeCommand(resolve(script), [pdfjs, canvas], [pdfjs], 1024);
  // The one addon the renderer needs; the permission flag stays first.
  command.args.splice(1, 0, '--allow-addons');
  const header = Buffer.from(JSON.stringify({ areas, scale }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const output = await new Promise<string>((resolveOutput, reject) => {
    const child = spawn(command.command, command.args, { env: command.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let errors = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) child.kill('SIGKILL');
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolveOutput(Buffer.concat(chunks).toString('utf8'));
      else reject(new Error(`the page renderer stopped (${code ?? 'killed'}): ${errors.trim().split('\n').pop() ?? ''}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.concat([length, header, pdf]));
  });
  const answer = JSON.parse(output) as { ok: boolean; images?: Record<string, string>; message?: string };
  if (!answer.ok) throw new Error(answer.message ?? 'the page renderer failed');
  return new Map(Object.entries(answer.images ?? {}).map(([id, png]) => [id, new Uint8Array(Buffer.from(png, 'base64'))]));
}
