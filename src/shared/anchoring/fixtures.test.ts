/**
 * Regression fixtures: real-ish documents and the edits a new version brings. Each case
 * names the quote annotated in the old text and where it must land in the new one; the
 * expected offsets come from the new text itself, never from the anchoring code.
 */
import { describe, expect, it } from 'vitest';
import type { AnchorResult } from './index';
import { anchor, anchorAll, describeRange } from './index';

const EN = [
  "Director's Annual Address to the Institute, delivered at the opening of the autumn session.",
  'Colleagues, friends and members of the Council: it is my privilege once more to report on the year that has passed.  It was a year of consolidation rather than expansion, and I believe we are stronger for it. Our graduate programme admitted forty-two students, the largest cohort since the programme was founded.',
  "The Institute's research was supported by three new grants from the National Science Foundation, and our collaborative work with the regional hospitals has moved from pilot studies to a full clinical programme. I want to thank the staff of the translational medicine unit, who carried this work through a difficult winter with remarkble patience.",
  'We also faced setbacks. The construction of the new laboratory building was delayed by six months, and the Council has asked the facilities committee to review how such projects are planned. The committee will report before the end of the spring term.',
  'Finally, let me say a word about the library. Its collections are the memory of the Institute, and the decision to digitise our archive of annual reports, correspondence and minutes will make that memory available to every member. The Council approved it in March; the Council thanks the librarians.',
  'I thank you all for your work, and I look forward to the year ahead with confidence.',
].join('\n\n');

const ZH = [
  '中国科学院广州生物医药与健康研究院二〇二三年度工作报告',
  '一年来，广州生物医药与健康研究院坚持面向人民生命健康，围绕干细胞与再生医学、感染与免疫、化学生物学三个重点方向开展研究，取得了一批具有国际影响力的成果。全院共承担国家级科研项目一百二十余项，发表高水平论文三百余篇。',
  '在人才队伍建设方面，研究院新引进高层次人才十五人，培养研究生二百四十名，其中博士研究生一百一十名。研究院与粤港澳大湾区多所高校和医院建立了联合培养机制。',
  '在成果转化方面，研究院与地方政府和企业共建了三个联合实验室，推动十余项技术进入临床前研究阶段，进一步完善了知识产权管理制度。',
  '展望新的一年，广州生物医药与健康研究院将继续深化改革，加强基础研究与临床应用的衔接，努力建设成为国际一流的生物医药研究机构。',
].join('\n\n');

const EMOJI = 'Open day 🎉 forty-two new students 🎓 joined us. Thanks 👍 to all the volunteers 🙌!';

/** Offset of the nth occurrence (0-based) of `needle`; a fixture error if missing. */
function at(text: string, needle: string, nth = 0): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`fixture: "${needle}" #${nth} not in text`);
  }
  return i;
}

function withParagraphs(text: string, edit: (ps: string[]) => string[]): string {
  return edit(text.split('\n\n')).join('\n\n');
}

interface Case {
  name: string;
  old: string;
  quote: string;
  nth?: number;
  edit: (old: string) => string;
  /** Text in the new version the annotation must cover (and which occurrence), or orphan. */
  expect: { status: 'exact' | 'moved' | 'fuzzy'; text: string; nth?: number } | { status: 'orphan' };
}

