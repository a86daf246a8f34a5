import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ApiError } from '../../shared/api';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/export/types';
import { Archive } from '../core/archive';
import { createBackup } from '../core/backup/create-backup';
import { readRegularFile } from '../core/read-bounded';
import { restoreBackup } from '../core/backup/restore-backup';
import type { Registry } from '../core/exporters/load';
import type { InterchangeFile } from '../core/interchange/import-annotations';
import { CONLL_EXTENSIONS } from '../core/interchange/parse-conll';
import type { Output } from './commands';
import { formatSize, printable } from './format';

/**
 * Export, annotation import, backup and restore. Thin like commands.ts: each returns its
 * exit code. `registry` overrides the archive's entity registry and label set (tests).
 */

export interface ExportCommandOptions {
  /** document ids; the whole archive when empty */
  ids?: string[];
  overwrite?: boolean;
  json?: boolean;
  /** only this layer's annotations; every layer when absent */
  layer?: string;
}

export async function exportCommand(archiveDir: string, format: string, outDir: string, options: ExportCommandOptions, io: Output, registry: Registry = {}): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    io.err(`marginalia: unknown export format ${JSON.stringify(format)}; one of ${EXPORT_FORMATS.join(', ')}`);
    return 2;
  }
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia export' });
  try {
    // The exporters (and the YAML writer) load with this command only, not at every command's start (issue #19).
    const { exportToFolder } = await import('../core/exporters/export-to-folder');
    const summary = await exportToFolder(archive, {
      format: format as ExportFormat,
      outDir,
      ...(options.ids?.length ? { ids: options.ids } : {}),
      overwrite: !!options.overwrite,
      ...(options.layer ? { layer: options.layer } : {}),
      ...registry,
    });
    if (options.json) io.out(JSON.stringify(summary, null, 2));
    else io.out(`exported ${summary.documents} document(s) as ${format} into ${outDir}: ${summary.files.length} file(s)`);
    for (const notice of summary.notices) io.err(`notice: ${printable(notice)}`);
    return 0;
  } finally {
    await archive.close();
  }
}

/** Files and folders (read recursively) of doccano .jsonl, brat .ann + .txt, W3C .json/.jsonld. */
export async function importAnnotationsCommand(
  archiveDir: string,
  paths: string[],
  options: { json?: boolean; layer?: string; map?: string; createLabels?: boolean; createDocuments?: boolean },
  io: Output,
  registry: Registry = {},
): Promise<number> {
  const map = parseMap(options.map);
  const files = await readInterchangeFiles(paths);
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'marginalia import-annotations' });
  try {
    // Loaded by this command only: its Markdown parser would cost every command's start (issue #19).
    const { importAnnotationFiles } = await import('../core/interchange/import-annotations');
    const reports = await importAnnotationFiles(archive, files, { ...registry, map, createLabels: !!options.createLabels, createDocuments: options.createDocuments !== false, ...(options.layer ? { layer: options.layer } : {}) });
    if (options.json) io.out(JSON.stringify(reports, null, 2));
    for (const r of options.json ? [] : reports) {
      io.out(`${printable(r.file)} (${r.format}): imported ${r.imported}, skipped ${r.skipped}${r.duplicates ? `, ${r.duplicates} duplicate(s) already in the archive` : ''}`);
      for (const reason of r.reasons) io.out(`    skipped: ${printable(reason)}`);
      for (const warning of r.warnings) io.out(`    warning: ${printable(warning)}`);
      if (r.created?.length) io.out(`    created ${r.created.length} document(s), texts stored as given: ${r.created.join(' ')}`);
    }
    if (!files.length) io.err('nothing to import: no .ann, .jsonl, .conll or .json files under the given paths');
    return reports.some((r) => r.skipped > 0) || !files.length ? 1 : 0;
  } finally {
    await archive.close();
  }
}

/** Holds the archive's lock while it runs, so no other process writes into the backup. */
export async function backupCommand(archiveDir: string, zipPath: string, appVersion: string, options: { json?: boolean }, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'marginalia backup' });
  try {
    await archive.settle();
    const summary = await createBackup(archiveDir, zipPath, { appVersion });
    if (options.json) io.out(JSON.stringify(summary, null, 2));
    else io.out(`backed up ${summary.files} file(s), ${formatSize(summary.bytes)}, into ${summary.zipPath}`);
    for (const skipped of summary.skipped) io.err(`skipped: ${printable(skipped)}`);
    return 0;
  } finally {
    await archive.close();
  }
}

export async function restoreCommand(zipPath: string, targetDir: string, options: { json?: boolean; partial?: boolean }, io: Output): Promise<number> {
  const report = await restoreBackup(zipPath, targetDir, { partial: options.partial });
  if (options.json) {
    io.out(JSON.stringify(report, null, 2));
  } else {
    io.out(`restored ${report.restored} file(s) into ${targetDir} (backup of ${report.createdAt}, Marginalia ${report.appVersion})`);
    for (const path of report.missing) io.err(`missing: ${printable(path)}`);
    for (const d of report.different) io.err(`different: ${printable(d.path)}: expected ${d.expected}, got ${d.actual}`);
    for (const path of report.unexpected) io.err(`not in the manifest: ${printable(path)}`);
  }
  return report.ok ? 0 : 1;
}

/** "PER=PERSON,LOC=LOCATION" -> { PER: 'PERSON', LOC: 'LOCATION' } */
function parseMap(pairs: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (pairs ?? '').split(',').filter((p) => p.trim())) {
    const [from, to, ...rest] = pair.split('=').map((s) => s.trim());
    if (!from || !to || rest.length) throw new ApiError('invalid_input', `--map: ${JSON.stringify(pair)} is not FROM=TO`);
    map[from] = to;
  }
  return map;
}

/** Annotation files are JSON or text beside their documents: far below this. */
const MAX_INTERCHANGE_BYTES = 256 * 1048576;

const INTERCHANGE = new Set(['.jsonl', '.ann', '.txt', '.json', '.jsonld', '.conf', ...CONLL_EXTENSIONS]);

async function readInterchangeFiles(paths: string[]): Promise<InterchangeFile[]> {
  const out: InterchangeFile[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    const info = await stat(path).catch(() => null);
    if (!info) throw new ApiError('not_found', `No such file or folder: ${path}`);
    if (info.isDirectory()) {
      for (const name of (await readdir(path)).sort()) await visit(join(path, name), false);
    } else if (explicit || INTERCHANGE.has(extname(path).toLowerCase())) {
      const bytes = await readRegularFile(path, MAX_INTERCHANGE_BYTES, (size) => `${Math.ceil(size / 1048576)} MB is more than an annotation file may be (the limit is ${MAX_INTERCHANGE_BYTES / 1048576} MB); nothing was imported — split it into smaller files`).catch((error: unknown) => {
        throw error instanceof ApiError ? new ApiError('invalid_input', `${path}: ${error.message}`) : error;
      });
      // brat counts offsets from the first byte's character, a byte-order mark included.
      const keepBom = ['.txt', '.ann'].includes(extname(path).toLowerCase());
      out.push({ name: path, content: new TextDecoder('utf-8', { ignoreBOM: keepBom }).decode(bytes) });
    }
  };
  for (const path of paths) await visit(path, true);
  return out;
}
