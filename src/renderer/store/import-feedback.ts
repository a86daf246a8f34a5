import type { NewToast } from './app-slice';

type Translate = (key: string, args?: Record<string, unknown>) => string;

export interface FailedFile {
  file: string;
  reason: string;
  needsPassword?: boolean;
  /** the request itself failed (the core never saw the file) */
  requestFailed?: boolean;
}

/** The core's reasons (English, from src/main/core) matched to what the user can do; null where the reason says it already. */
const FIXES: [RegExp, string][] = [
  [/unsupported file type/i, 'fix.unsupported'],
  [/disk is full|quota/i, 'fix.diskFull'],
  [/read-only/i, 'fix.readOnly'],
  [/permission denied/i, 'fix.permission'],
  [/no text|text layer/i, 'fix.noText'],
  [/corrupt|truncated|damaged|not a (pdf|word|text|zip)|does not unzip|cut off|unreadable|could not be read/i, 'fix.corrupt'],
];

/** i18n key of the fix for one failed file, or null when there is none to offer. */
export function importFixKey(failed: FailedFile): string | null {
  if (failed.requestFailed) return 'fix.request';
  // A DOCX's password cannot be given here; its reason says to remove it in Word.
  if (failed.needsPassword) return /docx/i.test(failed.reason) ? null : 'fix.password';
  return FIXES.find(([pattern]) => pattern.test(failed.reason))?.[1] ?? null;
}

/** "a.pdf", "a.pdf, b.docx, c.txt", "a.pdf, b.docx, c.txt and 2 more" */
export function fileList(names: readonly string[], t: Translate, shown = 3): string {
  const list = names.slice(0, shown).join(t('files.separator'));
  return names.length > shown ? t('files.andMore', { list, count: names.length - shown }) : list;
}

/** One error toast for the files an import run could not import: it names them, why, and what to do. */
export function importFailureToast(failures: readonly FailedFile[], t: Translate): NewToast | null {
  const first = failures[0];
  if (!first) return null;
  const title = t('alert.importFiles', { files: fileList(failures.map((f) => f.file), t) });
  const fixes = new Set(failures.map(importFixKey));
  if (failures.length === 1) {
    const fix = importFixKey(first);
    return { kind: 'error', title, message: first.reason, ...(fix ? { fix: t(fix) } : {}) };
  }
  const [only] = fixes;
  const fix = fixes.size === 1 ? only : 'fix.summary';
  return { kind: 'error', title, message: t('files.manyReasons', { count: failures.length }), ...(fix ? { fix: t(fix) } : {}) };
}