const CASES: Case[] = [
  {
    name: 'EN unchanged',
    old: EN,
    quote: 'the translational medicine unit',
    edit: (t) => t,
    expect: { status: 'exact', text: 'the translational medicine unit' },
  },
  {
    name: 'EN typo fixed inside the quote',
    old: EN,
    quote: 'carried this work through a difficult winter with remarkble patience',
    edit: (t) => t.replace('remarkble', 'remarkable'),
    expect: { status: 'fuzzy', text: 'carried this work through a difficult winter with remarkable patience' },
  },
  {
    name: 'EN words inserted right before the quote',
    old: EN,
    quote: 'the translational medicine unit',
    edit: (t) => t.replace('the staff of the translational', 'the staff and the many students of the translational'),
    expect: { status: 'moved', text: 'the translational medicine unit' },
  },
  {
    name: 'EN new paragraph at the top',
    old: EN,
    quote: 'delayed by six months',
    edit: (t) => 'Revised text, with corrections from the Secretary.\n\n' + t,
    expect: { status: 'moved', text: 'delayed by six months' },
  },
  {
    name: 'EN paragraph moved (quote inside it)',
    old: EN,
    quote: 'the decision to digitise our archive',
    edit: (t) => withParagraphs(t, (p) => [p[0]!, p[4]!, p[1]!, p[2]!, p[3]!, p[5]!]),
    expect: { status: 'moved', text: 'the decision to digitise our archive' },
  },
  {
    name: 'EN paragraph moved (quote is its first sentence, prefix all new)',
    old: EN,
    quote: 'Finally, let me say a word about the library.',
    edit: (t) => withParagraphs(t, (p) => [p[0]!, p[1]!, p[4]!, p[2]!, p[3]!, p[5]!]),
    expect: { status: 'moved', text: 'Finally, let me say a word about the library.' },
  },
  {
    name: 'EN paragraph deleted → orphan',
    old: EN,
    quote: 'delayed by six months',
    edit: (t) => withParagraphs(t, (p) => p.filter((_, i) => i !== 3)),
    expect: { status: 'orphan' },
  },
  ...[0, 1, 2].map(
    (nth): Case => ({
      name: `EN "the Council" #${nth} of 3, text inserted before all of them`,
      old: EN,
      quote: 'the Council',
      nth,
      edit: (t) => t.replace('Colleagues, friends', 'Colleagues, dear guests, friends'),
      expect: { status: 'moved', text: 'the Council', nth },
    }),
  ),
  {
    name: 'EN repeated quote, paragraphs swapped: context beats the nearer occurrence',
    old: EN,
    quote: 'the Council',
    nth: 2,
    edit: (t) => withParagraphs(t, (p) => [p[0]!, p[1]!, p[2]!, p[4]!, p[3]!, p[5]!]),
    expect: { status: 'moved', text: 'the Council', nth: 1 },
  },
  {
    name: 'EN repeated quote whose paragraph was deleted → orphan, not another occurrence',
    old: EN,
    quote: 'the Council',
    nth: 1,
    edit: (t) => withParagraphs(t, (p) => p.filter((_, i) => i !== 3)),
    expect: { status: 'orphan' },
  },
  {
    name: 'EN double space collapsed inside the quote',
    old: EN,
    quote: 'the year that has passed.  It was a year of consolidation',
    edit: (t) => t.replace('passed.  It', 'passed. It'),
    expect: { status: 'fuzzy', text: 'the year that has passed. It was a year of consolidation' },
  },
  {
    name: 'EN paragraph breaks become single newlines before the quote',
    old: EN,
    quote: 'the memory of the Institute',
    edit: (t) => t.replace(/\n\n/g, '\n'),
    expect: { status: 'moved', text: 'the memory of the Institute' },
  },
  {
    name: 'ZH institute name, second of three, sentence inserted before',
    old: ZH,
    quote: '广州生物医药与健康研究院',
    nth: 1,
    edit: (t) => t.replace('一年来，', '过去一年，在各方支持下，'),
    expect: { status: 'moved', text: '广州生物医药与健康研究院', nth: 1 },
  },
  {
    name: 'ZH figure corrected inside the quote',
    old: ZH,
    quote: '培养研究生二百四十名',
    edit: (t) => t.replace('二百四十名', '二百五十名'),
    expect: { status: 'fuzzy', text: '培养研究生二百五十名' },
  },
  {
    name: 'ZH punctuation changed next to the quote',
    old: ZH,
    quote: '联合培养机制',
    edit: (t) => t.replace('多所高校和医院建立了', '多所高校、医院共同建立'),
    expect: { status: 'moved', text: '联合培养机制' },
  },
  {
    name: 'ZH paragraph deleted → orphan',
    old: ZH,
    quote: '推动十余项技术进入临床前研究阶段',
    edit: (t) => withParagraphs(t, (p) => p.filter((_, i) => i !== 3)),
    expect: { status: 'orphan' },
  },
  {
    name: 'emoji inserted before a quote that starts after an emoji',
    old: EMOJI,
    quote: 'forty-two new students',
    edit: (t) => '🏛️ ' + t,
    expect: { status: 'moved', text: 'forty-two new students' },
  },
  {
    name: 'emoji with a skin tone added inside the quote',
    old: EMOJI,
    quote: 'Thanks 👍 to all the volunteers 🙌',
    edit: (t) => t.replace('👍', '👍🏽'),
    expect: { status: 'fuzzy', text: 'Thanks 👍🏽 to all the volunteers 🙌' },
  },
];

