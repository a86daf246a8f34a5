import { ApiError } from '../../shared/api';
import type { OcrProgress } from '../../shared/model';
import { parseLanguages } from '../core/ocr/languages';
import { Archive } from '../core/archive';
import type { Output } from './commands';

/**
 * Waits for the archive's OCR queue, printing each page as it is read (stderr) and each
 * document when it is done (stdout). Ctrl+C leaves what waits queued: the next program to
 * open the archive for writing reads it. Answers the documents that failed.
 */
export async function waitForOcr(archive: Archive, io: Output): Promise<string[]> {
  if (!archive.ocr || archive.ocr.pending.length === 0) return [];
  io.err(`OCR: reading ${archive.ocr.pending.length} document${archive.ocr.pending.length === 1 ? '' : 's'} (Ctrl+C leaves the rest queued for the next time the archive opens)`);
  const failed: string[] = [];
  const listener = (p: OcrProgress) => {
    if (p.state) {
      const meta = archive.list().find((d) => d.id === p.docId);
      const ocr = meta?.ocr;
      if (p.state === 'failed') failed.push(p.docId);
      const line = p.state === 'done' && ocr ? `ocr ${p.docId} ${p.title}: ${ocr.pages ?? 0} page${ocr.pages === 1 ? '' : 's'} read, ${Math.round((ocr.uncertain ?? 0) * 100)}% of words uncertain` : `ocr ${p.docId} ${p.title}: failed: ${ocr?.reason ?? 'see the document notices'}`;
      (p.state === 'failed' ? io.err : io.out)(line);
    } else if (p.pages > 0) {
      io.err(`ocr ${p.title}: page ${p.page}/${p.pages}${p.etaSeconds !== undefined ? ` (about ${p.etaSeconds} s left)` : ''}`);
    }
  };
  archive.ocrListeners.add(listener);
  try {
    await archive.ocr.idle();
  } finally {
    archive.ocrListeners.delete(listener);
  }
  return failed;
}

/** marginalia ocr ID…: reads the documents' pages without text (or every page with --force) and waits. */
export async function ocrCommand(archiveDir: string, ids: string[], options: { force?: boolean; languages?: string }, io: Output): Promise<number> {
  if (options.languages) parseLanguages(options.languages);
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'marginalia ocr' });
  try {
    for (const id of ids) {
      try {
        await archive.queueOcr(id, options.force ? 'force' : 'auto', options.languages);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        io.err(`marginalia: ${error.message}`);
        return 2;
      }
    }
    const failed = await waitForOcr(archive, io);
    return failed.length ? 1 : 0;
  } finally {
    await archive.close();
  }
}
