/** A file chosen or dropped by the user, before its bytes are read. */
export interface PickedFile {
  name: string;
  file: Blob;
}

/** Per import.files call: small enough to show progress, large enough not to chatter. */
export const BATCH_BASE64_BYTES = 16 * 1024 * 1024;
/**
 * The contract allows 500 files per call; fewer keeps each call short, so that Cancel takes
 * effect soon and a failed call names few files. 64 MiB of bytes per file is the contract's limit.
 */
export const BATCH_MAX_FILES = 50;
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;

/**
 * Splits files into batches of at most BATCH_BASE64_BYTES of base64 (a bigger file goes
 * alone) and BATCH_MAX_FILES files; files over MAX_FILE_BYTES are returned as too large.
 */
export function planBatches(files: readonly PickedFile[], maxFiles = BATCH_MAX_FILES): { batches: PickedFile[][]; tooLarge: PickedFile[] } {
  const batches: PickedFile[][] = [];
  const tooLarge: PickedFile[] = [];
  let current: PickedFile[] = [];
  let currentBytes = 0;
  for (const picked of files) {
    if (picked.file.size > MAX_FILE_BYTES) {
      tooLarge.push(picked);
      continue;
    }
    const bytes = base64Length(picked.file.size);
    if (current.length && (currentBytes + bytes > BATCH_BASE64_BYTES || current.length >= maxFiles)) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(picked);
    currentBytes += bytes;
  }
  if (current.length) batches.push(current);
  return { batches, tooLarge };
}

/** The file's bytes as base64, read natively (a data: URL) rather than through a JS string loop. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

/** Names one import run (the contract: 8–64 word characters or dashes), so that it can be cancelled. */
export function newRunId(now = Date.now(), random = Math.random()): string {
  return `run-${now.toString(36)}-${Math.floor(random * 36 ** 8).toString(36).padStart(8, '0')}`;
}