describe('anchoring fixtures', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const start = at(c.old, c.quote, c.nth);
      const target = describeRange(c.old, start, start + c.quote.length);
      const text = c.edit(c.old);
      const result = anchor(text, target);
      if (c.expect.status === 'orphan') {
        expect(result.status).toBe('orphan');
        return;
      }
      const s = at(text, c.expect.text, c.expect.nth);
      expect(result).toMatchObject({ status: c.expect.status, start: s, end: s + c.expect.text.length });
    });
  }

  it('anchorAll gives the same answers as anchor, one by one, for every case on one text', () => {
    const text = EN.replace('Colleagues, friends', 'Colleagues, dear guests, friends').replace('remarkble', 'remarkable');
    const quotes = ['the Council', 'the translational medicine unit', 'remarkble patience', 'the library'];
    const targets = quotes.flatMap((q) => {
      const found = [];
      for (let i = EN.indexOf(q); i >= 0; i = EN.indexOf(q, i + 1)) found.push(describeRange(EN, i, i + q.length));
      return found;
    });
    expect(targets).toHaveLength(3 + 1 + 1 + 1);
    const all = anchorAll(text, targets);
    // Scores differ slightly: anchorAll's shifted hint makes the position term 1.
    const placement = (r: AnchorResult) => (r.status === 'orphan' ? r.status : [r.status, r.start, r.end]);
    expect(all.map(placement)).toEqual(targets.map((t) => placement(anchor(text, t))));
    expect(all.map((r) => r.status)).toEqual(['moved', 'moved', 'moved', 'moved', 'fuzzy', 'moved']);
    expect(all.map((r) => (r.status === 'orphan' ? -1 : text.slice(r.start, r.end)))).toEqual([
      'the Council',
      'the Council',
      'the Council',
      'the translational medicine unit',
      'remarkable patience',
      'the library',
    ]);
    expect(all.slice(0, 3).map((r) => (r.status === 'orphan' ? -1 : r.start))).toEqual([0, 1, 2].map((n) => at(text, 'the Council', n)));
  });
});

/** Deterministic pseudo-random prose (mulberry32), so a 2 MB text has no long repeats. */
function generate(vocabulary: readonly string[], joiner: string, size: number, seed: number): string {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const paragraphs: string[] = [];
  let length = 0;
  while (length < size) {
    const words: string[] = [];
    const count = 60 + Math.floor(random() * 120);
    for (let i = 0; i < count; i++) words.push(vocabulary[Math.floor(random() * vocabulary.length)]!);
    const paragraph = words.join(joiner);
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

describe('2 MB documents', () => {
  const sources = {
    EN: generate([...new Set(EN.split(/\s+/))], ' ', 2_000_000, 1),
    ZH: generate([...new Set(ZH.replace(/\s/g, ''))], '', 2_000_000, 2),
  };

  for (const [lang, old] of Object.entries(sources)) {
    // A 60-code-unit quote in the second-to-last paragraph.
    const paragraphStart = old.lastIndexOf('\n\n', old.lastIndexOf('\n\n') - 1) + 2;
    const start = paragraphStart + 40;
    const target = describeRange(old, start, start + 60);
    // How fast these are is measured by npm run bench (pure.anchor_2mb_*), never here.
    const timed = (text: string) => ({ result: anchor(text, target) });

    it(`${lang}: ${old.length} code units, unchanged → exact`, () => {
      const { result } = timed(old);
      expect(result).toEqual({ status: 'exact', start, end: start + 60, score: 1 });
    });

    it(`${lang}: paragraph inserted at the top and a character changed in the quote → fuzzy`, () => {
      const header = 'Corrected edition, with the errata of the previous printing applied.\n\n';
      const text = header + old.slice(0, start + 30) + '#' + old.slice(start + 31);
      const { result } = timed(text);
      expect(result).toMatchObject({ status: 'fuzzy', start: start + header.length, end: start + header.length + 60 });
    });

    it(`${lang}: the quote's paragraph deleted → orphan`, () => {
      const paragraphEnd = old.indexOf('\n\n', start);
      const text = old.slice(0, paragraphStart) + old.slice(paragraphEnd + 2);
      const { result } = timed(text);
      expect(result.status).toBe('orphan');
    });

    it(`${lang}: paragraph moved from near the end to the top → moved`, () => {
      const paragraphEnd = old.indexOf('\n\n', start);
      const paragraph = old.slice(paragraphStart, paragraphEnd);
      const text = paragraph + '\n\n' + old.slice(0, paragraphStart) + old.slice(paragraphEnd + 2);
      const { result } = timed(text);
      expect(result).toMatchObject({ status: 'moved', start: 40, end: 100 });
    });
  }
});
