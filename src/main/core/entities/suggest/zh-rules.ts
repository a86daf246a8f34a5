import type { Candidate, TaggedWord } from './types';
import { ZH_PLACES, ZH_PLACES_WITH_SUFFIX } from './places';
import { ADMIN_SUFFIXES, GENERIC_AREA_PREFIXES, GENERIC_AREAS, PLACE_SUFFIX_WORDS, GENERIC_PLACES, NAME_TRAILERS, NOUN_TAGS, ORG_STOPWORDS, ORG_SUFFIXES, PLACE_SUFFIXES, SPEECH, SURNAMES, THING_ENDINGS, TITLES, FUNCTION_STARTS } from './zh-names';

/**
 * Person, organisation and place names in Chinese, from jieba's words and POS tags plus
 * rules where jieba alone falls short: names its HMM found come out tagged `x`, not `nr`,
 * and organisations come out in pieces (北京市/ns 档案局/n), so runs are joined here.
 * Source 'jieba' when a tag alone says it, 'rule' when a rule made the span.
 */

const HAN = /^\p{Script=Han}+$/u;
/** Word classes that may stand inside an organisation's name (verbs only inside: 联合创新中心). */
const ORG_INNER = new Set(['n', 'nz', 'ns', 'nt', 'nrt', 'j', 'vn', 'v', 'b', 'a', 'an', 'l', 'i', 'eng', 'x', 'ng', 'nr', 'f', 's', 'm']);
const MAX_ORG_CHARS = 24;
const PERSON_TAGS = new Set(['nr', 'nrfg', 'nrt']);
/** Tags a one-character surname never has when it is a surname (和/c, 与/p, 都/d). */
const NOT_SURNAME_TAGS = new Set(['c', 'p', 'u', 'uj', 'ul', 'd', 'r', 'v', 'm', 'q']);
const WEAK_SUFFIXES = ORG_SUFFIXES.filter((s) => s.length === 1);
const CONJUNCTIONS = new Set(['与', '和']);
const PLAIN = new Set(['n', 'vn', 'a', 'an']);
const NAME_TAGS = new Set(['ns', 'nt', 'nz', 'x', 'j', 'nr', 'nrt', 'eng']);

const isHan = (w: TaggedWord) => HAN.test(w.word);

/** A surname (one or two characters) starts the word and 1–2 characters follow it. */
export function looksLikeName(word: string): boolean {
  if (!HAN.test(word) || word.length < 2 || word.length > 4) return false;
  if (word.length === 2 && NAME_TRAILERS.has(word[1]!)) return false; // 包是, 时须
  if (word.length <= 3 && SURNAMES.has(word[0]!)) return true;
  return word.length >= 3 && SURNAMES.has(word.slice(0, 2));
}

/** Last characters of the organisation suffixes: most words end otherwise, and are answered by one look-up. */
const ORG_LAST = new Set(ORG_SUFFIXES.map((s) => s.at(-1)!));

function isOrgHead(w: TaggedWord): boolean {
  if (w.tag === 'nt' && w.word.length >= 4) return true;
  if (!ORG_LAST.has(w.word.at(-1)!)) return false;
  return ORG_SUFFIXES.some((s) => w.word.endsWith(s) && (s.length > 1 || NOUN_TAGS.has(w.tag)));
}

/** A word a person's name could be: tagged as one or unknown (HMM, tagged x), and shaped like one. */
function isPersonWord(w: TaggedWord): boolean {
  if (!isHan(w)) return false;
  return (PERSON_TAGS.has(w.tag) || w.tag === 'x') && looksLikeName(w.word);
}

/**
 * jieba's dictionary tags many common words nr (许可, 许可证, 应邀出席): a dictionary word
 * counts as a name when it has three characters and does not end like a thing, or when
 * the text confirms it somewhere (a title or role beside it, a verb of speech after it).
 * Names its HMM found (tagged x) are new words shaped like names: those count.
 */
function confirmedNames(words: readonly TaggedWord[]): Set<string> {
  const names = new Set<string>();
  words.forEach((w, i) => {
    if (!isPersonWord(w)) return;
    const before = words[i - 1]?.word ?? '';
    const after = words[i + 1]?.word ?? '';
    if (w.tag === 'x' || TITLES.has(before) || TITLES.has(after) || SPEECH.has(after)) names.add(w.word);
    else if (w.word.length === 3 && w.tag === 'nr' && !THING_ENDINGS.has(w.word[2]!)) names.add(w.word);
  });
  return names;
}

/**
 * Splits what jieba glued: an organisation's one-character suffix and a title after it
 * (局局长 = 局 + 局长) or a function word (局在 = 局 + 在), and a verb after a name its HMM
 * found (周冲作 = 周冲 + 作).
 */
