/**
 * OCR's side of the archive: the queue that reads scanned pages in the background, wired to
 * the archive's stores, and what its results change (the document's OCR state; its text, stored
 * as a new version). Apart from archive.ts because only OCR writes these, off the import path.
 */
import { detectLanguage } from '../../shared/text/language';
import { findDocumentDate } from '../../shared/text/dates';
import type { DocumentMeta, ImportLimits, ImportOutcome, OcrProgress, OcrState } from '../../shared/model';
import { originalExt } from './archive-import';
import type { OcrDocumentResult } from './ocr/ocr-document';
import { OcrQueue } from './ocr/ocr-queue';
import { documentChecks } from './store/doc-checks';
import type { DocStore, NewDocument } from './store/doc-store';
import type { LibraryStore } from './store/library-store';
import { optional } from './store/new-meta';

export interface ArchiveOcrDeps {
  library: LibraryStore;
  docs: DocStore;
  /** one listed document's metadata; not_found when it is not listed */
  meta: (id: string) => DocumentMeta;
  importLimits: () => ImportLimits;
  /** stores a new version of a known document (ArchiveImport.storeVersion) */
  storeVersion: (file: string, current: DocumentMeta, incoming: NewDocument) => Promise<ImportOutcome>;
  progress: (progress: OcrProgress) => void;
}

/** The archive's OCR queue (null when the archive is open read-only: Archive.ocr). */
export function archiveOcrQueue(deps: ArchiveOcrDeps): OcrQueue {
  return new OcrQueue({
    meta: (id) => deps.library.get(id),
    readOriginal: (id) => deps.docs.readPagedPdf(deps.meta(id)),
    // A page takes far longer to recognise than a file to read: three times the read limit.
    timeoutMs: () => deps.importLimits().timeoutSeconds * 3000,
    commit: (id, result, state) => storeOcrText(deps, id, result, state),
    setState: (id, state) => setOcrState(deps, id, state),
    progress: deps.progress,
  });
}

async function setOcrState(deps: ArchiveOcrDeps, id: string, state: OcrState): Promise<void> {
  const meta = await deps.library.update(id, (current) => ({ ...current, ocr: state }));
  await deps.docs.writeMeta(meta);
}

/** OCR's text becomes the document's text, as a new version (annotations re-anchored, the earlier text kept). */
async function storeOcrText(deps: ArchiveOcrDeps, id: string, result: OcrDocumentResult, state: OcrState): Promise<void> {
  const current = deps.meta(id);
  const { parsed } = result;
  const language = current.language ?? detectLanguage(parsed.text);
  const date = current.date ?? findDocumentDate(parsed.text);
  const now = new Date().toISOString();
  const blocks = parsed.blocks.map((block, i) => ({ ...block, page: parsed.blockPages[i]! }));
  const incoming: NewDocument = {
    meta: {
      ...current,
      textLength: parsed.text.length,
      // The new text and blocks get their own checksums, or the next read would take them for damaged.
      checks: documentChecks(parsed.text, blocks),
      notices: parsed.notices ?? [],
      ocr: state,
      ...optional('language', language),
      ...optional('date', date),
      updatedAt: now,
    },
    text: parsed.text,
    blocks,
    original: await deps.docs.readOriginal(id, originalExt(current.sourceName)),
    originalExt: originalExt(current.sourceName),
    pdfMap: parsed.sourceMap,
    ...(current.type === 'image' ? { pagesPdf: await deps.docs.readPagedPdf(current) } : {}),
  };
  const outcome = await deps.storeVersion(current.sourceName, current, incoming);
  if (outcome.status === 'failed') throw new Error(outcome.reason);
}
