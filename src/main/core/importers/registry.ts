import { DOC_EXTENSIONS, type DocType } from '../../../shared/model';
import { txtImporter } from './txt';
import type { Importer } from './types';

/**
 * An importer whose code (and libraries: micromark, linkedom, mammoth, pdf.js) loads on
 * first use, so that starting the app or a CLI command does not parse them all.
 */
function lazy(type: DocType, load: () => Promise<Importer>): Importer {
  let loaded: Promise<Importer> | undefined;
  return {
    type,
    extensions: DOC_EXTENSIONS[type],
    parse: async (bytes, fileName, options) => (await (loaded ??= load())).parse(bytes, fileName, options),
  };
}

/** Every format the archive imports, one importer each. */
export const importers: Importer[] = [
  txtImporter,
  lazy('md', async () => (await import('./md')).mdImporter),
  lazy('html', async () => (await import('./html')).htmlImporter),
  lazy('pdf', async () => (await import('./pdf')).pdfImporter),
  lazy('docx', async () => (await import('./docx')).docxImporter),
  lazy('epub', async () => (await import('./epub')).epubImporter),
  lazy('odt', async () => (await import('./odt')).odtImporter),
  lazy('rtf', async () => (await import('./rtf/rtf')).rtfImporter),
  lazy('image', async () => (await import('./image')).imageImporter),
];

const byExtension = new Map(importers.flatMap((imp) => imp.extensions.map((ext) => [ext, imp] as const)));

/** The importer for a file name, by its (case-insensitive) extension. */
export function importerFor(fileName: string): Importer | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return undefined;
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  if (dot < slash + 2) return undefined;
  return byExtension.get(fileName.slice(dot + 1).toLowerCase());
}
