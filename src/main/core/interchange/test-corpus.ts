/**
 * A small annotated corpus the tests write, with what breaks naive offsets: CRLF line ends,
 * no final newline, trailing spaces, blank lines, combining marks, emoji (astral and ZWJ
 * sequences), Chinese. Spans are given by their text, so the offsets are computed, not typed.
 */
export const NEWS =
  'Luis Pérez visitó Madrid.  \r\nAme\u0301lie 😀 trabaja en la ONU\r\n\r\n\r\n北京大学的王小明去了上海。 trailing   \r\n  Last line, no newline: Zoë 👩\u200d👩\u200d👧 met Ajax';

export const ZH = '广州生物医药与健康研究院与中国科学院合作。\n𠀀字在前，😀表情在后，北京市科学技术委员会发布政策。';

/** Code-point offsets of the `nth` occurrence of `quote` in `text`. */
export function span(text: string, quote: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`no ${quote}`);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...quote].length };
}

export interface SpanSpec {
  label: string;
  quote: string;
}

export const NEWS_SPANS: SpanSpec[] = [
  { label: 'PER', quote: 'Luis Pérez' },
  { label: 'LOC', quote: 'Madrid' },
  { label: 'PER', quote: 'Ame\u0301lie' },
  { label: 'ORG', quote: 'ONU' },
  { label: 'ORG', quote: '北京大学' },
  { label: 'PER', quote: '王小明' },
  { label: 'LOC', quote: '上海' },
  { label: 'PER', quote: 'Zoë' },
  { label: 'ORG', quote: 'Ajax' },
];

/** brat T lines (ids in text order, as the exporter numbers them) and R lines for spans of `text`. */
export function bratLines(text: string, spans: readonly SpanSpec[], relations: readonly [number, number, string][] = []): string[] {
  const placed = spans.map((s) => ({ ...s, ...span(text, s.quote) })).sort((a, b) => a.start - b.start || a.end - b.end);
  const id = (s: SpanSpec) => `T${placed.findIndex((p) => p.quote === s.quote && p.label === s.label) + 1}`;
  return [
    ...placed.map((p, i) => `T${i + 1}\t${p.label} ${p.start} ${p.end}\t${p.quote}`),
    ...relations.map(([from, to, type], i) => `R${i + 1}\t${type} Arg1:${id(spans[from]!)} Arg2:${id(spans[to]!)}`),
  ];
}
