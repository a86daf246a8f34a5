import search from 'approx-string-match';
import { RE2JS } from 're2js';
import { MAX_PATTERN, type Rule, type RuleField } from '../model/rules';
import { foldCjk, foldWord, scanUnits } from '../text/tokenize';

/**
 * Matching one filing rule against one document. Pure: the core runs it on every import and
 * over the library for a preview.
 *
 * Bounds, so that no rule can freeze the app whatever the user typed or the archive holds:
 * - rules read at most MATCH_CHARS characters of a text (the opening of a report is where
 *   its kind shows);
 * - regular expressions run on RE2JS, a port of RE2: matching time is linear in the text for
 *   every pattern, so there is no catastrophic backtracking to detect. Look-arounds and
 *   back-references, which need backtracking, are refused with a clear message;
 * - fuzzy matching is Myers' bit-parallel search with a capped error budget.
 */
export const MATCH_CHARS = 200_000;
/** a fuzzy pattern may differ from the text by one edit per this many characters */
const FUZZY_CHARS_PER_ERROR = 5;

export interface RuleInput {
  text: string;
  title: string;
  /** the file's name, without folders */
  filename: string;
}

export class RuleError extends Error {}

export type Matcher = (input: RuleInput) => boolean;

let zhWords: Intl.Segmenter | undefined;

/** Words of a pattern: folded Latin words, and Chinese runs cut into words by Intl.Segmenter. */
export function patternWords(pattern: string): string[] {
  const words: string[] = [];
  scanUnits(pattern, (term, _start, _end, cjk) => {
    if (!cjk) return void words.push(term);
    zhWords ??= new Intl.Segmenter('zh', { granularity: 'word' });
    for (const part of zhWords.segment(term)) if (part.isWordLike) words.push(part.segment);
  });
  return [...new Set(words)];
}

/** The folded words of a text, and its CJK runs joined, so that a Chinese word is found wherever the text holds it. */
function textUnits(text: string): { words: Set<string>; cjk: string } {
  const words = new Set<string>();
  const cjk: string[] = [];
  // Chinese PDF text breaks words at line ends (俱乐\n部): runs across a line break are rejoined.
  scanUnits(text.replace(/([\p{Script=Han}])\s*\n\s*(?=\p{Script=Han})/gu, '$1'), (term, _s, _e, isCjk) => (isCjk ? cjk.push(term) : words.add(term)));
  return { words, cjk: cjk.join('\u0000') };
}

const isCjkWord = (word: string) => /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u.test(word);

/** Case, width and spacing folded: what phrase and fuzzy matching compare. */
export function foldForPhrase(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1')
    .trim();
}

function fieldOf(input: RuleInput, field: RuleField): string {
  const value = field === 'text' ? input.text : field === 'title' ? input.title : input.filename;
  return value.length > MATCH_CHARS ? value.slice(0, MATCH_CHARS) : value;
}

// Several rules read the same document: its folded forms are computed once per input.
const memo = new WeakMap<RuleInput, Map<string, unknown>>();
function cached<T>(input: RuleInput, key: string, make: () => T): T {
  let forInput = memo.get(input);
  if (!forInput) memo.set(input, (forInput = new Map()));
  if (!forInput.has(key)) forInput.set(key, make());
  return forInput.get(key) as T;
}
const unitsOf = (input: RuleInput, field: RuleField) => cached(input, `units:${field}`, () => textUnits(fieldOf(input, field)));
const foldedOf = (input: RuleInput, field: RuleField) => cached(input, `folded:${field}`, () => foldForPhrase(fieldOf(input, field)));

/** Compiles a rule's pattern, or throws RuleError saying what is wrong with it. */
export function compileRule(rule: Pick<Rule, 'name' | 'field' | 'mode' | 'pattern'>): Matcher {
  const pattern = rule.pattern.trim();
  const named = `Rule "${rule.name}"`;
  if (!pattern) throw new RuleError(`${named}: the pattern is empty.`);
  if (pattern.length > MAX_PATTERN) throw new RuleError(`${named}: the pattern is longer than ${MAX_PATTERN} characters.`);
  switch (rule.mode) {
    case 'any':
    case 'all': {
      const words = patternWords(pattern);
      if (words.length === 0) throw new RuleError(`${named}: the pattern has no words (letters, digits or Chinese characters).`);
      const every = rule.mode === 'all';
      return (input) => {
        const units = unitsOf(input, rule.field);
        const has = (word: string) => (isCjkWord(word) ? units.cjk.includes(foldCjk(word)) : units.words.has(foldWord(word)));
        return every ? words.every(has) : words.some(has);
      };
    }
    case 'phrase': {
      const phrase = foldForPhrase(pattern);
      return (input) => foldedOf(input, rule.field).includes(phrase);
    }
    case 'fuzzy': {
      const needle = foldForPhrase(pattern);
      const maxErrors = Math.floor(needle.length / FUZZY_CHARS_PER_ERROR);
      return (input) => {
        const hay = foldedOf(input, rule.field);
        if (maxErrors === 0) return hay.includes(needle);
        return search(hay, needle, maxErrors).length > 0;
      };
    }
    case 'regex': {
      let re: RE2JS;
      try {
        // Checked as written first, so that the error quotes the user's pattern (the flag adds a prefix).
        RE2JS.compile(pattern);
        re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
      } catch (error) {
        const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
        const hint = /unsupported Perl syntax|invalid escape sequence: `\\\d/.test(reason)
          ? ' Regular expressions run in linear time (RE2 syntax): look-arounds and back-references are not supported.'
          : '';
        throw new RuleError(`${named}: the regular expression is not valid: ${reason}.${hint}`);
      }
      return (input) => re.matcher(fieldOf(input, rule.field)).find();
    }
  }
}

/** What the enabled rules that match give a document: tags and collections from all, the date from the first with one. */
export interface RuleEffect {
  rules: string[];
  tags: string[];
  collections: string[];
  date?: string;
}

export function applyRules(rules: readonly { rule: Rule; match: Matcher }[], input: RuleInput): RuleEffect {
  const effect: RuleEffect = { rules: [], tags: [], collections: [] };
  for (const { rule, match } of rules) {
    if (!rule.enabled || !match(input)) continue;
    effect.rules.push(rule.name);
    for (const tag of rule.tags) if (!effect.tags.includes(tag)) effect.tags.push(tag);
    for (const name of rule.collections) if (!effect.collections.includes(name)) effect.collections.push(name);
    if (rule.date && !effect.date) effect.date = rule.date;
  }
  return effect;
}
