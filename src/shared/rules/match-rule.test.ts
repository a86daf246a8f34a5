import { describe, expect, it } from 'vitest';
import type { Rule } from '../model/rules';
import { applyRules, compileRule, MATCH_CHARS, patternWords, RuleError, type RuleInput } from './match-rule';

const doc = (text: string, title = 'Untitled', filename = 'file.txt'): RuleInput => ({ text, title, filename });
const rule = (patch: Partial<Rule>): Rule => ({ id: 'r1', name: 'test', field: 'text', mode: 'any', pattern: 'x', tags: [], collections: [], enabled: true, ...patch });
const matches = (patch: Partial<Rule>, input: RuleInput) => compileRule(rule(patch))(input);

describe('rule matching', () => {
  it('any word: one of the words, case and width folded, whole words only', () => {
    expect(matches({ mode: 'any', pattern: 'budget audit' }, doc('The AUDIT was late.'))).toBe(true);
    expect(matches({ mode: 'any', pattern: 'budget audit' }, doc('The auditor was late.'))).toBe(false);
    expect(matches({ mode: 'any', pattern: 'ｂｕｄｇｅｔ' }, doc('budget 2024'))).toBe(true);
  });

  it('all words: every word, anywhere, in any order', () => {
    expect(matches({ mode: 'all', pattern: 'weekly report' }, doc('Report of the weekly meeting'))).toBe(true);
    expect(matches({ mode: 'all', pattern: 'weekly report' }, doc('Report of the monthly meeting'))).toBe(false);
  });

  it('Chinese words: cut by Intl.Segmenter, found wherever the text holds them, also across a line break', () => {
    expect(patternWords('财政预算 审计')).toEqual(expect.arrayContaining(['审计']));
    expect(matches({ mode: 'all', pattern: '预算 审计' }, doc('关于2024年度预算执行情况的审计工作报告'))).toBe(true);
    expect(matches({ mode: 'all', pattern: '预算 审计' }, doc('关于2024年度预算执行情况的报告'))).toBe(false);
    expect(matches({ mode: 'any', pattern: '俱乐部' }, doc('本俱乐\n部成立于'))).toBe(true);
    expect(matches({ mode: 'all', pattern: 'budget 预算' }, doc('Budget 预算表'))).toBe(true);
  });

  it('exact phrase: the words in that order, spacing and case folded', () => {
    expect(matches({ mode: 'phrase', pattern: 'Weekly  Report' }, doc('this weekly\nreport covers'))).toBe(true);
    expect(matches({ mode: 'phrase', pattern: 'weekly report' }, doc('report weekly'))).toBe(false);
    expect(matches({ mode: 'phrase', pattern: '工作周报' }, doc('第十二期 工作\n周报'))).toBe(true);
  });

  it('fuzzy: an occurrence with a few edits (one per five characters)', () => {
    expect(matches({ mode: 'fuzzy', pattern: 'Environmental Protection' }, doc('the Enviromental Protecton Agency'))).toBe(true);
    expect(matches({ mode: 'fuzzy', pattern: 'Environmental Protection' }, doc('the Department of Education'))).toBe(false);
    expect(matches({ mode: 'fuzzy', pattern: '国家统计局公报' }, doc('国家统计局的公报'))).toBe(true);
  });

  it('regular expressions: case-insensitive, Chinese included', () => {
    expect(matches({ mode: 'regex', pattern: 'report\\s+no\\.\\s*\\d+' }, doc('Weekly REPORT No. 12'))).toBe(true);
    expect(matches({ mode: 'regex', pattern: '第[一二三四五六七八九十]+周' }, doc('第十二周工作简报'))).toBe(true);
    expect(matches({ mode: 'regex', pattern: '^draft' }, doc('final text'))).toBe(false);
  });

  it('refuses a bad regular expression with a message naming the rule and the fault', () => {
    expect(() => compileRule(rule({ name: 'Weekly', mode: 'regex', pattern: '(abc' }))).toThrow(RuleError);
    expect(() => compileRule(rule({ name: 'Weekly', mode: 'regex', pattern: '(abc' }))).toThrow('Rule "Weekly": the regular expression is not valid: missing closing ): `(abc`.');
    expect(() => compileRule(rule({ mode: 'regex', pattern: 'a(?=b)' }))).toThrow(/look-arounds and back-references are not supported/);
    expect(() => compileRule(rule({ mode: 'any', pattern: '  ' }))).toThrow(/the pattern is empty/);
    expect(() => compileRule(rule({ mode: 'any', pattern: '!!!' }))).toThrow(/has no words/);
  });

  it('runs a pattern that backtracks exponentially elsewhere in linear time, on a bounded text', () => {
    // (a+)+$ against a^n b takes 2^n steps in a backtracking engine; RE2 answers at once.
    const text = `${'a'.repeat(50_000)}b`;
    expect(matches({ mode: 'regex', pattern: '(a+)+$' }, doc(text))).toBe(false);
    expect(matches({ mode: 'regex', pattern: '(x+x+)+y' }, doc('x'.repeat(5000)))).toBe(false);
  });

  it('reads a text up to MATCH_CHARS characters, not beyond', () => {
    const long = `${'filler '.repeat(Math.ceil(MATCH_CHARS / 7))}needle`;
    for (const mode of ['any', 'phrase', 'regex'] as const) {
      expect(matches({ mode, pattern: 'needle' }, doc(long))).toBe(false);
      expect(matches({ mode, pattern: 'needle' }, doc(`needle ${long}`))).toBe(true);
    }
  });

  it('reads only the field it names', () => {
    const input = doc('nothing here', 'Weekly report 12', '2024-W12-report.docx');
    expect(matches({ field: 'title', mode: 'any', pattern: 'weekly' }, input)).toBe(true);
    expect(matches({ field: 'text', mode: 'any', pattern: 'weekly' }, input)).toBe(false);
    expect(matches({ field: 'filename', mode: 'regex', pattern: '^\\d{4}-W\\d+' }, input)).toBe(true);
  });

  it('applies every enabled matching rule: tags and collections from all, the date from the first', () => {
    const list = [
      rule({ id: 'a', name: 'weekly', pattern: 'weekly', tags: ['report/weekly'], collections: ['Reports'], date: '2024-03-18' }),
      rule({ id: 'b', name: 'budget', pattern: 'budget', tags: ['finance', 'report/weekly'], collections: ['Finance'], date: '2020-01-01' }),
      rule({ id: 'c', name: 'off', pattern: 'weekly', tags: ['never'], enabled: false }),
      rule({ id: 'd', name: 'other', pattern: 'zebra', tags: ['zoo'] }),
    ].map((r) => ({ rule: r, match: compileRule(r) }));
    expect(applyRules(list, doc('weekly budget'))).toEqual({
      rules: ['weekly', 'budget'],
      tags: ['report/weekly', 'finance'],
      collections: ['Reports', 'Finance'],
      date: '2024-03-18',
    });
    expect(applyRules(list, doc('nothing'))).toEqual({ rules: [], tags: [], collections: [] });
  });
});
