import { PassThrough } from 'node:stream';
import { ApiError } from '../../../shared/api';
import { exporters, type ExportFile, type ExportFormat } from '../../../shared/export';
import type { Archive } from '../archive';
import { exportContext, exportOrder, loadExportDocument } from './load';

/** Above this the bundle is refused in favour of exporting into a folder (CLI or desktop). */
const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

export interface ExportBundle {
  /** a file name for the download */
  name: string;
  /** one file as is; several as a zip */
  mime: string;
  data: Buffer;
  documents: number;
  notices: string[];
}

/**
 * The export as one download for the UI: a single file when the format gives one (a
 * document as Markdown), else a zip of exactly the files exportToFolder would write.
 */
export async function exportBundle(archive: Archive, format: ExportFormat, ids?: readonly string[], layer?: string): Promise<ExportBundle> {
  const exporter = exporters[format];
  if (!exporter) throw new ApiError('invalid_input', `Unknown export format ${String(format)}.`);
  const order = exportOrder(archive, ids);
  const session = exporter.begin(exportContext(archive, {}, order));
  const files: ExportFile[] = [];
  let bytes = 0;
  for (const id of order) {
    for (const file of session.add(await loadExportDocument(archive, id, layer))) {
      files.push(file);
      bytes += Buffer.byteLength(file.content);
      if (bytes > MAX_BUNDLE_BYTES) throw new ApiError('invalid_input', 'This export is too large to download at once: export into a folder instead (marginalia export FORMAT FOLDER).');
    }
  }
  // A single document whose format gives one file downloads as that file (no index, no zip).
  const perDocument = new Set(files.map((f) => f.path));
  if (order.length === 1 && perDocument.size === 1) {
    const path = [...perDocument][0]!;
    const content = files.map((f) => f.content as string).join('');
    session.finish();
    return { name: path.split('/').pop()!, mime: 'application/octet-stream', data: Buffer.from(content), documents: 1, notices: [...session.notices] };
  }
  files.push(...session.finish());
  const notices = [...session.notices];
  // Streamed pieces of one path (JSONL, CSV) append to each other, as in a folder export.
  const merged = new Map<string, string | Uint8Array>();
  for (const file of files) merged.set(file.path, file.stream ? `${(merged.get(file.path) as string | undefined) ?? ''}${file.content as string}` : file.content);
  const whole = [...merged].map(([path, content]) => ({ path, content }));
  return { name: `marginalia-${format}.zip`, mime: 'application/zip', data: await zipFiles(whole), documents: order.length, notices };
}

async function zipFiles(files: readonly { path: string; content: string | Uint8Array }[]): Promise<Buffer> {
  const { default: yazl } = await import('yazl'); // loaded when first needed: start-up does not pay for it
  const zip = new yazl.ZipFile();
  // A fixed time keeps the zip the same for the same archive.
  for (const file of files) zip.addBuffer(Buffer.from(file.content), file.path, { mtime: new Date(Date.UTC(2000, 0, 1)) });
  zip.end();
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  (zip.outputStream as unknown as NodeJS.ReadableStream).pipe(sink);
  for await (const chunk of sink) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
