/** Turns a Node file-system error into the reason a user reads beside the file name. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is exhausted';
    case 'EROFS':
      return 'the archive is on a read-only file system';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error (failing disk or removed drive?)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** A full disk (or quota): the cases where the user must free space rather than fix a file. */
export const isDiskFull = (error: unknown): boolean => ['ENOSPC', 'EDQUOT'].includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');

/**
 * The sentence a user reads when a change could not be written because of the disk:
 * what happened, that what was saved before is kept, and what to do. Null for other errors.
 */
export function diskFailureSentence(error: unknown, what: string): string | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const disk = code === 'ENOSPC' ? 'The disk is full' : 'The disk quota is exhausted';
    return `${disk}: ${what} was not saved. Everything saved before it is kept, unchanged. Free some space and try again.`;
  }
  if (code === 'EROFS') return `The archive is on a read-only file system: ${what} was not saved. Everything saved before it is kept, unchanged.`;
  return null;
}
