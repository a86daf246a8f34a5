import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, type Annotation, type Entity } from '../../../../shared/model';
import { tidy } from './en';
import { readBratSpans, scoreSpans } from './score';
import { rejectionKey, suggest } from './index';

const FIXTURES = join(import.meta.dirname, '../../../../../bench/fixtures/ner');
const LABELS = DEFAULT_LABELS.map((l) => l.id);
const fixture = (name: string) => {
  const text = readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');
  return { text, gold: readBratSpans(readFileSync(join(FIXTURES, `${name}.ann`), 'utf8'), text) };
};
const f1 = (scores: ReturnType<typeof scoreSpans>, label: string) => scores.find((s) => s.label === label)?.f1 ?? 0;
const now = new Date().toISOString();
const entity = (id: string, label: string, name: string, aliases: string[] = []): Entity => ({ id, label, name, aliases, createdAt: now, updatedAt: now });
const mention = (text: string, quote: string, label: string, entityId: string): Annotation => {
  const start = text.indexOf(quote);
  return { id: `a-${quote}`, docId: 'd', kind: 'entity', target: { start, end: start + quote.length, quote, prefix: '', suffix: '' }, label, entityId, createdAt: now, updatedAt: now };
};

describe('suggestions on the labelled fixtures (bench/fixtures/ner)', () => {
  it('finds Chinese people, organisations and places with F1 ≥ 0.8, and dates, money, percentages', async () => {
    const { text, gold } = fixture('zh-report');
    const found = await suggest(text, [], [], LABELS, []);
    const scores = scoreSpans(found, gold);
    for (const label of ['PERSON', 'ORG', 'LOCATION']) expect(f1(scores, label), label).toBeGreaterThanOrEqual(0.8);
    const by = (t: string) => found.find((s) => s.text === t);
    expect(by('周冲')).toMatchObject({ label: 'PERSON' }); // jieba's HMM glues 周冲作: split
    expect(by('广东省科学技术厅')).toMatchObject({ label: 'ORG', source: 'rule' }); // 广东省/ns 科学技术/n 厅/n joined
    expect(by('广州市科学技术局')).toMatchObject({ label: 'ORG' }); // 局局长 split
    expect((await suggest('江门市侨务局在会上发言。', [], [], LABELS, [])).map((s) => s.text)).toEqual(['江门市侨务局']); // 局在/x split
    expect(by('百奥泰生物制药股份有限公司')).toMatchObject({ label: 'ORG' });
    expect(by('2024年1月15日')).toMatchObject({ label: 'DATE', source: 'rule' });
    expect(by('5.6亿元')).toMatchObject({ label: 'MONEY' });
    expect(by('20万元')).toMatchObject({ label: 'MONEY' });
    expect(by('12.5%')).toMatchObject({ label: 'PERCENT' });
    expect(found.some((s) => s.text === '许可')).toBe(false); // jieba's dictionary tags it nr; nothing confirms a person
  });

  it('finds English people, organisations and places with F1 ≥ 0.85', async () => {
    const { text, gold } = fixture('en-report');
    const found = await suggest(text, [], [], LABELS, []);
    const scores = scoreSpans(found, gold);
    for (const label of ['PERSON', 'ORG', 'LOCATION']) expect(f1(scores, label), label).toBeGreaterThanOrEqual(0.85);
    expect(found.find((s) => s.text.startsWith('Bio-Thera Solutions Co'))?.text).toBe('Bio-Thera Solutions Co., Ltd.');
    expect(found.find((s) => s.text === 'Zhou Chong')).toMatchObject({ label: 'PERSON' }); // not "Director Zhou Chong"
    expect(found.find((s) => s.text === '$4.8 million')).toMatchObject({ label: 'MONEY' });
  });
});

