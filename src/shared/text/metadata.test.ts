import { describe, expect, it } from 'vitest';
import { findDocumentDate } from './dates';
import { chineseScript } from './chinese-script';
import { fileMetadata, metadataDate, metadataLanguage, metadataText } from './file-metadata';
import { detectLanguage, reconcileLanguage } from './language';

describe('findDocumentDate', () => {
  it('reads English and Chinese dates, preferring the signature date', () => {
    expect(findDocumentDate('Happy New Year!\n\nParty Secretary, Duan Ziyuan\n\nJanuary 1,2024')).toBe('2024-01-01');
    expect(findDocumentDate('Notice issued on 3 March 2023 about the budget.')).toBe('2023-03-03');
    expect(findDocumentDate('广州生物医药与健康研究院\n\n2024年1月1日')).toBe('2024-01-01');
    expect(findDocumentDate('Minutes of 2022-11-05.')).toBe('2022-11-05');
    expect(findDocumentDate('Founded on March 5th, 2003. … Signed December 31, 2023')).toBe('2023-12-31');
  });

  it('ignores impossible dates and texts without one', () => {
    expect(findDocumentDate('Due February 31, 2024.')).toBeUndefined();
    expect(findDocumentDate('The year 2024 was good.')).toBeUndefined();
    expect(findDocumentDate('')).toBeUndefined();
  });
});

describe('detectLanguage', () => {
  it('tells English from Chinese, mixed text included', () => {
    expect(detectLanguage('The institute opened a new laboratory for stem cell research in March this year.')).toBe('en');
    expect(detectLanguage('广州生物医药与健康研究院今年在干细胞研究方面取得了重要进展，并与 CAS 合作。')).toBe('zh-Hans');
    expect(detectLanguage('Le conseil a approuvé le budget de la ville pour la prochaine année scolaire.')).toBe('fr');
  });

  it('tells Traditional from Simplified Chinese', () => {
    expect(detectLanguage('關於檔案管理的通知：各機關應妥善保存檔案，並於每年十二月前報送清單。')).toBe('zh-Hant');
    expect(detectLanguage('关于档案管理的通知：各机关应妥善保存档案，并于每年十二月前报送清单。')).toBe('zh-Hans');
    expect(detectLanguage('臺北市政府新聞稿：市長今日出席記者會，說明明年度預算與交通建設計畫。')).toBe('zh-Hant');
    // Characters both scripts share say neither.
    expect(chineseScript('人口山水大小上下中日月')).toBe('zh');
  });

  it('says nothing for too little text rather than guessing', () => {
    expect(detectLanguage('OK')).toBeUndefined();
    expect(detectLanguage('12 34 56')).toBeUndefined();
    expect(detectLanguage('Hello world')).toBeUndefined();
    expect(detectLanguage('會議')).toBeUndefined();
    expect(detectLanguage('Annual report of the office')).toBeUndefined();
  });

  it('takes the language the file declares unless the text is in another script', () => {
    expect(reconcileLanguage('en', 'Le conseil a approuvé le budget de la ville pour la prochaine année scolaire.')).toBe('en');
    expect(reconcileLanguage('en', '关于档案管理的通知：各机关应妥善保存档案，并于每年十二月前报送清单。')).toBe('zh-Hans');
    expect(reconcileLanguage('zh', '關於檔案管理的通知：各機關應妥善保存檔案，並於每年十二月前報送清單。')).toBe('zh-Hant');
    expect(reconcileLanguage('zh-Hant', 'Short')).toBe('zh-Hant');
  });
});

describe('file metadata', () => {
  it('reads dates from ISO and PDF values, and only whole ones', () => {
    expect(metadataDate('2009-03-14T10:00:00Z')).toBe('2009-03-14');
    expect(metadataDate("D:20090314100000+08'00'")).toBe('2009-03-14');
    expect(metadataDate('2009')).toBeUndefined();
    expect(metadataDate('2009-02-30')).toBeUndefined();
    expect(metadataDate(42)).toBeUndefined();
  });

  it('turns language tags into the ones the library filters by, Chinese with its script', () => {
    expect(['en-US', 'zh_CN', 'zh-TW', 'zh-Hant-HK', 'zh', 'und', 'x-none'].map(metadataLanguage)).toEqual(['en', 'zh-Hans', 'zh-Hant', 'zh-Hant', 'zh', undefined, undefined]);
  });

  it('drops empty and placeholder texts', () => {
    expect([metadataText('  Annual   report '), metadataText(' '), metadataText('Unknown'), metadataText('—')]).toEqual(['Annual report', undefined, undefined, undefined]);
  });

  it('gives an import the fields a file says something usable about, the first usable date of those given', () => {
    expect(fileMetadata({ author: 'Unknown', dates: [undefined, 'D:2009', '2009-03-14T10:00:00Z', '2010-01-01'], language: 'zh_TW' })).toEqual({ date: '2009-03-14', language: 'zh-Hant' });
    expect(fileMetadata({})).toEqual({});
  });
});
