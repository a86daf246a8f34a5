import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../../shared/text/document-check';
import { rtfImporter } from './rtf';
import { ImportError, type ParsedDocument } from '../types';

const blocks = (doc: ParsedDocument): [string, number | undefined, string][] =>
  doc.blocks.map((b) => [b.kind, b.level, doc.text.slice(b.start, b.end)]);
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const parse = (rtf: string): Promise<ParsedDocument> => rtfImporter.parse(latin1(rtf), 'x.rtf');

/** As Word writes Chinese: \uN with a GBK fallback, fonts with \fcharset134 (GBK) and 136 (Big5). */
const CHINESE = String.raw`{\rtf1\ansi\ansicpg936\deff0
{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fnil\fcharset134 \'cb\'ce\'cc\'e5;}{\f2\fnil\fcharset136 MingLiU;}}
{\colortbl;\red0\green0\blue0;}
{\stylesheet{\s0 Normal;}{\s2\outlinelevel1 heading 2;}}
{\info{\title \'b9\'d8\'d3\'da\'b5\'b5\'b0\'b8}{\author Li Wei}{\creatim\yr2009\mo3\dy14\hr9\min30}}
{\*\generator Riched20 10.0;}
\pard\outlinelevel0\f1\fs32 \uc2\u20851\'b9\'d8\u20110\'d3\'da\u26723\'b5\'b5\u26696\'b0\'b8\par
\pard\s2\f0 Scope\par
\pard\f1 \'d6\'d0\'ce\'c4\'b2\'e2\'ca\'d4{\f2 \'a4\'a4\'a4\'e5}\f0  and English{\v  HIDDEN}{\deleted  GONE}.{\super\chftn}{\footnote\pard\plain{\super\chftn} The note text.}\par
\pard\ls1\ilvl0{\listtext\pard\plain\f0 1.\tab}First item\par
\pard\ls1\ilvl0{\listtext\pard\plain\f0 2.\tab}Second item\par
\trowd\cellx2000\cellx4000\pard\intbl Name\cell Value\cell\row
{\pict\wmetafile8 0102030405060708}
\pard Caf\'e9 \emdash{} \ldblquote done\rdblquote\par
}`;

describe('rtf importer', () => {
  it('reads \\uN Chinese with its fallbacks, GBK and Big5 fonts, headings, lists, tables, notes and \\info', async () => {
    const doc = await parse(CHINESE);
    expect(blocks(doc)).toEqual([
      ['heading', 1, '关于档案'],
      ['heading', 2, 'Scope'],
      ['paragraph', undefined, '中文测试中文 and English.[1]'],
      ['list-item', 1, '1. First item'],
      ['list-item', 1, '2. Second item'],
      ['table-row', undefined, 'Name | Value'],
      ['paragraph', undefined, 'Café — “done”'],
      ['paragraph', undefined, '[1] The note text.'],
    ]);
    expect([doc.title, doc.author, doc.date, doc.encoding]).toEqual(['关于档案', 'Li Wei', '2009-03-14', 'gb18030']);
    expect(doc.notices).toEqual(['tracked changes were read as accepted (deleted text left out, inserted text kept)']);
    expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
  });

  it('reads windows-1251 text by \\ansicpg and refuses what is not RTF', async () => {
    const doc = await parse(String.raw`{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8\'e2\'e5\'f2\par}`);
    expect([doc.text, doc.encoding]).toEqual(['Привет', 'windows-1251']);
    await expect(parse('hello')).rejects.toThrow(new ImportError('not an RTF file (it does not begin with {\\rtf)'));
    await expect(parse(String.raw`{\rtf1{\fonttbl{\f0 Arial;}}}`)).rejects.toThrow('no text in this RTF file');
    await expect(parse(`{\\rtf1 ${'{'.repeat(2000)}x`)).rejects.toThrow('unreadable RTF: groups nested more than 1000 deep');
  });
});
