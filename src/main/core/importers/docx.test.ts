import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../shared/text/document-check';
import { docxImporter } from './docx';
import { checkDocxZip, ZIP_LIMITS } from './zip-package';
import { ImportError, type ParsedDocument } from './types';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const blocks = (doc: ParsedDocument): [string, number | undefined, string][] =>
  doc.blocks.map((b) => [b.kind, b.level, doc.text.slice(b.start, b.end)]);

async function failure(name: string): Promise<ImportError> {
  const error = await docxImporter.parse(bytes(name), name).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('docx importer', () => {
  it('turns headings, nested lists, a table, footnotes and endnotes into blocks', async () => {
    const doc = await docxImporter.parse(bytes('docx-structure.docx'), 'docx-structure.docx');
    expect(blocks(doc)).toEqual([
      ['heading', 1, 'Annual Report 2025'],
      ['paragraph', undefined, 'This report describes the year.'],
      ['paragraph', undefined, 'Budget rose[1] and staff grew[2].'],
      ['heading', 2, 'Goals'],
      ['list-item', 1, 'First goal'],
      ['list-item', 2, '1. Sub-goal one'],
      ['list-item', 1, 'Second goal'],
      ['table-row', undefined, 'Name | Value'],
      ['table-row', undefined, 'Staff | 42'],
      ['paragraph', undefined, '研究院全体同事新年快乐。'],
      ['paragraph', undefined, '[1] The footnote text.'],
      ['paragraph', undefined, '[2] The endnote text.'],
    ]);
    expect(doc.title).toBe('Annual Report 2025');
    expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
  });

  it('reports a password-protected DOCX (an OLE container) as protected, not corrupt', async () => {
    const error = await failure('docx-ole-protected.docx');
    expect([error.code, error.message]).toEqual(['password_required', 'password-protected DOCX: remove the password in Word and import again']);
  });

  it('refuses truncated files, zip bombs and entries that lie about their size', async () => {
    expect((await failure('docx-truncated.docx')).message).toMatch(/^corrupt DOCX: /);
    expect((await failure('docx-bomb.docx')).message).toBe('DOCX refused: word/media/zeros.bin expands more than 100 times (a zip bomb?)');
    expect((await failure('docx-lying-size.docx')).message).toBe('DOCX refused: word/styles.xml holds more than its declared size (a zip bomb?)');
    const small = { ...ZIP_LIMITS, maxTotal: 1000 };
    expect(() => checkDocxZip(bytes('docx-structure.docx'), small)).toThrow(/^DOCX expands to 0 MB; the limit is 0\.0009/);
    expect((await failure('pdf-two-column.pdf')).message).toBe('corrupt DOCX: not a zip archive');
  });
});

describe('docx importer on a reviewed draft', () => {
  it('places Word comments on their ranges, reads tracked changes as accepted, keeps list numbers, takes core properties first', async () => {
    const doc = await docxImporter.parse(bytes('docx-comments.docx'), 'docx-comments.docx');
    expect(blocks(doc)).toEqual([
      ['heading', 1, 'Budget notice'],
      ['paragraph', undefined, 'The budget rose by ten percent.'],
      ['paragraph', undefined, 'Staff numbers grew.'],
      ['paragraph', undefined, 'Next year it stays.'],
      ['list-item', 2, '1. Collect the forms'],
      ['list-item', 2, '2. File the forms'],
    ]);
    expect(doc.text).not.toMatch(/slowly|MOVED AWAY|[\ue000-\ue003]/u);
    const comments = (doc.comments ?? []).map((c) => ({ ...c, quote: doc.text.slice(c.start, c.end) }));
    expect(comments).toEqual([
      { start: expect.any(Number), end: expect.any(Number), quote: 'rose by ten percent', paragraphs: ['Which budget line?', '请核实。'], author: 'Li Wei', date: '2025-03-01T09:15:00Z' },
      { start: expect.any(Number), end: expect.any(Number), quote: 'grew.\n\nNext year', paragraphs: ['Spans two paragraphs.'], author: 'Anna Berg', date: '2025-03-02T10:00:00Z' },
      // No range in the file: the word before its mark.
      { start: expect.any(Number), end: expect.any(Number), quote: 'stays', paragraphs: ['A comment with no range.'], author: 'Anna Berg', date: '2025-03-02T10:05:00Z' },
    ]);
    expect(doc.notices).toEqual(['3 tracked changes were read as accepted (deleted text left out, inserted text kept)']);
    expect([doc.title, doc.author, doc.date, doc.language]).toEqual(['Draft budget notice', 'Finance Office', '2009-03-14', 'en']);
    expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
  });
});
