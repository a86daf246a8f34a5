import { findDocumentDates } from '../../../../shared/text/dates';
import type { Candidate } from './types';

/**
 * Dates, amounts of money and percentages, in English and in Chinese, by pattern: these
 * are written in few enough ways that rules beat any model we could ship.
 */

const ZH_NUM = '[〇零一二三四五六七八九十两]';
const ZH_DATE = new RegExp(
  `(?:\\d{4}|${ZH_NUM}{4})\\s*年(?:\\s*(?:\\d{1,2}|${ZH_NUM}{1,3})\\s*月(?:\\s*(?:\\d{1,2}|${ZH_NUM}{1,3})\\s*[日号])?)?(?:度|上半年|下半年|年底|年初)?` +
    `|(?<![\\d年])(?:\\d{1,2}|${ZH_NUM}{1,3})\\s*月\\s*(?:\\d{1,2}|${ZH_NUM}{1,3})\\s*[日号]`,
  'g',
);
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
// Month and year ("March 2023"); full dates come from shared/text/dates.
const EN_MONTH_YEAR = new RegExp(`\\b(?:${MONTHS})\\s+\\d{4}\\b`, 'g');

// A year on its own ("in 2023"), not a count or an amount ("2023 papers" is rare; "2,023", "2023.5", "2023%" are not years).
const YEAR = /(?<![\d,.$€£¥-])\b(?:19|20)\d{2}\b(?![\d%]|[.,]\d|\s*(?:年|yuan|dollars|million|billion|percent|per cent))/g;

const SCALE = '(?:thousand|million|billion|trillion)';
const MONEY_PATTERNS = [
  // "$2,000", "RMB 3.5 billion", "US$ 12 million"
  new RegExp(`(?:US\\$|HK\\$|\\$|€|£|¥|\\bRMB|\\bCNY|\\bUSD|\\bHKD|\\bEUR)\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s?${SCALE})?`, 'gi'),
  // "117.8 billion yuan", "20,000 dollars"
  new RegExp(`\\b\\d[\\d,]*(?:\\.\\d+)?(?:\\s?${SCALE})?\\s?(?:yuan|dollars|euros|pounds|RMB|renminbi)\\b`, 'gi'),
  // "117.8亿元", "20万元", "人民币3000元", "5000万美元"
  new RegExp(`(?:人民币|港币)?\\d[\\d,，]*(?:\\.\\d+)?\\s*(?:万亿|亿|万|千)?\\s*(?:元|美元|港元|欧元|英镑|日元)`, 'g'),
  new RegExp(`(?<!${ZH_NUM})${ZH_NUM}[〇零一二三四五六七八九十百千两]*(?:万亿|亿|万)?(?:元|美元)`, 'g'),
];
const PERCENT = /\d+(?:\.\d+)?\s?%|百分之[零〇一二三四五六七八九十百点]+|\b\d+(?:\.\d+)?\s?(?:percent|per cent)\b/gi;

export function patternCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  const add = (re: RegExp, label: string) => {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].trimEnd().length, label, source: 'rule' });
  };
  add(ZH_DATE, 'DATE');
  add(EN_MONTH_YEAR, 'DATE');
  add(YEAR, 'DATE');
  for (const d of findDocumentDates(text)) out.push({ start: d.start, end: d.end, label: 'DATE', source: 'rule' });
  for (const re of MONEY_PATTERNS) add(re, 'MONEY');
  add(PERCENT, 'PERCENT');
  return out;
}
