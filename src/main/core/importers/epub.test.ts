import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../shared/text/document-check';
import { sampleEpub } from '../test-support/sample-epub';
import { makeZip } from '../test-support/zip';
import { epubImporter } from './epub';
import { ImportError, type ParsedDocument } from './types';

const blocks = (doc: ParsedDocument): [string, number | undefined, string][] =>
  doc.blocks.map((b) => [b.kind, b.level, doc.text.slice(b.start, b.end)]);

describe('epub importer', () => {
  it('reads the chapters in spine order, heads a chapter without a heading by its contents entry, and takes the OPF metadata', async () => {
    const doc = await epubImporter.parse(await sampleEpub(), 'handbook.epub');
    expect(blocks(doc)).toEqual([
      ['heading', 1, 'Chapter 1. Scope'],
      ['paragraph', undefined, 'This handbook applies to every office.'],
      ['list-item', 1, '1. Paper records'],
      ['list-item', 1, '2. Digital records'],
      ['heading', 1, 'Chapter 2. Retention'],
      ['paragraph', undefined, 'Records are kept for ten years.'],
      ['paragraph', undefined, '记录保存十年。'],
    ]);
    expect(doc.text).not.toMatch(/SCRIPT|alert|COVER|JPEG/);
    expect([doc.title, doc.author, doc.date, doc.language]).toEqual(['Records Management Handbook', 'National Archives Office', '2009-03-14', 'en']);
    expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
  });

  it('names what is wrong with a broken or protected EPUB', async () => {
    const fail = async (bytes: Uint8Array): Promise<string> => {
      const error = await epubImporter.parse(bytes, 'x.epub').then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      return (error as Error).message;
    };
    expect(await fail(await makeZip([{ name: 'mimetype', data: 'application/epub+zip' }]))).toBe('not an EPUB (no META-INF/container.xml)');
    const drm = await sampleEpub([
      { name: 'META-INF/encryption.xml', data: '<encryption><EncryptedData><EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/></EncryptedData></encryption>' },
    ]);
    expect(await fail(drm)).toBe('DRM-protected EPUB: its chapters are encrypted and cannot be read');
    const whole = await sampleEpub();
    expect(await fail(whole.subarray(0, whole.length - 30))).toMatch(/^corrupt EPUB: the file is truncated/);
    expect(await fail(new TextEncoder().encode('plain text'))).toBe('corrupt EPUB: not a zip archive');
  });
});

describe('epub importer limits', () => {
  it('refuses an EPUB that expands like a zip bomb, as DOCX does', async () => {
    const bomb = await sampleEpub([{ name: 'OEBPS/images/zeros.bin', data: '\0'.repeat(8 * 1024 * 1024) }]);
    await expect(epubImporter.parse(bomb, 'bomb.epub')).rejects.toThrow('EPUB refused: OEBPS/images/zeros.bin expands more than 100 times (a zip bomb?)');
  });
});
