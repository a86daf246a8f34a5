import { describe, expect, it } from 'vitest';
import type { OcrProgress } from '../../../shared/model';
import { Archive } from '../archive';
import { NO_TEXT_LAYER } from '../importers/pdf';
import { scanImage, scanPdf } from '../test-support/scan-fixture';
import { useTempDirs } from '../test-support/temp-dir';

// The whole path in a real archive: import, background OCR, the text stored and indexed.
const tempDir = useTempDirs();
const LINES = ['Minutes of the archive committee meeting.', 'The committee approved the digitisation budget.'];

describe('OCR in the archive', () => {
  it('lists a scan at once, reads it in the background, then its text is searchable and mapped to the page', async () => {
    const dir = await tempDir();
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const progress: OcrProgress[] = [];
    archive.ocrListeners.add((p) => progress.push(p));
    const outcome = await archive.importFile({ name: 'minutes.pdf', bytes: scanPdf([scanImage(LINES)]), ocrLanguages: 'eng' });
    if (outcome.status !== 'imported') throw new Error(outcome.status);
    const id = outcome.doc.id;
    // Listed straight away, with no text yet and OCR queued.
    expect(archive.list().map((d) => d.id)).toContain(id);
    expect(outcome.doc.ocr).toMatchObject({ state: 'queued', mode: 'auto', languages: 'eng' });
    expect((await archive.get(id)).text).toBe('');

    await archive.ocr!.idle();
    const { meta, text } = await archive.get(id);
    expect(text).toMatch(/digitisation budget/);
    expect(meta.ocr).toMatchObject({ state: 'done', pages: 1 });
    expect(meta.notices).not.toContain(NO_TEXT_LAYER);
    expect(meta.notices?.some((n) => /read by OCR \(eng\)/.test(n))).toBe(true);
    const found = await archive.search.search('digitisation', { limit: 10 });
    expect(found.hits.map((h) => h.id)).toContain(id);
    const map = await archive.pdfMaps.get(id);
    expect(map?.pages[0]?.source).toBe('ocr');
    expect(progress.at(-1)).toMatchObject({ docId: id, state: 'done', page: 1, pages: 1 });
    // The new text is whole: a fresh read checks it against the checksums stored with it.
    await archive.close();
    const reopened = await Archive.open(dir, { writable: false, owner: 'test' });
    expect((await reopened.get(id)).text).toMatch(/digitisation budget/);
    expect(reopened.repairList()).toEqual([]);
  }, 240_000);

  it('keeps what was waiting when the archive closed, and reads it after the next open', async () => {
    const dir = await tempDir();
    let archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const outcome = await archive.importFile({ name: 'minutes.pdf', bytes: scanPdf([scanImage(LINES)]), ocrLanguages: 'eng' });
    if (outcome.status !== 'imported') throw new Error(outcome.status);
    await archive.close();
    archive = await Archive.open(dir, { writable: true, owner: 'test' });
    expect(archive.ocr!.pending).toEqual([outcome.doc.id]);
    await archive.ocr!.idle();
    expect((await archive.get(outcome.doc.id)).meta.ocr?.state).toBe('done');
    await archive.close();
  }, 240_000);

  it('leaves scans as they are when OCR is off, and reads one on demand', async () => {
    const archive = await Archive.open(await tempDir(), { writable: true, owner: 'test' });
    const outcome = await archive.importFile({ name: 'minutes.pdf', bytes: scanPdf([scanImage(LINES)]), ocr: 'off' });
    if (outcome.status !== 'imported') throw new Error(outcome.status);
    expect(outcome.doc.ocr).toBeUndefined();
    expect(outcome.doc.notices).toContain(NO_TEXT_LAYER);
    expect(archive.ocr!.pending).toEqual([]);
    await archive.queueOcr(outcome.doc.id, 'auto', 'eng');
    await archive.ocr!.idle();
    expect((await archive.get(outcome.doc.id)).text).toMatch(/committee/);
    await archive.close();
  }, 240_000);
});
