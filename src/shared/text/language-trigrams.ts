/**
 * franc's language guess (franc-min 6.2.0: its scripts' expressions and its trigram
 * models, imported from the package), computed the same way but without its allocations:
 * `franc(value, { minLength, only })` gives the same language for every text (the test
 * holds the two side by side). Why not franc itself: in an import it was ~0.45 ms of CPU
 * per document (issue #19; a fifth of a parse worker's time), most of it in trigram-utils
 * building each sample's trigrams as an array filled from its end (a sparse, slow array),
 * counting them in an object, and sorting them; and franc turns every language's model
 * into an object at load, 80 of them where we ask for ten.
 *
 * What franc does, and so what this does: the sample is cut to 2,048 UTF-16 units; its
 * script is the expression matching the most characters (the first on a tie); a script
 * with one language answers that language; otherwise the sample is cleaned (ASCII
 * punctuation and digits to spaces, whitespace collapsed, trimmed, lower-cased), its
 * trigrams counted, and each allowed language of the script scored by the sum over the
 * distinct trigrams of |count − rank in the model − 1| (300 for a trigram the model lacks).
 * The lowest score wins, the first in franc's data order on a tie (its sort is stable).
 * The sum does not depend on the order of the trigrams, so they are not sorted.
 */
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';

const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;
const UNDETERMINED = 'und';

/**
 * A trigram (three UTF-16 units, as n-gram cuts them) as one exact number: no string per
 * trigram. Three units below U+0400 (ASCII, Latin, Greek: nearly every trigram franc scores)
 * pack into 30 bits, a small integer that V8 keeps unboxed and hashes cheaply; any other
 * trigram is 2^30 plus its 48-bit number (a heap number, still exact), so no two collide.
 * Both maps of a guess (the sample's counts, the models' ranks) were ~half a parse worker's
 * guessLanguage time with every key a heap number (issue #19).
 */
const SMALL_KEYS = 2 ** 30;
const keyOf = (text: string, i: number): number => {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  const c = text.charCodeAt(i + 2);
  return (a | b | c) < 0x400 ? (a << 20) | (b << 10) | c : SMALL_KEYS + (a * 65536 + b) * 65536 + c;
};

/** The models of a script's languages asked about: per trigram, its rank in each language's model (-1: absent). */
interface Models {
  languages: string[];
  ranks: Map<number, Int32Array>;
}
const modelsBy = new Map<string, Models>();

function modelsOf(script: string, languages: string[]): Models {
  const key = `${script}/${languages.join(',')}`;
  let models = modelsBy.get(key);
  if (models) return models;
  const ranks = new Map<number, Int32Array>();
  languages.forEach((language, j) => {
    const trigrams = data[script]![language]!.split('|');
    // As franc: from the last rank to the first, so a trigram listed twice keeps its first rank.
    for (let rank = trigrams.length - 1; rank >= 0; rank--) {
      const trigram = trigrams[rank]!;
      if (trigram.length !== 3) continue; // never equal to a sample's trigram
      const k = keyOf(trigram, 0);
      let row = ranks.get(k);
      if (!row) ranks.set(k, (row = new Int32Array(languages.length).fill(-1)));
      row[j] = rank;
    }
  });
  models = { languages, ranks };
  modelsBy.set(key, models);
  return models;
}

/** franc's `clean` (trigram-utils) with the spaces its trigrams are padded with. */
function cleaned(value: string): string {
  return ` ${value
    .replace(/[\u0021-\u0040]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()} `;
}

/** How many times each trigram occurs. */
function trigramCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i + 3 <= text.length; i++) {
    const k = keyOf(text, i);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Matches of a global expression, as `value.match(expression).length`. */
function occurrences(value: string, expression: RegExp): number {
  return value.match(expression)?.length ?? 0;
}

/** The language franc-min would name for `value` among `only` (ISO 639-3; empty: any), or 'und'. */
export function guessLanguage(value: string, only: readonly string[], minLength = 10): string {
  const allows = (language: string) => only.length === 0 || only.includes(language);
  if (!value || value.length < minLength) return UNDETERMINED;
  const sample = value.slice(0, MAX_LENGTH);
  let topScript: string | undefined;
  let topCount = -1;
  for (const script of Object.keys(expressions)) {
    const count = occurrences(sample, expressions[script]!);
    if (count > topCount) {
      topCount = count;
      topScript = script;
    }
  }
  if (topScript === undefined) return UNDETERMINED;
  const languages = data[topScript];
  if (!languages) return topCount === 0 || !allows(topScript) ? UNDETERMINED : topScript;
  const allowed = Object.keys(languages).filter(allows);
  if (allowed.length === 0) return UNDETERMINED;
  const { ranks } = modelsOf(topScript, allowed);
  const distances = new Float64Array(allowed.length);
  let absent = 0;
  for (const [k, count] of trigramCounts(cleaned(sample))) {
    const row = ranks.get(k);
    if (!row) {
      absent++;
      continue;
    }
    for (let j = 0; j < row.length; j++) {
      const rank = row[j]!;
      distances[j]! += rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1);
    }
  }
  let best = UNDETERMINED;
  let bestDistance = Infinity;
  allowed.forEach((language, j) => {
    const distance = distances[j]! + absent * MAX_DIFFERENCE;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = language;
    }
  });
  return best;
}
