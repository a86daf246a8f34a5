import { findDocumentDate } from '../../../shared/text/dates';
import { analyzeDocument, type DocumentAnalysis } from '../search/analyze';
import { reconcileLanguage } from '../../../shared/text/language';
import { importerFor } from './registry';
import { ImportError, type ParsedDocument, type ParseOptions } from './types';

/** A parsed file with what search needs of its text. */
export interface AnalysedFile extends ParsedDocument {
  analysis: DocumentAnalysis;
}

/**
 * Everything an import learns from a file's bytes alone: the importer's text, blocks and
 * title, the date and language found in the text, and the text's search terms and
 * positions. Pure CPU work, so it runs in the parse workers (parse-pool.ts); the same
 * function runs inline for formats isolated their own way (PDF).
 */
export async function analyseFile(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<AnalysedFile> {
  const importer = importerFor(fileName);
  if (!importer) throw new ImportError(`unsupported file type`);
  const parsed = await importer.parse(bytes, fileName, options);
  const date = parsed.date ?? findDocumentDate(parsed.text);
  // The file's own metadata first (importers fill it), the text's evidence after.
  const language = reconcileLanguage(parsed.language, parsed.text);
  return { ...parsed, ...(date ? { date } : {}), ...(language ? { language } : {}), analysis: analyzeDocument(parsed.text) };
}
