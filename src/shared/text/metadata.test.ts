import { describe, expect, it } from 'vitest';
import { findDocumentDate } from './dates';
import { detectLanguage } from './language';

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
    expect(detectLanguage('广州生物医药与健康研究院今年在干细胞研究方面取得了重要进展，并与 CAS 合作。')).toBe('zh');
    expect(detectLanguage('Le conseil a approuvé le budget de la ville pour la prochaine année scolaire.')).toBe('fr');
  });

  it('says nothing for too little text', () => {
    expect(detectLanguage('OK')).toBeUndefined();
    expect(detectLanguage('12 34 56')).toBeUndefined();
  });
});
