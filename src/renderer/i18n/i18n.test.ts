import { describe, expect, it } from 'vitest';
import { en } from './en';
import { languageOf } from './index';
import { zhCN } from './zh-CN';

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => keysOf(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];

describe('i18n', () => {
  it('has the same keys in both languages', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
  });
  it('maps system languages', () => {
    expect(languageOf('zh-TW')).toBe('zh-CN');
    expect(languageOf('zh')).toBe('zh-CN');
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });
});
