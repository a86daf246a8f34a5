import { docxImporter } from './docx';
import { htmlImporter } from './html';
import { mdImporter } from './md';
import { pdfImporter } from './pdf';
import { txtImporter } from './txt';
import type { Importer } from './types';

/** Every format the archive imports, one importer each. */
export const importers: Importer[] = [txtImporter, mdImporter, htmlImporter, pdfImporter, docxImporter];

const byExtension = new Map(importers.flatMap((imp) => imp.extensions.map((ext) => [ext, imp] as const)));

/** The importer for a file name, by its (case-insensitive) extension. */
export function importerFor(fileName: string): Importer | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return undefined;
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  if (dot < slash + 2) return undefined;
  return byExtension.get(fileName.slice(dot + 1).toLowerCase());
}
