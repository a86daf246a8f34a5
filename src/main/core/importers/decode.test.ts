import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';
import { plausibility } from './decode-score';
import { ImportError } from './types';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url)));
const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('reads UTF-8, with or without a BOM (the BOM is not part of the text)', () => {
    expect(decodeText(utf8('Plain ASCII'), 'a.txt')).toEqual({ text: 'Plain ASCII', encoding: 'utf-8' });
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, ...utf8('研究院')), 'a.txt')).toEqual({ text: '研究院', encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE by their BOM', () => {
    const le = decodeText(fixture('utf16le-bom.txt'), 'utf16le-bom.txt');
    expect(le.encoding).toBe('utf-16le');
    expect(le.text).toBe('Notice of Meeting\n\nThe committee will meet on Friday.\n会议通知：周五开会。\n');
    expect(decodeText(bytes(0xfe, 0xff, 0x5e, 0x7f, 0x5d, 0xde), 'be.txt')).toEqual({ text: '广州', encoding: 'utf-16be' });
  });

  it('reads UTF-16 LE without a BOM', () => {
    const body = [...'Hello, world'].flatMap((c) => [c.charCodeAt(0), 0]);
    expect(decodeText(bytes(...body), 'x.txt')).toEqual({ text: 'Hello, world', encoding: 'utf-16le' });
  });

  it('reads GB18030 Chinese', () => {
    const { text, encoding } = decodeText(fixture('report-gb18030.txt'), 'report-gb18030.txt');
    expect(encoding).toBe('gb18030');
    expect(text).toContain('广州生物医药与健康研究院');
  });

  it('reads Big5 Chinese', () => {
    const { text, encoding } = decodeText(fixture('big5.txt'), 'big5.txt');
    expect(encoding).toBe('big5');
    expect(text.startsWith('海港研究所年度報告')).toBe(true);
  });

  it('tells GB18030 from Big5 in a few bytes, where chardet cannot', () => {
    // 研究院 in GB18030 and in Big5
    expect(decodeText(bytes(0xd1, 0xd0, 0xbe, 0xbf, 0xd4, 0xba), 'gb.txt')).toEqual({ text: '研究院', encoding: 'gb18030' });
    expect(decodeText(bytes(0xac, 0xe3, 0xa8, 0x73, 0xb0, 0x7c), 'b5.txt')).toEqual({ text: '研究院', encoding: 'big5' });
  });

  it('reads Western legacy text as windows-1252', () => {
    // "Café déjà vu – naïve façade"
    const cafe = bytes(0x43, 0x61, 0x66, 0xe9, 0x20, 0x64, 0xe9, 0x6a, 0xe0, 0x20, 0x76, 0x75, 0x20, 0x96, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65, 0x20, 0x66, 0x61, 0xe7, 0x61, 0x64, 0x65);
    expect(decodeText(cafe, 'cafe.txt')).toEqual({ text: 'Café déjà vu – naïve façade', encoding: 'windows-1252' });
  });

  it('refuses empty and binary files', () => {
    expect(() => decodeText(new Uint8Array(), 'e.txt')).toThrow(new ImportError('empty file'));
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52);
    expect(() => decodeText(png, 'image.txt')).toThrow(new ImportError('not a text file (binary content)'));
    const controls = bytes(...Array.from({ length: 64 }, (_, i) => (i % 2 ? 0x41 : 0x01)));
    expect(() => decodeText(controls, 'c.txt')).toThrow(ImportError);
  });

  it('keeps a few control characters (they are cleaned later, not a reason to refuse)', () => {
    expect(decodeText(utf8('\u001b[32mgreen\u001b[0m text and more text'), 'a.txt').encoding).toBe('utf-8');
  });
});

describe('plausibility', () => {
  it('scores the right Chinese decoding above the wrong one', () => {
    const big5 = fixture('big5.txt');
    const right = new TextDecoder('big5').decode(big5);
    const wrong = new TextDecoder('gb18030').decode(big5);
    expect(plausibility(right, 'big5')).toBeGreaterThan(0.5);
    expect(plausibility(wrong, 'gb18030')).toBeLessThan(0.2);
  });
});
