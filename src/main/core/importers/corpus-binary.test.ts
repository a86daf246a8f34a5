import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../shared/text/document-check';
import { NO_TEXT_LAYER, parsePdf } from './pdf';
import { importerFor } from './registry';
import { ImportError, type ParsedDocument } from './types';

// Real PDF, DOCX and HTML files no one on the project wrote; only on machines that have them.
const CORPUS = resolve(import.meta.dirname, '../../../../../shared/corpus');
const read = (relative: string): Uint8Array => new Uint8Array(readFileSync(join(CORPUS, relative)));
const parse = (relative: string): Promise<ParsedDocument> => importerFor(relative)!.parse(read(relative), relative);
const texts = (doc: ParsedDocument): string[] => doc.blocks.map((b) => doc.text.slice(b.start, b.end));

async function failure(relative: string): Promise<ImportError> {
  const error = await parse(relative).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe.runIf(existsSync(CORPUS))('corpus: pdf, docx, html (../shared/corpus)', () => {
  it.each([
    'pdf/tracemonkey.pdf', 'pdf/maint-guide.zh-cn.pdf', 'docx/tables.docx', 'docx/footnotes.docx', 'docx/comments.docx',
    'docx/debian-handbook-foundation-documents.zh-CN.docx', 'html/debian-handbook-foundation-documents.zh-CN.html',
    'html/gnu-coding-standards.html', 'html/testHTMLBadScript.html',
  ])('%s parses into well-formed text', async (file) => {
    const doc = await parse(file);
    expect(doc.text.length).toBeGreaterThan(0);
    expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
    expect(doc.title.length).toBeGreaterThan(0);
  });

  it('tracemonkey page 1: title, abstract before introduction, columns not interleaved', async () => {
    const doc = await parsePdf(read('pdf/tracemonkey.pdf'), 'tracemonkey.pdf');
    expect(doc.title).toBe('Trace-based Just-in-Time Type Specialization for Dynamic Languages');
    const page1 = texts(doc).filter((_, i) => doc.blockPages[i] === 1);
    const at = (start: string): number => page1.findIndex((t) => t.startsWith(start));
    expect(at('Abstract')).toBeGreaterThan(-1);
    expect(at('Dynamic languages such as JavaScript are more difficult')).toBe(at('Abstract') + 1);
    expect(at('1. Introduction')).toBeGreaterThan(at('Abstract'));
    // Whole sentences of each column survive: nothing from the other column was woven in.
    expect(doc.text).toContain('Since no concrete type information is available, traditional compilers need to emit generic code');
    expect(doc.text).toContain('In a dynamically typed programming language such as JavaScript, the types of expressions may vary at runtime.');
    expect(doc.text).toContain('a naïve implementation');
  });

  it('maint-guide: Chinese lines joined without spaces, code kept as code', async () => {
    const doc = await parsePdf(read('pdf/maint-guide.zh-cn.pdf'), 'maint-guide.zh-cn.pdf');
    expect(doc.pageCount).toBe(63);
    expect(doc.title).toBe('Debian 新维护者手册');
    expect(doc.text).toContain('Debian 的软件包系统是使它跻身顶级发行版行列的重要原因之一。尽管已经有相当数量的软件被打包成 Debian 的格式，但有时还是需要');
    expect(doc.blocks.some((b) => b.kind === 'code' && doc.text.slice(b.start, b.end).startsWith('$ mkdir ~/gentoo ; cd ~/gentoo\n'))).toBe(true);
  });

  it('testOCR.pdf: no text layer, archived with a notice', async () => {
    const doc = await parse('pdf/testOCR.pdf');
    expect([doc.text, doc.blocks, doc.notices, doc.title]).toEqual(['', [], [NO_TEXT_LAYER], 'testOCR']);
  });

  it('refuses truncated and protected files with clear reasons', async () => {
    expect((await failure('pdf/tracemonkey-truncated-400000.pdf')).message).toMatch(/^corrupt or truncated PDF: /);
    expect((await failure('docx/testWORD_truncated.docx')).message).toMatch(/^corrupt DOCX: /);
    expect((await failure('docx/testWORD_protected_passtika.docx')).code).toBe('password_required');
  });

  it('docx: tables as rows, footnotes at the end', async () => {
    expect(texts(await parse('docx/tables.docx'))).toEqual(['Above', 'Top left | Top right', 'Bottom left | Bottom right', 'Below']);
    expect(texts(await parse('docx/footnotes.docx'))).toEqual(['Ouch[1].[2]', '[1] A tachyon walks into a bar.', '[2] Fin.']);
  });

  it('html: a malformed </script language> leaks no script text', async () => {
    const doc = await parse('html/testHTMLBadScript.html');
    expect(texts(doc)).toEqual(['This is a test.']);
  });
});
