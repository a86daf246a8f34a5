import { describe, expect, it } from 'vitest';
import { renderConll } from './conll';
import { flattenMentions } from './mention-overlap';
import { doc } from './test-data';

const rows = (content: string) => content.split('\n').filter((l) => l && !l.startsWith('-DOCSTART-'));

describe('CoNLL IOB2', () => {
  it('aligns tags with mentions inside Chinese words and after emoji', () => {
    const d = doc('😀在北京市工作。', [['北京', 'LOCATION']]);
    expect(rows(renderConll(d).content)).toEqual(expect.arrayContaining(['😀\tO', '北京\tB-LOCATION']));
    expect(rows(renderConll(d).content).join(' ')).not.toMatch(/北京市/);
  });

  it('keeps a mention that crosses a sentence boundary whole', () => {
    const d = doc('He met Dr. Smith. Jones came.', [['Smith. Jones', 'PERSON']]);
    const tags = rows(renderConll(d).content).map((r) => r.split('\t')[1]);
    expect(tags.filter((t) => t !== 'O')).toEqual(['B-PERSON', 'I-PERSON', 'I-PERSON']);
  });

  it('keeps the longest of overlapping mentions, then the earliest', () => {
    const d = doc('abc def ghi', [['abc', 'ORG'], ['abc def', 'ORG'], ['def ghi', 'PERSON'], ['ghi', 'DATE']]);
    const { kept, dropped } = flattenMentions(d.annotations);
    expect(kept.map((a) => a.target.quote)).toEqual(['abc def', 'ghi']);
    expect(dropped).toHaveLength(2);
    expect(renderConll(d).dropped).toBe(2);
  });
});
