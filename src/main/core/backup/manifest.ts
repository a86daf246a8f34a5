/** What a backup holds, written into it as manifest.json (the archive's files sit under archive/). */
export interface BackupManifest {
  format: 'marginalia-backup';
  version: 1;
  appVersion: string;
  /** when the backup was made (ISO 8601) */
  createdAt: string;
  /** every file of the archive, by path relative to the archive folder ('/'-separated), sorted */
  files: { path: string; size: number; sha256: string }[];
}

export const MANIFEST = 'manifest.json';
export const ARCHIVE_PREFIX = 'archive/';

/**
 * Why a name from a zip must not be written, or null when it is safe: only relative
 * '/'-separated paths under archive/ without '.', '..' or empty segments (zip-slip), no
 * drive letters, backslashes or control characters.
 */
export function unsafeEntryName(name: string): string | null {
  if (name === MANIFEST) return null;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\\]/.test(name)) return 'holds a backslash or a control character';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'is an absolute path';
  if (!name.startsWith(ARCHIVE_PREFIX)) return `is not under ${ARCHIVE_PREFIX}`;
  const segments = name.slice(ARCHIVE_PREFIX.length).replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return 'climbs out of the folder (..)';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." segment';
  return null;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function isManifest(value: unknown): value is BackupManifest {
  const m = value as BackupManifest;
  if (!m || m.format !== 'marginalia-backup' || m.version !== 1 || !Array.isArray(m.files)) return false;
  // a loop, not every() with a callback: 400,000 files at 100,000 documents (issue #19)
  for (const f of m.files) if (typeof f?.path !== 'string' || !Number.isInteger(f.size) || typeof f.sha256 !== 'string' || !SHA256.test(f.sha256)) return false;
  return true;
}
