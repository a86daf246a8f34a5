import type { DocumentMeta, ImportOutcome } from '../../shared/model';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the same, with line breaks and tabs allowed
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const escapeChar = (c: string) => {
  const code = c.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * A name from outside (file name, title, path) as one visible line: control characters,
 * line breaks and bidi overrides become \xNN / \uNNNN, so a name cannot move the cursor,
 * recolour the terminal, fake another output line or reverse what follows it.
 */
export const printable = (name: string): string => name.replace(CONTROL, escapeChar);

/** Every line the CLI prints goes through this: terminal escape sequences never reach the terminal. */
export const terminalSafe = (line: string): string => line.replace(CONTROL_BUT_LAYOUT, escapeChar);

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export function outcomeLine(outcome: ImportOutcome): string {
  switch (outcome.status) {
    case 'imported':
      return `imported   ${outcome.doc.id}  ${printable(outcome.file)}  "${printable(outcome.doc.title)}"${outcome.rules?.length ? `  filed by ${outcome.rules.map((r) => `"${printable(r)}"`).join(', ')}: ${printable(filing(outcome.doc))}` : ''}`;
    case 'duplicate':
      return `duplicate  ${outcome.doc.id}  ${printable(outcome.file)}  (already in the archive as "${printable(outcome.doc.title)}")`;
    case 'version-candidate':
      return `candidate  ${outcome.doc.id}  ${printable(outcome.file)}  looks like a new version of "${printable(outcome.doc.title)}": import again with --as-version-of ${outcome.doc.id}, or --separate`;
    case 'new-version': {
      const a = outcome.anchoring;
      return `version    ${outcome.doc.id}  ${printable(outcome.file)}  "${printable(outcome.doc.title)}" v${outcome.doc.version}: ${a.exact + a.moved + a.fuzzy} annotation(s) carried over, ${a.orphaned} orphaned`;
    }
    case 'failed':
      return `failed     ${printable(outcome.file)}: ${printable(outcome.reason)}`;
    case 'skipped':
      return `skipped    ${printable(outcome.file)}: ${printable(outcome.reason)}`;
  }
}

/** What the rules gave a document, for the import line: tags, collections (by id) and date. */
function filing(doc: DocumentMeta): string {
  const collections = doc.collections?.length ?? 0;
  return [doc.tags?.length ? `tags ${doc.tags.join(', ')}` : '', collections ? `${collections} collection(s)` : '', doc.date ? `date ${doc.date}` : ''].filter(Boolean).join('; ');
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

export function table(cells: string[][]): string {
  const rows = cells.map((r) => r.map(printable));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

/**
 * Prints `items` (each through `toJson`) as `JSON.stringify(array, null, 2)` prints the array,
 * in pieces of about `piece` characters, each given to `out` (which ends it with a line break).
 * Why: `import --json` of 70,000 files answered ~40 MB of JSON as one string, and its copies
 * (made safe for the terminal, encoded for stdout) were the import's peak memory (issue #19).
 */
export function printJsonArray<T>(items: readonly T[], toJson: (item: T) => unknown, out: (text: string) => void, piece = 1 << 16): void {
  if (items.length === 0) return out('[]');
  // The lines not printed yet, joined by line breaks (`out` ends each piece with one).
  let lines = '[';
  const line = (text: string) => {
    lines = lines ? `${lines}\n${text}` : text;
    if (lines.length < piece) return;
    out(lines);
    lines = '';
  };
  items.forEach((item, i) => {
    // An element's own lines, indented one level more: JSON strings hold no raw line break, so every \n is a line's end.
    const json = (JSON.stringify(toJson(item), null, 2) ?? 'null').replace(/\n/g, '\n  ');
    line(`  ${json}${i < items.length - 1 ? ',' : ''}`);
  });
  line(']');
  if (lines) out(lines);
}
