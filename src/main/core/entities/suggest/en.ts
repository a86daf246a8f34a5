import type nlpType from 'compromise';
import { EN_PLACES } from './places';
import type { Candidate } from './types';

/**
 * English names: compromise's people, organisations and places (offline, rule-based),
 * plus a rule for organisations named by their kind ("... Co., Ltd.", "... University"),
 * which compromise often cuts short. Spans are tidied the way an annotator would tag them.
 */

/** compromise reads at most this much of a document (~30 ms per 1,000 words). */
export const NER_MAX_CHARS = 200_000;

const TITLES = /^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Madam|Dame|Lord|President|Vice[- ]President|Director|Deputy|Chairman|Chairwoman|Chair|Minister|Secretary|General|Manager|Mayor|Governor|Dean|Academician|Researcher|Senator|Judge|Captain)\.?\s+)+/;
/** Abbreviations whose period is part of the name ("Co., Ltd." keeps its final "."). */
const ABBREVIATIONS = /(?:^|[\s,])(?:Co|Ltd|Inc|Corp|Jr|Sr|Bros|Pty|Plc|Dept|Univ|Assn|No)$/;
const ORG_KINDS = [
  'Co\\.,?\\s?Ltd\\.', 'Co\\.', 'Ltd\\.', 'Inc\\.', 'Corp\\.', 'Corporation', 'Company', 'Holdings Limited', 'Limited', 'Group', 'University', 'Institutes', 'Institute',
  'Academy', 'Bank', 'Hospital', 'Committee', 'Bureau', 'Council', 'Commission', 'Association', 'Foundation', 'Centre', 'Center', 'Ministry', 'Department',
  'Administration', 'Agency', 'Office', 'Archives', 'Museum', 'Library', 'School', 'College', 'Government', 'Organization', 'Organisation', 'Society', 'Laboratory',
].join('|');
const CAP = "(?:[A-Z][\\w&'’-]*)";
// "Guangzhou Medical University", "University of Cambridge", "Bio-Thera Solutions Co., Ltd.",
// "Guangdong Provincial Department of Science and Technology", "Bureau of Culture, Radio,
// Television, Tourism and Sports": capitalised words, a word
// naming the kind, and an "of …" tail; the words stay on one line.
const ORG_RULE = new RegExp(`(?<![\\w-])(?:${CAP}[ \\t]+)*(?:${ORG_KINDS})(?![\\w-])(?:[ \\t]+(?:of|for)[ \\t]+(?:the[ \\t]+)?${CAP}(?:[ \\t]+(?:and[ \\t]+)?${CAP})*(?:(?:,[ \\t]+${CAP})+,?[ \\t]+and[ \\t]+${CAP})?)?`, 'g');
/** A legal form whose removal leaves the short name used elsewhere ("Bio-Thera Solutions"). */
const LEGAL_FORM = /[ \t,]+(?:Co\.,?\s?Ltd\.|Co\.|Ltd\.|Inc\.|Corp\.|Limited|Holdings Limited)$/;
const PINYIN_SURNAMES = new Set(
  'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Du Ye Cheng Su Wei Lu Ding Ren Shen Yao Cui Zhong Tan Fan Jin Shi Liao Jia Xia Fu Fang Bai Zou Meng Xiong Qin Qiu Yin Xue Yan Duan Lei Hou Long Tao Gu Mao Hao Gong Shao Wan Qian Dai Mo Kong Xiang Chang Wen Kang Niu Ge Xing Qi Qiao Pang Ni Zhuang Nie Zhai Ou Guan Lan Jiao Zuo Liu Gan Zhu Ning Shang Fu Ruan Ke Ji Mei Tong Ling Bi Shan Pei Huo Tu Miao Sheng Weng Ran Luo Ou-Yang Ouyang Situ Sima Zhuge Xi Xin Bao Yi Yue Mu Geng Lian Qu Rong Ai Bian Chai Dou Hua Kou Lou Mi Ning Shu Tai Zang'.split(' '),
);
const SYLLABLE = '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)(?:ng|n|r)?';
const PINYIN_GIVEN = new RegExp(`^(?:${SYLLABLE}){1,2}(?:-${SYLLABLE})?$`, 'i');
// "Zhou Chong", "Li Haifeng": a Chinese surname and a given name of one or two syllables.
const PINYIN_NAME = /\b([A-Z][a-z]+)(?=([ \t]+)([A-Z][a-z]+(?:-[a-z]+)?)\b)/g;
/** Words after an organisation's name that make the whole an event named for it ("Guangdong Archives Conference"). */
const EVENT = /^[ \t]+(?:Conference|Meeting|Exhibition|Symposium|Seminar|Forum|Ceremony|Festival|Fair|Expo|Award|Prize|Congress|Summit)\b/;
const PLACE_KINDS = 'District|County|Town|Township|Village|Subdistrict|Road|Street|Avenue|Lane|Province|Prefecture|Autonomous Region|Special Administrative Region|City|Bay|River|Lake|Island|Islands|Mountain|Mountains|Delta|Plain|Plateau';
// "Xiashan District", "Zhongshan Second Road", "Guangxi Zhuang Autonomous Region": capitalised words and a word naming the kind of place.
const PLACE_RULE = new RegExp(`(?<![\\w-])(?:${CAP}[ \\t]+){1,3}(?:${PLACE_KINDS})(?![\\w-])`, 'g');
/** A run with a word naming an organisation's kind is no place's name ("Guangzhou Archives Opens City", a headline). */
const ORG_KIND_WORD = new RegExp(`(?:^|[ \\t])(?:${ORG_KINDS})[ \\t]`);
const EN_PLACE_SET = new Set(EN_PLACES);
const PLACE_KIND_ALONE = new RegExp(`^(?:${PLACE_KINDS})$`);
const PLACE_KIND_END = new RegExp(`[ \\t](?:${PLACE_KINDS})$`);
// A place spelt in pinyin after a preposition ("in Zhanjiang", "history of Guangzhouwan"): a capitalised word of pinyin syllables, alone.
const PINYIN_PLACE = /\b(?:in|at|from|to|near|of|across|throughout|around)[ \t]+([A-Z][a-z]+(?:'[a-z]+)?)\b(?![ \t]+[A-Z]|[ \t]*\()/g;
// Real pinyin syllables (which initial takes which final), so English words rarely pass: Debian, Origin and Service do not.
const FINALS = 'uang|ang|eng|ong|uai|uan|ai|ei|ao|ou|an|en|ua|uo|ui|un|a|e|u';
const PINYIN_SYLLABLE = [
  `[jqx](?:iang|iong|ian|iao|ing|ia|ie|in|iu|i|uan|ue|un|u)`,
  `(?:[bpmdtnl])(?:iang|ian|iao|ing|ie|in|iu|i|${FINALS}|o)`,
  `(?:zh|ch|sh|[zcsr])(?:i|${FINALS})`,
  `[gkhf](?:${FINALS})`,
  `y(?:ang|ing|ong|uan|ao|ou|an|in|ue|un|a|e|i|u|o)`,
  `w(?:ang|eng|ai|ei|an|en|a|o|u)`,
].join('|');
const PINYIN_WORD = new RegExp(`^(?:ang|eng|ai|ei|ao|ou|an|en|er|a|o|e)?(?:${PINYIN_SYLLABLE}){1,3}$`, 'i');
const GAZETTEER = new RegExp(`(?<![\\w-])(?:${[...EN_PLACES].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.'()]/g, '\\$&')).join('|')})(?![\\w-])`, 'g');
const LEADING = /^(?:The|A|An|At|In|On|From|By|To|With|For|And|Of)\s+/;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/g;
const HAS_CJK = new RegExp(CJK.source);

/**
 * What compromise should read, at the same offsets: Chinese characters become spaces, and
 * in a mostly Chinese text so do Latin runs without a capital letter (commands, file
 * names): compromise costs per word, and names are capitalised.
 */
export function latinOnly(text: string): string {
  const han = text.match(CJK)?.length ?? 0;
  const blanked = han ? text.replace(CJK, ' ') : text;
  if (han * 2 < text.length) return blanked;
  return blanked.replace(LATIN_RUN, (run) => (/[A-Z]/.test(run) ? run : ' '.repeat(run.length)));
}

/** A run of Latin text between blanked Chinese (two spaces or more) or line breaks. */
const LATIN_RUN = /[^\s][^\n]*?(?=\s{2,}|\n|$)/g;

type Nlp = typeof nlpType;
interface Found {
  label: string;
  start: number;
  length: number;
}

function readNames(nlp: Nlp, text: string): Found[] {
  const doc = nlp(text);
  const groups: [string, { json: (o: object) => unknown }][] = [
    ['PERSON', doc.people()],
    ['ORG', doc.organizations()],
    ['LOCATION', doc.places()],
  ];
  return groups.flatMap(([label, view]) =>
    (view.json({ offset: true }) as { offset?: { start: number; length: number } }[]).flatMap((m) => (m.offset ? [{ label, start: m.offset.start, length: m.offset.length }] : [])),
  );
}

/**
 * compromise's people, organisations and places, as offsets into `sample`. In a text with
 * Chinese the Latin runs stand alone between Chinese words (a name never spans one) and the
 * same ones come back again and again (Debian, GNU/Linux): compromise reads each distinct
 * run with a capital letter once (~0.5 ms a word on this machine), and what it finds in a
 * run is found at every place the run occurs.
 */
function compromiseSpans(nlp: Nlp, sample: string, runsAlone: boolean): Found[] {
  if (!runsAlone) return readNames(nlp, sample);
  const occurrences = new Map<string, number[]>();
  for (const m of sample.matchAll(LATIN_RUN)) {
    if (!/[A-Z]/.test(m[0])) continue; // a name starts with a capital: a run without one holds none
    const at = occurrences.get(m[0]);
    if (at) at.push(m.index);
    else occurrences.set(m[0], [m.index]);
  }
  const runs = [...occurrences.keys()];
  const starts: number[] = [];
  let compact = '';
  for (const run of runs) {
    starts.push(compact.length);
    compact += `${run}\n\n`;
  }
  const out: Found[] = [];
  for (const found of readNames(nlp, compact)) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= found.start) lo = mid;
      else hi = mid - 1;
    }
    const run = runs[lo]!;
    const offset = found.start - starts[lo]!;
    if (offset + found.length > run.length) continue; // across two runs
    for (const at of occurrences.get(run)!) out.push({ ...found, start: at + offset });
  }
  return out;
}

