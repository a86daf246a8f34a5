import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { ApiError } from '../../../shared/api';
import { exporters, type ExportFile, type ExportFormat } from '../../../shared/export';
import type { Archive } from '../archive';
import { isErrno, syncDir, writeFileDurable } from '../store/durable-file';
import { exportContext, exportOrder, loadExportDocument, type Registry } from './load';

export interface ExportOptions extends Registry {
  format: ExportFormat;
  /** the folder to write into: must be empty or not exist, unless overwrite */
  outDir: string;
  /** documents to export; all of the archive when absent */
  ids?: readonly string[];
  /** write into a folder that holds files already (same names are replaced) */
  overwrite?: boolean;
  /** only this layer's annotations (an annotator's, gold); absent: every layer */
  layer?: string;
  /** called after each document, for progress */
  onDocument?: (done: number, total: number) => void;
}

export interface ExportSummary {
  format: ExportFormat;
  outDir: string;
  documents: number;
  /** relative paths of the files written, in the order written */
  files: string[];
  notices: string[];
}

/**
 * Exports documents into a folder, one document in memory at a time. Every file is
 * fsynced before this resolves (a USB stick pulled right after "done" keeps the export).
 */
export async function exportToFolder(archive: Archive, options: ExportOptions): Promise<ExportSummary> {
  const exporter = exporters[options.format];
  if (!exporter) throw new ApiError('invalid_input', `Unknown export format ${String(options.format)}.`);
  await prepareFolder(options.outDir, !!options.overwrite);
  const ids = exportOrder(archive, options.ids);
  const session = exporter.begin(exportContext(archive, options, ids));
  const writer = new FolderWriter(options.outDir);
  try {
    for (const [i, id] of ids.entries()) {
      await writer.write(session.add(await loadExportDocument(archive, id, options.layer)));
      options.onDocument?.(i + 1, ids.length);
    }
    await writer.write(session.finish());
  } finally {
    await writer.close();
  }
  return { format: options.format, outDir: options.outDir, documents: ids.length, files: writer.written, notices: [...session.notices] };
}

async function prepareFolder(dir: string, overwrite: boolean): Promise<void> {
  try {
    const entries = await readdir(dir);
    if (entries.length > 0 && !overwrite) {
      throw new ApiError('invalid_input', `The folder ${dir} is not empty; choose an empty folder (or overwrite).`);
    }
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
    await mkdir(dir, { recursive: true });
  }
}

/** Writes export files; a streamed file stays open until close(), then is fsynced. */
class FolderWriter {
  readonly written: string[] = [];
  private readonly streams = new Map<string, FileHandle>();

  constructor(private readonly root: string) {}

  async write(files: readonly ExportFile[]): Promise<void> {
    for (const file of files) {
      const path = this.resolve(file.path);
      await mkdir(dirname(path), { recursive: true });
      if (!file.stream) {
        await writeFileDurable(path, file.content);
        this.written.push(file.path);
        continue;
      }
      let handle = this.streams.get(path);
      if (!handle) {
        handle = await open(path, 'w');
        this.streams.set(path, handle);
        this.written.push(file.path);
      }
      await handle.writeFile(file.content);
    }
  }

  async close(): Promise<void> {
    for (const handle of this.streams.values()) {
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    this.streams.clear();
    await syncDir(this.root);
  }

  /** Paths come from our exporters, but a bug must never write outside the folder. */
  private resolve(relative: string): string {
    const path = normalize(join(this.root, relative));
    if (isAbsolute(relative) || relative.split(/[\\/]/).includes('..') || !path.startsWith(normalize(this.root) + sep)) {
      throw new Error(`Refusing to write ${relative} outside ${this.root}.`);
    }
    return path;
  }
}