describe('suggest', () => {
  it('puts the registry first, with word boundaries for Latin names and none for Chinese ones', async () => {
    const text = 'GIBHX is not GIBH. 广州健康院的研究员来自广州健康院。';
    const registry = [entity('e1', 'ORG', 'Guangzhou Institutes of Biomedicine and Health', ['GIBH', '广州健康院'])];
    const found = await suggest(text, [], registry, LABELS, []);
    const known = found.filter((s) => s.source === 'registry');
    expect(known.map((s) => [s.text, s.start])).toEqual([
      ['GIBH', 13],
      ['广州健康院', 19],
      ['广州健康院', 30],
    ]);
    expect(known.every((s) => s.entityId === 'e1')).toBe(true);
  });

  it('learns from the user: a tagged string is suggested where it occurs again; a rejected one is not', async () => {
    const text = 'Lin Jian met the board. Later Lin Jian spoke, and Wang Xiaodong answered.';
    const tagged = mention(text, 'Lin Jian', 'PERSON', 'e9');
    const found = await suggest(text, [tagged], [], LABELS, []);
    expect(found.find((s) => s.text === 'Lin Jian')).toMatchObject({ start: text.lastIndexOf('Lin Jian'), source: 'learned', entityId: 'e9' });
    expect(found.some((s) => s.start === tagged.target.start)).toBe(false); // never over a mention
    const after = await suggest(text, [tagged], [], LABELS, [rejectionKey('PERSON', 'Wang Xiaodong')]);
    expect(after.some((s) => s.text === 'Wang Xiaodong')).toBe(false);
    expect(found.some((s) => s.text === 'Wang Xiaodong')).toBe(true);
  });

  it('offers only labels of the label set, each span once', async () => {
    const text = '2024年1月1日，林坚在广州说，经费增长90%。';
    const found = await suggest(text, [], [], ['PERSON', 'LOCATION'], []);
    expect(found.map((s) => s.label).sort()).toEqual(['LOCATION', 'PERSON']);
    const all = await suggest(text, [], [], LABELS, []);
    for (let i = 1; i < all.length; i++) expect(all[i]!.start).toBeGreaterThanOrEqual(all[i - 1]!.end);
  });
});

describe('suggest on texts with Chinese and Latin runs', () => {
  it('finds a Latin name in every run it stands in (compromise reads each distinct run once)', async () => {
    const text = 'Debian 由 Ian Murdock 创立。后来 Ian Murdock 离开了，Bruce Perens 接手。';
    const people = (await suggest(text, [], [], LABELS, [])).filter((s) => s.label === 'PERSON');
    expect(people.map((s) => [s.text, s.start])).toEqual([
      ['Ian Murdock', text.indexOf('Ian Murdock')],
      ['Ian Murdock', text.lastIndexOf('Ian Murdock')],
      ['Bruce Perens', text.indexOf('Bruce Perens')],
    ]);
  });

  it('answers the same again for the same text, and sees registry names added meanwhile', async () => {
    const text = '冯颖馆长介绍了城市记忆展览，冯颖表示将继续征集。';
    const first = await suggest(text, [], [], LABELS, []);
    expect(await suggest(text, [], [], LABELS, [])).toEqual(first);
    const registry = [entity('e1', 'EVENT', '城市记忆展览')];
    const after = await suggest(text, [], registry, LABELS, []);
    expect(after.find((s) => s.text === '城市记忆展览')).toMatchObject({ source: 'registry', entityId: 'e1' });
  });
});

describe('tidy (English spans)', () => {
  const at = (text: string, phrase: string) => {
    const span = tidy(text, text.indexOf(phrase), text.indexOf(phrase) + phrase.length);
    return span ? text.slice(span.start, span.end) : null;
  };
  it('drops titles, articles, trailing punctuation and possessives, but keeps an abbreviation’s period', () => {
    expect(at('Met Dr. Sarah Mitchell, then left.', 'Dr. Sarah Mitchell,')).toBe('Sarah Mitchell');
    expect(at('with Bio-Thera Solutions Co., Ltd. in May', 'Bio-Thera Solutions Co., Ltd.')).toBe('Bio-Thera Solutions Co., Ltd.');
    expect(at('signed with Acme Inc. and', 'Acme Inc')).toBe('Acme Inc.');
    expect(at("in Guangzhou's labs", "Guangzhou's")).toBe('Guangzhou');
    expect(at('The Chinese Academy of Sciences.', 'The Chinese Academy of Sciences.')).toBe('Chinese Academy of Sciences');
  });
});