/** Trims what an annotator would leave out: titles and articles before, punctuation and 's after. */
export function tidy(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  const phrase = () => text.slice(s, e);
  for (let again = true; again; ) {
    again = false;
    const lead = TITLES.exec(phrase()) ?? LEADING.exec(phrase());
    if (lead && lead[0].length < e - s) {
      s += lead[0].length;
      again = true;
    }
  }
  while (e > s && /[\s.,;:!?"“”'‘’)(\][/-]/.test(text[e - 1]!)) e--;
  while (s < e && /[\s"“”'‘’([]/.test(text[s]!)) s++;
  if (/['’]s$/.test(phrase())) e -= 2;
  if (text[e] === '.' && ABBREVIATIONS.test(phrase())) e++;
  return e - s >= 2 ? { start: s, end: e } : null;
}

export async function englishNames(text: string, labels: ReadonlySet<string>): Promise<Candidate[]> {
  if (!/[A-Za-z]{2}/.test(text)) return [];
  // compromise costs ~0.2 s to load: only when someone asks for suggestions.
  const { default: nlp } = await import('compromise');
  // Chinese characters become spaces (same length, so offsets hold): compromise reads only the Latin.
  const sample = latinOnly(text.slice(0, NER_MAX_CHARS));
  const out: Candidate[] = [];
  const push = (start: number, end: number, label: string, source: Candidate['source']) => {
    if (!labels.has(label)) return;
    const span = tidy(sample, start, end);
    // compromise reads blanked Chinese as spaces: a span across them is no name.
    // A kind of place alone ("City", "Road") names none.
    if (span && label === 'LOCATION' && PLACE_KIND_ALONE.test(sample.slice(span.start, span.end))) return;
    if (span && /[A-Z]/.test(sample[span.start]!) && !/\s{2}|\n/.test(sample.slice(span.start, span.end)) && !HAS_CJK.test(text.slice(span.start, span.end))) out.push({ ...span, label, source });
  };
  const shortNames = new Set<string>();
  for (const m of sample.matchAll(ORG_RULE)) {
    // A kind alone ("University", "Office") is no name: it needs a word before it or an "of" after it.
    if (!/\s/.test(m[0].trim()) || EVENT.test(sample.slice(m.index + m[0].length, m.index + m[0].length + 20))) continue;
    push(m.index, m.index + m[0].length, 'ORG', 'rule');
    const short = m[0].replace(LEGAL_FORM, '');
    if (short !== m[0] && short.includes(' ')) shortNames.add(short.replace(/^(?:The|the)\s+/, ''));
  }
  for (const name of shortNames) {
    for (let at = sample.indexOf(name); at >= 0; at = sample.indexOf(name, at + 1)) {
      if (!/[\w-]/.test(sample[at + name.length] ?? '') && !/[\w-]/.test(sample[at - 1] ?? '')) push(at, at + name.length, 'ORG', 'rule');
    }
  }
  for (const m of sample.matchAll(PINYIN_NAME)) {
    if (PINYIN_SURNAMES.has(m[1]!) && PINYIN_GIVEN.test(m[3]!)) push(m.index, m.index + m[1]!.length + m[2]!.length + m[3]!.length, 'PERSON', 'rule');
  }
  // "Guangzhou Institutes of Biomedicine and Health (GIBH)": the abbreviation in brackets names the same organisation.
  for (const m of sample.matchAll(/\(([A-Z][A-Za-z&]{1,9})\)/g)) {
    if (out.some((c) => c.label === 'ORG' && c.end === m.index - 1)) push(m.index + 1, m.index + 1 + m[1]!.length, 'ORG', 'rule');
  }
  for (const m of sample.matchAll(PLACE_RULE)) {
    // "The City", "This District": a kind with an article or a determiner before it names no place.
    if (!/^(?:The|A|An|This|That|These|Those|Each|Every|Our|Its|Their|His|Her|Any|No|One)[ \t]+\S+$/.test(m[0]) && !ORG_KIND_WORD.test(m[0])) push(m.index, m.index + m[0].length, 'LOCATION', 'rule');
  }
  for (const m of sample.matchAll(GAZETTEER)) {
    // "Xi Jinping", "Li Heping": a place's name after a Chinese surname is a given name.
    const before = /([A-Z][a-z]+)[ \t]+$/.exec(sample.slice(Math.max(0, m.index - 12), m.index));
    if (!before || !PINYIN_SURNAMES.has(before[1]!)) push(m.index, m.index + m[0].length, 'LOCATION', 'rule');
  }
  for (const m of sample.matchAll(PINYIN_PLACE)) {
    const word = m[1]!.replace("'", '');
    const start = m.index + m[0].length - m[1]!.length;
    if (word.length >= 5 && PINYIN_WORD.test(word) && !PINYIN_SURNAMES.has(m[1]!)) push(start, start + m[1]!.length, 'LOCATION', 'rule');
  }
  for (const { label, start, length } of compromiseSpans(nlp, sample, HAS_CJK.test(text))) {
    if (label === 'ORG' && EVENT.test(` ${/\S+[.,]?$/.exec(sample.slice(start, start + length).trim())?.[0].replace(/[.,]$/, '') ?? ''}`)) continue; // an event, not its organiser
    // "Kuching, Malaysia": a place and the country or province it is in, two places.
    const comma = label === 'LOCATION' ? /, ([A-Z][\w' ]+?)[.,]?$/.exec(sample.slice(start, start + length)) : null;
    if (comma && EN_PLACE_SET.has(comma[1]!)) {
      push(start, start + comma.index, label, 'compromise');
      push(start + comma.index + 2, start + comma.index + 2 + comma[1]!.length, label, 'compromise');
      continue;
    }
    const of = label === 'LOCATION' ? / of (?:the )?/.exec(sample.slice(start, start + length)) : null;
    // "Songkou Town of Meixian District": two places, the first named by its kind.
    if (of && PLACE_KIND_END.test(sample.slice(start, start + of.index))) {
      push(start, start + of.index, label, 'compromise');
      push(start + of.index + of[0].length, start + length, label, 'compromise');
    } else push(start, start + length, label, 'compromise');
  }
  return [...out, ...coordinatedPlaces(sample, out)];
}

/** "Shenzhen, Zhuhai and Foshan": a capitalised word listed beside a place is a place too. */
function coordinatedPlaces(text: string, found: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const places = found.filter((c) => c.label === 'LOCATION');
  const isFound = (start: number, end: number) => found.some((c) => c.start < end && start < c.end);
  for (const p of places) {
    const after = /^(?:,[ \t]*|[ \t]+(?:and|or)[ \t]+|,[ \t]+(?:and|or)[ \t]+)([A-Z][a-z]+)\b/.exec(text.slice(p.end, p.end + 40));
    if (after) {
      const start = p.end + after[0].length - after[1]!.length;
      if (!isFound(start, start + after[1]!.length)) out.push({ start, end: start + after[1]!.length, label: 'LOCATION', source: 'rule' });
    }
    const before = /\b([A-Z][a-z]+)(?:,[ \t]*|[ \t]+(?:and|or)[ \t]+|,[ \t]+(?:and|or)[ \t]+)$/.exec(text.slice(Math.max(0, p.start - 40), p.start));
    if (before) {
      const start = p.start - before[0].length;
      if (!isFound(start, start + before[1]!.length)) out.push({ start, end: start + before[1]!.length, label: 'LOCATION', source: 'rule' });
    }
  }
  return out;
}
