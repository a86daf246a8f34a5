import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../shared/text/document-check';
import { txtImporter } from './txt';
import type { ParsedDocument } from './types';
import { ImportError } from './types';

const parseFixture = (name: string): Promise<ParsedDocument> =>
  txtImporter.parse(new Uint8Array(readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url))), name);

const shape = (doc: ParsedDocument): string[] => {
  expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
  return doc.blocks.map((b) => `${b.kind}${b.level ?? ''}: ${doc.text.slice(b.start, b.end)}`);
};

describe('txtImporter', () => {
  it('imports an English address: title line, wrapped paragraphs, list, signature block', async () => {
    const doc = await parseFixture('address-en.txt');
    expect(doc.title).toBe('New Year Address from the Harbour Institute of Marine Studies');
    expect(doc.encoding).toBe('utf-8');
    expect(shape(doc)).toEqual([
      'heading2: New Year Address from the Harbour Institute of Marine Studies',
      'paragraph: Dear colleagues and friends, as the calendar turns to a new year, I would like to thank every member of our institute, our partners and our families for the patience, skill and good humour that carried us through the past twelve months. Our work is only possible because so many people give it their time.',
      'paragraph: This year we opened the tidal laboratory on the east quay, welcomed forty-two new students, and published our first open atlas of coastal sediments. None of these were small tasks, and each one began as a conversation between people who did not yet know that it could be done.',
      'paragraph: Looking ahead, we will concentrate on three things:',
      'list-item1: sharing our instruments with the schools of the region;',
      'list-item1: training young technicians, who keep every experiment and every boat running long after the headlines are forgotten;',
      'list-item1: keeping our archive open to anyone who asks.',
      'paragraph: May the coming year bring health to you and to those you love.',
      'paragraph: Director, Mira Castellan',
      'paragraph: January 1, 2025',
    ]);
  });

  it('imports GB18030 Chinese with its title', async () => {
    const doc = await parseFixture('report-gb18030.txt');
    expect(doc.encoding).toBe('gb18030');
    expect(doc.title).toBe('广州生物医药与健康研究院年度工作报告');
    expect(shape(doc)).toEqual([
      'heading2: 广州生物医药与健康研究院年度工作报告',
      'paragraph: 过去一年，研究院围绕干细胞与再生医学、感染与免疫、化学生物学等方向开展研究，取得了一批重要成果。',
      'list-item1: 一、科研进展',
      'paragraph: 我们在新药研发方面取得了突破，多个项目进入临床试验阶段。',
      'list-item1: 二、人才队伍',
      'paragraph: 研究院引进青年科学家二十人，培养研究生一百余名。',
      'paragraph: 二〇二五年一月',
    ]);
  });

  it('imports Big5 and UTF-16 files', async () => {
    const big5 = await parseFixture('big5.txt');
    expect([big5.encoding, big5.title, big5.blocks.length]).toEqual(['big5', '海港研究所年度報告', 3]);
    const utf16 = await parseFixture('utf16le-bom.txt');
    expect(utf16.encoding).toBe('utf-16le');
    expect(shape(utf16)).toEqual(['heading2: Notice of Meeting', 'paragraph: The committee will meet on Friday.', 'paragraph: 会议通知：周五开会。']);
  });

  it('strips ANSI escapes and control characters whole', async () => {
    const doc = await parseFixture('ansi-escapes.txt');
    expect(shape(doc)).toEqual([
      'paragraph: Plain line',
      'paragraph: Green title',
      'paragraph: Tab here',
      'paragraph: 作者：无名',
      'paragraph: bell and backspace end',
      'paragraph: last line',
    ]);
  });

  it('refuses empty, blank and binary files', async () => {
    await expect(txtImporter.parse(new Uint8Array(), 'e.txt')).rejects.toThrow(new ImportError('empty file'));
    await expect(txtImporter.parse(new TextEncoder().encode(' \n\t\n'), 'b.txt')).rejects.toThrow(new ImportError('empty file'));
    await expect(txtImporter.parse(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), 'zip.txt')).rejects.toThrow(
      new ImportError('not a text file (binary content)'),
    );
  });
});
