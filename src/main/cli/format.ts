import type { DocumentMeta, ImportOutcome } from '../../shared/model';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export function outcomeLine(outcome: ImportOutcome): string {
  switch (outcome.status) {
    case 'imported':
      return `imported   ${outcome.doc.id}  ${outcome.file}  "${outcome.doc.title}"`;
    case 'duplicate':
      return `duplicate  ${outcome.doc.id}  ${outcome.file}  (already in the archive as "${outcome.doc.title}")`;
    case 'failed':
      return `failed     ${outcome.file}: ${outcome.reason}`;
  }
}

export function summaryLine(outcomes: readonly ImportOutcome[]): string {
  const count = (status: ImportOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  return `${count('imported')} imported, ${count('duplicate')} duplicate, ${count('failed')} failed`;
}

/** The JSON shape of a document in list/show output: stable keys for scripts. */
export function docJson(meta: DocumentMeta) {
  return { id: meta.id, title: meta.title, type: meta.type, size: meta.size, importedAt: meta.importedAt, updatedAt: meta.updatedAt, sourceName: meta.sourceName, encoding: meta.encoding, sha256: meta.sha256, textLength: meta.textLength };
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}
