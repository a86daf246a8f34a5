import { unsupportedReason } from '../../../shared/model';
import type { PickedFile } from '../../store/import-batches';

/**
 * The files in a drop, walking dropped folders. Entries must be taken from the
 * DataTransfer synchronously, inside the drop event; the walk itself is async. Files inside
 * a dropped folder in formats we do not import are not sent: they come back as `skipped`
 * (paths), for the summary to list. A file dropped on its own is always sent (the core says why it refuses it).
 */
export function collectDroppedFiles(dataTransfer: DataTransfer): Promise<{ files: PickedFile[]; skipped: string[] }> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  if (!entries.length && !loose.length) loose.push(...Array.from(dataTransfer.files));
  return (async () => {
    const picked: PickedFile[] = loose.map((file) => ({ name: file.name, file }));
    const skipped: string[] = [];
    for (const entry of entries) {
      // A file dropped on its own is sent whatever it is; inside folders, only formats we import.
      if (entry.isFile) await walk(entry, picked, null);
      else await walk(entry, picked, skipped);
    }
    return { files: picked, skipped };
  })();
}

/** Hidden files and folders (.git, .DS_Store) are not documents. */
const isHidden = (name: string) => name.startsWith('.');

async function walk(entry: FileSystemEntry, out: PickedFile[], skipped: string[] | null): Promise<void> {
  if (isHidden(entry.name)) return;
  if (entry.isFile) {
    if (skipped && unsupportedReason(entry.name)) {
      skipped.push(entry.fullPath.replace(/^\//, ''));
      return;
    }
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ name: file.name, file });
    return;
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    const children = await readAll(reader);
    children.sort((a, b) => a.name.localeCompare(b.name));
    for (const child of children) await walk(child, out, skipped);
  }
}

/** readEntries answers in chunks (about 100 at a time in Chromium) until it answers empty. */
async function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!chunk.length) return all;
    all.push(...chunk);
  }
}