export function splitGlued(words: readonly TaggedWord[]): TaggedWord[] {
  const out: TaggedWord[] = [];
  for (const w of words) {
    const rest = w.word.slice(1);
    if (w.word.length >= 3 && WEAK_SUFFIXES.includes(w.word[0]!) && TITLES.has(rest)) {
      out.push({ word: w.word[0]!, tag: 'n', start: w.start, end: w.start + 1 }, { word: rest, tag: 'n', start: w.start + 1, end: w.end });
    } else if (w.tag === 'x' && w.word.length === 2 && WEAK_SUFFIXES.includes(w.word[0]!) && NAME_TRAILERS.has(w.word[1]!)) {
      // 侨务/n 局在/x: jieba's HMM glued an organisation's suffix to the word after it.
      out.push({ word: w.word[0]!, tag: 'n', start: w.start, end: w.start + 1 }, { word: w.word[1]!, tag: 'p', start: w.start + 1, end: w.end });
    } else if (w.tag === 'x' && w.word.length === 3 && NAME_TRAILERS.has(w.word[2]!) && looksLikeName(w.word.slice(0, 2))) {
      out.push({ word: w.word.slice(0, 2), tag: 'x', start: w.start, end: w.end - 1 }, { word: w.word[2]!, tag: 'v', start: w.end - 1, end: w.end });
    } else out.push(w);
  }
  return out;
}

function orgRuns(words: readonly TaggedWord[]): Candidate[] {
  const found: Candidate[] = [];
  let floor = words.length; // words at or after this index are already in an organisation
  for (let i = words.length - 1; i >= 0; i--) {
    if (i >= floor || !isOrgHead(words[i]!)) continue;
    let first = i;
    for (let j = i - 1; j >= 0; j--) {
      const w = words[j]!;
      const next = words[j + 1]!;
      if (w.end !== next.start) break; // a space or a line break ends the name
      if (words[i]!.end - w.start > MAX_ORG_CHARS) break;
      if (CONJUNCTIONS.has(w.word)) {
        // 广州生物医药与健康研究院: a conjunction between two common words belongs to the name,
        // not one between two names (研究院与百奥泰…, 团队与香港大学).
        const prev = words[j - 1];
        if (prev && prev.end === w.start && PLAIN.has(prev.tag) && PLAIN.has(next.tag) && !isOrgHead(prev)) {
          first = j;
          continue;
        }
        break;
      }
      if (ORG_STOPWORDS.has(w.word) || TITLES.has(w.word) || !ORG_INNER.has(w.tag) || isPersonWord(w)) break;
      if (w.tag === 'x' && (!isHan(w) || FUNCTION_STARTS.has(w.word[0]!))) break; // punctuation, 有经
      if (w.tag === 'v' && w.word.length < 2) break;
      if (w.tag === 'm' && !/^第/.test(w.word)) break; // ordinals (第一人民医院), not amounts
      if (isOrgHead(w) && next.tag === 'v') break; // 华南理工大学 | 共建…中心
      first = j;
    }
    while (first < i && words[first]!.tag === 'v') first++; // verbs only inside a name
    const head = words[i]!;
    const run = words.slice(first, i + 1);
    // A name needs a word that names something (a place, an organisation, an unknown word):
    // 北京市档案局 and 百奥泰生物制药股份有限公司 are names; 公共技术服务中心 and 项目和公司 are not.
    const named = run.some((w) => NAME_TAGS.has(w.tag) && (w !== head || w.tag === 'nt'));
    if (head.end - words[first]!.start >= 3 && named) {
      found.push({ start: words[first]!.start, end: head.end, label: 'ORG', source: run.length === 1 && head.tag === 'nt' ? 'jieba' : 'rule' });
      floor = first;
    }
  }
  return found;
}

/** The longest name in the gazetteer with its suffix (印度尼西亚 + nothing, 呼和浩特 + 市). */
const MAX_PLACE_CHARS = 6;

/** A word naming one administrative area by its suffix: 赤坎区, 越秀区 (not 开发区, 县级市). */
function isAdminArea(word: string): boolean {
  if (word.length < 3 || word.length > 5 || !ADMIN_SUFFIXES.includes(word.at(-1)!)) return false;
  const stem = word.slice(0, -1);
  return ZH_PLACES.has(stem) || ZH_PLACES_WITH_SUFFIX.has(stem) || (!GENERIC_AREA_PREFIXES.has(stem) && !GENERIC_AREA_PREFIXES.has(stem.slice(-2)) && !FUNCTION_STARTS.has(stem[0]!));
}

/**
 * Places the gazetteer knows become one word tagged ns, whether jieba split them (从/化),
 * took them for an unknown word (从化/x) or a name (越秀/nr, 徐闻县/nr); only where its words
 * begin and end (从化学 is 从 + 化学 and stays so). A word ending in an administrative
 * suffix is tagged ns too (赤坎区/n).
 */
