import { describe, expect, it } from 'vitest';
import { en } from './en';
import { languageOf } from './index';
import { zhCN } from './zh-CN';
import { annotations } from './en/annotations';
import { entities } from './en/entities';
import { exporting } from './en/exporting';
import { feedback } from './en/feedback';
import { importSettings } from './en/import-settings';
import { inboxSettings } from './en/inbox-settings';
import { labelSettings } from './en/label-settings';
import { library } from './en/library';
import { trash } from './en/trash';
import { team } from './en/team';
import { repairs } from './en/repairs';
import { pages } from './en/pages';
import { ocr } from './en/ocr';
import { layers } from './en/layers';

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => keysOf(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];

describe('i18n', () => {
  it('has the same keys in both languages', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
  });
  it('keeps each area’s namespaces apart (a spread would silently drop a clash)', () => {
    const areas = [annotations, entities, exporting, feedback, importSettings, inboxSettings, labelSettings, library, ocr, pages, repairs, trash, layers, team];
    const names = areas.flatMap((area) => Object.keys(area));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(en).length).toBe(names.length + 13);
  });
  it('maps system languages', () => {
    expect(languageOf('zh-TW')).toBe('zh-CN');
    expect(languageOf('zh')).toBe('zh-CN');
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });
});
