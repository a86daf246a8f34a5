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
    case 'version-candidate':
      return `candidate  ${outcome.doc.id}  ${outcome.file}  looks like a new version of "${outcome.doc.title}": import again with --as-version-of ${outcome.doc.id}, or --separate`;
    case 'new-version': {
      const a = outcome.anchoring;
      return `version    ${outcome.doc.id}  ${outcome.file}  "${outcome.doc.title}" v${outcome.doc.version}: ${a.exact + a.moved + a.fuzzy} annotation(s) carried over, ${a.orphaned} orphaned`;
    }
    case 'failed':
      return `failed     ${outcome.file}: ${outcome.reason}`;
    case 'skipped':
      return `skipped    ${outcome.file}: ${outcome.reason}`;
  }
}

export function summaryLine(outcomes: readonly ImportOutcome[]): string {
  const count = (status: ImportOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const extra = [
    count('new-version') ? `${count('new-version')} new version(s)` : '',
    count('version-candidate') ? `${count('version-candidate')} possible new version(s) not imported` : '',
    count('skipped') ? `${count('skipped')} skipped (format not supported)` : '',
  ].filter(Boolean);
  return `${count('imported')} imported, ${count('duplicate')} duplicate, ${count('failed')} failed${extra.length ? `, ${extra.join(', ')}` : ''}`;
}

/** The JSON shape of a document in list/show output: stable keys for scripts. */
export function docJson(meta: DocumentMeta) {
  return {
    id: meta.id,
    title: meta.title,
    type: meta.type,
    size: meta.size,
    importedAt: meta.importedAt,
    updatedAt: meta.updatedAt,
    sourceName: meta.sourceName,
    encoding: meta.encoding,
    sha256: meta.sha256,
    textLength: meta.textLength,
    // Always present (null or empty) so that scripts can rely on the keys.
    language: meta.language ?? null,
    date: meta.date ?? null,
    author: meta.author ?? null,
    notices: meta.notices ?? [],
  };
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}