export function markPlaces(words: readonly TaggedWord[]): TaggedWord[] {
  const out: TaggedWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let merged: TaggedWord | undefined;
    let last = i;
    let joined = '';
    for (let j = i; j < Math.min(words.length, i + 3); j++) {
      if (j > i && words[j]!.start !== words[j - 1]!.end) break;
      joined += words[j]!.word;
      if (joined.length > MAX_PLACE_CHARS) break;
      const stem = ADMIN_SUFFIXES.includes(joined.at(-1)!) ? joined.slice(0, -1) : '';
      if (ZH_PLACES.has(joined) || ZH_PLACES.has(stem) || ZH_PLACES_WITH_SUFFIX.has(stem)) {
        merged = { word: joined, tag: 'ns', start: w.start, end: words[j]!.end };
        last = j;
      }
    }
    if (merged) {
      out.push(merged);
      i = last;
    } else if (w.tag !== 'ns' && isHan(w) && isAdminArea(w.word)) out.push({ ...w, tag: 'ns' });
    else out.push(w);
  }
  return out;
}

/**
 * A three-character name jieba cut after its second character, between a title and a verb
 * of speech or a pause: 研究员 冯子/x 龙/n 说, 主任 梁子/x 豪/n 指出, 副教授 叶嘉/x 明说/v (the 说 glued
 * to the last character). Answers where the name ends and the last word it used.
 */
function cutName(words: readonly TaggedWord[], i: number): { end: number; last: number } | null {
  const w = words[i]!;
  const prev = words[i - 1];
  const next = words[i + 1];
  if (!prev || !TITLES.has(prev.word) || prev.end !== w.start || w.word.length !== 2 || !(w.tag === 'x' || PERSON_TAGS.has(w.tag)) || !looksLikeName(w.word)) return null;
  if (!next || next.start !== w.end || !isHan(next) || NAME_TRAILERS.has(next.word[0]!)) return null;
  const after = words[i + 2];
  const pause = !after || !isHan(after) || SPEECH.has(after.word);
  if (next.word.length === 1 && pause && !PLACE_SUFFIX_WORDS.has(next.word)) return { end: next.end, last: i + 1 };
  if (next.word.length === 2 && SPEECH.has(next.word[1]!) && (!after || !isHan(after))) return { end: next.start + 1, last: i + 1 };
  return null;
}

/** Words after which a town's name may begin (走访了横沥镇, 到道滘镇). */
const BEFORE_PLACE = new Set([...'了在到从和与及至赴往经对向']);
const TOWN_SUFFIXES = new Set(['镇', '乡', '村']);
const NAME_PIECE_TAGS = new Set(['x', 'zg', 'ns', 'nr', 'ng', 'n', 'nz', 'j']);

/**
 * Towns and villages jieba does not know come out in pieces (道/q 滘/zg 镇/n, 寮/zg 步镇/x,
 * 高/a 埗/zg 镇/n): three or four characters ending in 镇, 乡 or 村, standing alone between
 * punctuation or a list's 和 (or after 到, 在, 了…), are one place. The last word must be the
 * suffix or an unknown or place word ending in it (not 乡村, 农村, common words).
 */
export function joinTowns(words: readonly TaggedWord[]): TaggedWord[] {
  const out = [...words];
  for (let k = out.length - 1; k >= 0; k--) {
    const last = out[k]!;
    if (!TOWN_SUFFIXES.has(last.word.at(-1)!) || !isHan(last) || last.word.length > 2) continue;
    if (last.word.length === 2 && !['x', 'ns', 'nr', 'zg'].includes(last.tag)) continue;
    let first = k;
    let chars = last.word.length;
    let found = -1;
    while (first > 0 && out[first - 1]!.end === out[first]!.start && isHan(out[first - 1]!) && chars + out[first - 1]!.word.length <= 4) {
      first--;
      chars += out[first]!.word.length;
      const before = out[first - 1];
      const bounded = !before || before.end !== out[first]!.start || !isHan(before) || BEFORE_PLACE.has(before.word) || before.word.endsWith('了');
      if (chars >= 3 && bounded && out[first]!.tag !== 'v') found = first;
    }
    if (found < 0 || (found === k - 1 && out[found]!.tag === 'ns' && last.word.length === 1)) continue; // 松口 + 镇 is joined later, as a place and its suffix
    // 乡 and 村 end many common phrases (望乡, 归村, 一夜乡): their names must be made of name-like words.
    if (last.word.at(-1) !== '镇' && out.slice(found, k).some((x) => !NAME_PIECE_TAGS.has(x.tag))) continue;
    const merged = { word: out.slice(found, k + 1).map((x) => x.word).join(''), tag: 'ns', start: out[found]!.start, end: last.end };
    out.splice(found, k + 1 - found, merged);
    k = found;
  }
  return out;
}

