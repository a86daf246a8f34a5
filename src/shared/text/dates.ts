/**
 * Finds the date a document carries ("January 1, 2024", "1 January 2024", "2024-01-01",
 * "2024年1月1日"): addresses and notices put it at the top or under the signature, so
 * the head and tail of the text are searched first. Returns ISO YYYY-MM-DD.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?`;

const PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => [number, number, number] }[] = [
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, parts: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*,\\s*(\\d{4})\\b`, 'gi'), parts: (m) => [+m[3]!, month(m[1]!), +m[2]!] },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\s*,?\\s+(\\d{4})\\b`, 'gi'), parts: (m) => [+m[3]!, month(m[2]!), +m[1]!] },
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, parts: (m) => [+m[1]!, +m[2]!, +m[3]!] },
];

const EDGE = 1500;

export function findDocumentDate(text: string): string | undefined {
  // The signature date is the document's date more often than a date in the opening lines.
  return lastDate(text.slice(-EDGE)) ?? firstDate(text.slice(0, EDGE)) ?? firstDate(text.slice(EDGE, -EDGE));
}

/** Every date written in the text, with its span. */
export function findDocumentDates(text: string): { start: number; end: number; iso: string }[] {
  const found: { start: number; end: number; iso: string }[] = [];
  for (const { re, parts } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const iso = toIso(...parts(m));
      if (iso) found.push({ start: m.index, end: m.index + m[0].length, iso });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function firstDate(text: string): string | undefined {
  return findDocumentDates(text)[0]?.iso;
}

function lastDate(text: string): string | undefined {
  return findDocumentDates(text).at(-1)?.iso;
}

function month(name: string): number {
  const key = name.toLowerCase().replace('.', '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

function toIso(year: number, monthNumber: number, day: number): string | undefined {
  if (year < 1800 || year > 2200 || monthNumber < 1 || monthNumber > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, monthNumber - 1, day));
  if (date.getUTCDate() !== day) return undefined; // 31 February
  return `${year}-${String(monthNumber).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
