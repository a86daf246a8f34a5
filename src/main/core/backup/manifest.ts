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

export function isManifest(value: unknown): value is BackupManifest {
  const m = value as BackupManifest;
  return (
    !!m &&
    m.format === 'marginalia-backup' &&
    m.version === 1 &&
    Array.isArray(m.files) &&
    m.files.every((f) => typeof f?.path === 'string' && Number.isInteger(f.size) && /^[0-9a-f]{64}$/.test(f.sha256))
  );
}