/** Candidates for PERSON, ORG and LOCATION over the tagged words of a text. */
export function chineseNames(tagged: readonly TaggedWord[]): Candidate[] {
  const words = joinTowns(markPlaces(splitGlued(tagged)));
  const orgs = orgRuns(words);
  // orgRuns found them right to left: sorted by start, a pointer answers "inside one?" in one pass.
  const sorted = [...orgs].sort((a, b) => a.start - b.start);
  let k = 0;
  const inOrg = (w: TaggedWord) => {
    while (k < sorted.length && sorted[k]!.end <= w.start) k++;
    return k < sorted.length && w.start >= sorted[k]!.start && w.end <= sorted[k]!.end;
  };
  const out: Candidate[] = [...orgs];
  const names = confirmedNames(words);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (inOrg(w) || !isHan(w)) continue;
    const prev = words[i - 1];
    const place = w.tag === 'ns' && !GENERIC_PLACES.has(w.word);
    const cut = cutName(words, i);
    if (cut) {
      out.push({ start: w.start, end: cut.end, label: 'PERSON', source: 'rule' });
      i = cut.last;
    } else if (isPersonWord(w) && names.has(w.word)) {
      out.push({ start: w.start, end: w.end, label: 'PERSON', source: PERSON_TAGS.has(w.tag) ? 'jieba' : 'rule' });
    } else if (w.word.length === 1 && SURNAMES.has(w.word) && (!NOT_SURNAME_TAGS.has(w.tag) || (w.tag === 'r' && prev !== undefined && TITLES.has(prev.word))) && i + 1 < words.length) {
      // 何 is also "what" (tagged r): a surname only right after a title (研究员何美玲).
      // 郑 + 欣然, 周 + 冲: a surname split off a given name jieba did not know, after a role or before a title.
      const given = words[i + 1]!;
      const after = words[i + 2];
      const confirmed = (prev !== undefined && TITLES.has(prev.word)) || (after !== undefined && TITLES.has(after.word)) || given.tag === 'x' || given.tag === 'nr';
      if (given.start === w.end && isHan(given) && given.word.length <= 2 && confirmed) {
        out.push({ start: w.start, end: given.end, label: 'PERSON', source: 'rule' });
        i++;
      } else if (place) out.push({ start: w.start, end: w.end, label: 'LOCATION', source: 'jieba' });
    } else if (place) {
      // 广州市天河区, 广州 + 科学城: adjacent place words, and a word ending like a place after one, are one place.
      let j = i;
      for (;;) {
        const n = words[j + 1];
        if (!n || n.start !== words[j]!.end || inOrg(n) || !isHan(n)) break;
        const road = (x: TaggedWord | undefined) => x !== undefined && /^(?:[一二三四五六七八九十东南西北中]?路|街|大道|大街)$/.test(x.word);
        // A road after an area is a place of its own (赤坎区 | 中山二路).
        if (n.tag === 'ns' && road(words[j + 2]) && words[j + 2]!.start === words[j + 1]!.end) break;
        if (GENERIC_AREAS.has(n.word)) break;
        if ((n.tag === 'ns' && !GENERIC_PLACES.has(n.word)) || PLACE_SUFFIXES.some((s) => n.word.endsWith(s) && n.word.length > s.length)) j++;
        else if (words[j]!.tag === 'ns' && !PLACE_SUFFIX_WORDS.has(words[j]!.word) && (PLACE_SUFFIX_WORDS.has(n.word) || road(n))) j++; // 梅县 + 区, 中山 + 二路
        else break;
      }
      out.push({ start: w.start, end: words[j]!.end, label: 'LOCATION', source: j === i ? 'jieba' : 'rule' });
      i = j;
    } else if (w.tag === 'x' && w.word.length >= 3 && PLACE_SUFFIXES.some((s) => w.word.endsWith(s))) {
      out.push({ start: w.start, end: w.end, label: 'LOCATION', source: 'rule' });
    } else if ((w.tag === 'x' || w.tag === 'nr' || w.tag === 'nz') && w.word.length >= 2 && !names.has(w.word) && !FUNCTION_STARTS.has(w.word[0]!) && !/^[这那该此各每]/.test(w.word) && words[i + 1]?.start === w.end && PLACE_SUFFIX_WORDS.has(words[i + 1]!.word) && !inOrg(words[i + 1]!)) {
      // 大良/x + 街道, 华盖/nr + 路: an unknown word or a name before a place's suffix is the place's own name.
      out.push({ start: w.start, end: words[i + 1]!.end, label: 'LOCATION', source: 'rule' });
      i++;
    }
  }
  return out;
}
