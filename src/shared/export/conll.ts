import { labelToken, areaNotice, orphanNotice, placedMentions } from './annotations';
import { FileNames } from './file-names';
import { flattenMentions } from './mention-overlap';
import type { Block } from '../model';
import type { ExportDocument, Exporter } from './types';

/**
 * CoNLL IOB2, one <name>.conll per document: `token<TAB>tag`, a blank line between
 * sentences. Sentences are Intl.Segmenter 'sentence' segments within each block (a
 * sentence never spans two blocks); a mention that crosses a sentence or block boundary
 * joins those sentences, so no entity is ever cut in two. Tokens are Intl.Segmenter 'word'
 * segments (ICU's dictionary break for Chinese, as the search tokenizer uses), split
 * again at every mention boundary so that tags align with the marked text exactly.
 * Overlapping mentions: see mention-overlap.ts. Highlights are not entities: not exported.
 */
export const conllExporter: Exporter = {
  format: 'conll',
  description: 'CoNLL IOB2: token<TAB>tag per line, one .conll per document',
  begin() {
    const names = new FileNames();
    const notices: string[] = [];
    return {
      notices,
      add(doc) {
        const { content, dropped } = renderConll(doc);
        const orphans = orphanNotice(doc.meta.title, doc.annotations.filter((a) => a.kind === 'entity'));
        if (orphans) notices.push(orphans);
        const areas = areaNotice(doc.meta.title, doc.annotations, 'CoNLL');
        if (areas) notices.push(areas);
        if (dropped) notices.push(`${doc.meta.title}: ${dropped} nested or overlapping mention(s) left out (CoNLL holds one tag per token; the longest was kept).`);
        return [{ path: `${names.take(doc.meta.title, ['.conll'])}.conll`, content }];
      },
      finish: () => [],
    };
  },
};

// Python's str.split() (NLTK reads columns with it) also splits on these: never inside a token.
// eslint-disable-next-line no-control-regex -- Python's separators include these controls
const SPACE = /[\s\x1c-\x1f\x85]+/u;
const MAX_SEGMENT = 4000;
let sentenceSegmenter: Intl.Segmenter | undefined;
let wordSegmenter: Intl.Segmenter | undefined;

interface Span {
  start: number;
  end: number;
}

/**
 * Documents rebuilt from a CoNLL file at import are named `<file>.conll.txt`: their text is
 * one sentence per line, tokens joined by one space, and they go back out with exactly those
 * sentences and tokens (so a CoNLL corpus round-trips row for row).
 */
export const CONLL_SOURCE_SUFFIX = '.conll.txt';

export function renderConll(doc: ExportDocument): { content: string; dropped: number } {
  const { kept, dropped } = flattenMentions(placedMentions(doc.annotations));
  const fromConll = doc.meta.sourceName.endsWith(CONLL_SOURCE_SUFFIX);
  const sentences = fromConll ? lineSpans(doc.text) : joinAcross(sentenceSpans(doc), kept.map((m) => m.target));
  const cuts = new Set<number>(kept.flatMap((m) => [m.target.start, m.target.end]));
  const out: string[] = ['-DOCSTART-\tO', ''];
  let m = 0;
  for (const sentence of sentences) {
    const rows: string[] = [];
    for (const token of fromConll ? spaceTokens(doc.text, sentence) : tokens(doc.text, sentence, cuts)) {
      while (m < kept.length && kept[m]!.target.end <= token.start) m++;
      const mention = kept[m];
      const inside = mention && mention.target.start <= token.start && token.end <= mention.target.end;
      const tag = inside ? `${token.start === mention.target.start || !rows.length ? 'B' : 'I'}-${labelToken(mention.label!)}` : 'O';
      rows.push(`${doc.text.slice(token.start, token.end)}\t${tag}`);
    }
    if (rows.length) out.push(...rows, '');
  }
  return { content: `${out.join('\n')}\n`, dropped: dropped.length };
}

/**
 * The tokens CoNLL writes for a text, split again at `cuts`: agreement (shared/agreement)
 * labels exactly these, so its token counts are the CoNLL export's.
 */
export function conllTokens(doc: { text: string; blocks: readonly Block[] }, cuts: ReadonlySet<number>): Span[] {
  const out: Span[] = [];
  for (const sentence of sentenceSpans(doc)) for (const token of tokens(doc.text, sentence, cuts)) out.push(token);
  return out;
}

function lineSpans(text: string): Span[] {
  return [...text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function* spaceTokens(text: string, sentence: Span): Generator<Span> {
  for (const m of text.slice(sentence.start, sentence.end).matchAll(/[^ ]+/g)) yield { start: sentence.start + m.index, end: sentence.start + m.index + m[0].length };
}

/** Sentence spans within blocks (or paragraphs when a document has no blocks). */
function sentenceSpans(doc: { text: string; blocks: readonly Block[] }): Span[] {
  const blocks: readonly Span[] = doc.blocks.length ? doc.blocks : paragraphs(doc.text);
  sentenceSegmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const out: Span[] = [];
  for (const block of blocks) {
    // The segmenter slows down sharply on long strings (segment.ts): feed it slices.
    for (let from = block.start; from < block.end; ) {
      const to = safeEnd(doc.text, Math.min(block.end, from + MAX_SEGMENT));
      for (const { index, segment } of sentenceSegmenter.segment(doc.text.slice(from, to))) {
        out.push({ start: from + index, end: from + index + segment.length });
      }
      from = to;
    }
  }
  return out;
}

function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  for (const match of text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g)) out.push({ start: match.index, end: match.index + match[0].length });
  return out;
}

/** A slice end that does not split a surrogate pair. */
function safeEnd(text: string, end: number): number {
  const c = text.charCodeAt(end - 1);
  return end < text.length && c >= 0xd800 && c <= 0xdbff ? end - 1 : end;
}

/** Merges consecutive sentences that one mention spans; text between blocks joins with them. */
function joinAcross(sentences: Span[], mentions: Span[]): Span[] {
  const out: Span[] = [];
  let m = 0;
  for (const s of sentences) {
    const last = out[out.length - 1];
    while (m < mentions.length && mentions[m]!.end <= s.start) m++;
    const crossing = last && mentions[m] && mentions[m]!.start < last.end && mentions[m]!.end > s.start;
    if (crossing) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

function* tokens(text: string, sentence: Span, cuts: ReadonlySet<number>): Generator<Span> {
  wordSegmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  for (const { index, segment } of wordSegmenter.segment(text.slice(sentence.start, sentence.end))) {
    let at = sentence.start + index;
    for (const piece of segment.split(SPACE)) {
      const pos = text.indexOf(piece, at);
      if (piece) yield* cutAt(pos, pos + piece.length, cuts);
      at = pos + piece.length;
    }
  }
}

function* cutAt(start: number, end: number, cuts: ReadonlySet<number>): Generator<Span> {
  let from = start;
  for (let i = start + 1; i < end; i++) {
    if (cuts.has(i)) {
      yield { start: from, end: i };
      from = i;
    }
  }
  yield { start: from, end };
}
