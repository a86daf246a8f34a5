import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../shared/text/document-check';
import { joinLines } from './pdf-paragraphs';
import { DEFAULT_LIMITS, extractRawPdf, pdfWorkerPool } from './pdf-process';
import { layOut, NO_TEXT_LAYER, parsePdf, type ParsedPdf } from './pdf';
import { ImportError } from './types';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const texts = (doc: ParsedPdf): string[] => doc.blocks.map((b) => doc.text.slice(b.start, b.end));

const TWO_COLUMN_PAGE = [
  'A Paper Set in Two Columns',
  'The left column starts here and it runs down the page in short lines of plain text, set in one font so that the test knows where each line is. A word split at the end of a line is an example of hyphenation that the importer must join.',
  'A second paragraph in the left column starts after a blank line and goes on for a few more lines before the left column comes to its end.',
  'The right column is read only after the whole left column, never line by line with it, which is what a reader of a two-column paper expects from an archive that keeps the reading order of the page in the text it stores for the document.',
];

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('pdf importer', () => {
  it('reads a two-column page column by column, joins hyphenated words, drops page numbers', async () => {
    const doc = await parsePdf(bytes('pdf-two-column.pdf'), 'pdf-two-column.pdf');
    expect(texts(doc)).toEqual([...TWO_COLUMN_PAGE, ...TWO_COLUMN_PAGE]);
    expect(doc.blocks.map((b) => [b.kind, b.level])).toEqual(
      [0, 1].flatMap(() => [['heading', 1], ['paragraph', undefined], ['paragraph', undefined], ['paragraph', undefined]]),
    );
    expect(doc.blockPages).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(doc.pageCount).toBe(2);
    expect(doc.title).toBe('Fixture: Two Columns');
    expect(doc.notices).toBeUndefined();
    expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
  });

  it('joins Chinese lines without a space (俱乐|部) and uses the predefined CMap', async () => {
    const doc = await parsePdf(bytes('pdf-chinese.pdf'), 'notice.pdf');
    expect(texts(doc)).toEqual(['通知', '本院定于下周举办读书俱乐部活动，欢迎各位同事参加。', '第二段文字在这里。']);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'paragraph']);
  });

  it('archives a PDF without a text layer with empty text and a notice', async () => {
    const doc = await parsePdf(bytes('pdf-no-text.pdf'), 'scan.pdf');
    expect(doc.text).toBe('');
    expect(doc.blocks).toEqual([]);
    expect(doc.notices).toEqual([NO_TEXT_LAYER]);
    expect(doc.title).toBe('Fixture: Two Columns');
    expect(layOut({ info: { title: 'Presentation1' }, pages: [] }, 'dir/Scan 12.PDF').title).toBe('Scan 12');
  });

  it('asks for the user password, refuses a wrong one, opens with the right one', async () => {
    const locked = bytes('pdf-encrypted-user-password.pdf');
    expect((await failure(parsePdf(locked, 'x.pdf'))).code).toBe('password_required');
    const wrong = await failure(parsePdf(locked, 'x.pdf', { password: 'guess' }));
    expect([wrong.code, wrong.message]).toEqual(['password_wrong', 'wrong password']);
    const doc = await parsePdf(locked, 'x.pdf', { password: 'secret' });
    expect(texts(doc).slice(0, 4)).toEqual(TWO_COLUMN_PAGE);
  });

  it('imports a PDF encrypted with an owner password only, with or without --password', async () => {
    const doc = await parsePdf(bytes('pdf-encrypted-no-user-password.pdf'), 'x.pdf');
    expect(texts(doc).slice(0, 4)).toEqual(TWO_COLUMN_PAGE);
    const withPassword = await parsePdf(bytes('pdf-encrypted-no-user-password.pdf'), 'x.pdf', { password: 'anything' });
    expect(texts(withPassword).slice(0, 4)).toEqual(TWO_COLUMN_PAGE);
  });

  it('refuses truncated and non-PDF files with a reason', async () => {
    expect((await failure(parsePdf(bytes('pdf-truncated.pdf'), 'x.pdf'))).message).toMatch(/^corrupt or truncated PDF: /);
    expect((await failure(parsePdf(bytes('pdf-not-a-pdf.pdf'), 'x.pdf'))).message).toBe('not a PDF file (no %PDF- header)');
    expect((await failure(parsePdf(new Uint8Array(), 'x.pdf'))).message).toBe('empty file');
  });

  it('kills the reader after the time limit', async () => {
    const error = await failure(extractRawPdf(bytes('pdf-two-column.pdf'), undefined, pdfWorkerPool({ ...DEFAULT_LIMITS, timeoutMs: 1 })));
    expect(error.message).toMatch(/took longer than/);
  });

  it('takes the time limit of the import (Settings → Import) over the pool’s', async () => {
    const error = await failure(parsePdf(bytes('pdf-two-column.pdf'), 'x.pdf', { timeoutMs: 1 }));
    expect(error.message).toMatch(/^PDF took longer than 0.001 s to read; .*\(the limit is in Settings → Import\)$/);
    expect(texts(await parsePdf(bytes('pdf-two-column.pdf'), 'x.pdf')).slice(0, 4)).toEqual(TWO_COLUMN_PAGE);
  });
});

describe('joinLines', () => {
  it.each([
    ['an exam-', 'ple here', 'an example here'],
    ['Trace-', 'Monkey', 'Trace-Monkey'],
    ['IEEE-', '754 doubles', 'IEEE-754 doubles'],
    ['end of', 'line', 'end of line'],
    ['读书俱乐', '部活动', '读书俱乐部活动'],
    ['同事参加。', 'Debian', '同事参加。Debian'],
    ['soft\u00ad', 'ware', 'software'],
  ])('%s + %s', (a, b, joined) => {
    expect(joinLines(a, b)).toBe(joined);
  });
});
