import type { Random } from './random';

/** Institutional vocabulary first (frequent), then generated words (the long tail). */
const COMMON = (
  'the of and to in a is that for on with as by at from this be are was it an have has which will our their its ' +
  'institute research development policy national science technology health biomedicine drug clinical trial ' +
  'committee congress province city government report annual year plan innovation talent industry hospital ' +
  'university academy cooperation international project funding budget million billion yuan approval ' +
  'regulation standard quality safety public service education training students staff laboratory platform ' +
  'strategy reform economy growth investment enterprise market product patient treatment disease vaccine ' +
  'cancer cell gene therapy data digital network security environment energy carbon climate water'
).split(' ');

const NAMES = ['Guangzhou', 'Shenzhen', 'Beijing', 'Shanghai', 'Wilkins', 'Duan', 'Chen', 'Zhang', 'Wang', 'GIBH', 'CAS', 'WHO', 'NMPA'];

export const ZH_WORDS = (
  '研究 发展 创新 科技 国家 政策 生物 医药 健康 研究院 广州 深圳 北京 人才 项目 合作 国际 临床 试验 药物 疫苗 ' +
  '医院 大学 学院 实验室 平台 产业 经济 投资 企业 市场 患者 治疗 疾病 细胞 基因 数据 安全 环境 能源 教育 ' +
  '培训 学生 员工 预算 资金 批准 标准 质量 服务 改革 战略 年度 报告 计划 委员会 人民 代表大会 城市 省份'
).split(' ');

export const COMMON_WORDS = COMMON;

/** A tail vocabulary of pronounceable made-up words, the same for a given seed. */
export function makeVocabulary(random: Random, size = 20_000): string[] {
  const syllables = ['ba', 'ce', 'di', 'fo', 'gu', 'ha', 'ke', 'li', 'mo', 'nu', 'pa', 're', 'si', 'to', 'vu', 'xa', 'ze', 'tra', 'pro', 'gen', 'bio', 'med', 'lon', 'ter'];
  const words = new Set<string>();
  while (words.size < size) words.add(Array.from({ length: 2 + random.int(3) }, () => random.pick(syllables)).join(''));
  return [...words];
}

function englishWord(random: Random, vocabulary: string[]): string {
  const r = random.next();
  if (r < 0.55) return COMMON[random.zipf(COMMON.length)]!;
  if (r < 0.58) return random.pick(NAMES);
  return vocabulary[random.zipf(vocabulary.length)]!;
}

export function englishParagraph(random: Random, vocabulary: string[], words: number): string {
  const out: string[] = [];
  let sentence: string[] = [];
  for (let i = 0; i < words; i++) {
    sentence.push(englishWord(random, vocabulary));
    if (sentence.length > 8 + random.int(16)) {
      const s = sentence.join(' ');
      out.push(s[0]!.toUpperCase() + s.slice(1) + '.');
      sentence = [];
    }
  }
  if (sentence.length) out.push(sentence.join(' ') + '.');
  return out.join(' ');
}

export function chineseParagraph(random: Random, chars: number): string {
  let out = '';
  let sinceStop = 0;
  while (out.length < chars) {
    out += ZH_WORDS[random.zipf(ZH_WORDS.length)];
    if (++sinceStop > 6 + random.int(10)) {
      out += random.next() < 0.8 ? '，' : '。';
      sinceStop = 0;
    }
  }
  return `${out}。`;
}

/** A document of about `bytes` UTF-8 bytes: a title and paragraphs. */
export function makeDocument(random: Random, vocabulary: string[], bytes: number, chinese: boolean): { title: string; paragraphs: string[] } {
  const title = chinese ? chineseParagraph(random, 8 + random.int(10)).replace(/[，。]/g, '') : englishParagraph(random, vocabulary, 6 + random.int(6)).replace(/\.$/, '');
  const paragraphs: string[] = [];
  let size = Buffer.byteLength(title);
  while (size < bytes) {
    const p = chinese ? chineseParagraph(random, 60 + random.int(200)) : englishParagraph(random, vocabulary, 40 + random.int(120));
    paragraphs.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  return { title, paragraphs };
}
