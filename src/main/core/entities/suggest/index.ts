import type { Annotation, Entity, Suggestion } from '../../../../shared/model';
import { foldName } from '../../../../shared/text/words';
import { englishNames } from './en';
import { addWords, dictionaryGeneration, loadJieba, tagWords } from './jieba';
import { patternCandidates } from './patterns';
import { knownNames } from './registry';
import type { Candidate } from './types';
import { chineseNames } from './zh-rules';

export type { Suggestion } from '../../../../shared/model';
export { NER_MAX_CHARS } from './en';

const HAN = /\p{Script=Han}/u;

/**
 * Suggestions for a document, in layers that say where each came from: the registry
 * (names and aliases the archive knows), learned (strings the user already tagged here),
 * then rules (dates, money, percentages; Chinese organisation runs and names), jieba's
 * tags, and compromise for English. An earlier layer wins a span; within a layer the
 * longer span wins. Never over an existing mention, never one the user rejected.
 */
export async function suggest(
  text: string,
  annotations: readonly Annotation[],
  entities: readonly Entity[],
  labels: readonly string[],
  rejected: readonly string[],
): Promise<Suggestion[]> {
  const wanted = new Set(labels);
  const han = HAN.test(text);
  // Registry names go into jieba's dictionary first: they change how the text is segmented.
  if (han) addWords(entities.flatMap((e) => [e.name, ...e.aliases].map((name) => ({ name, label: e.label }))));
  const layers: Candidate[][] = [knownNames(text, entities, annotations), ...(await textLayers(text, han))];

  const refused = new Set(rejected);
  // One flag per UTF-16 unit: "is it taken?" costs the span's length, not the number of spans.
  const taken = new Uint8Array(text.length);
  const free = (s: { start: number; end: number }) => taken.subarray(s.start, s.end).every((f) => f === 0);
  const take = (s: { start: number; end: number }) => taken.fill(1, s.start, s.end);
  for (const a of annotations) if (a.kind === 'entity' && !a.orphan) take(a.target);
  const chosen: Suggestion[] = [];
  for (const c of layers.flat()) {
    if (!wanted.has(c.label) || c.end <= c.start || !free(c)) continue;
    const s: Suggestion = { ...c, text: text.slice(c.start, c.end) };
    if (refused.has(rejectionKey(s.label, s.text))) continue;
    take(s);
    chosen.push(s);
  }
  return chosen.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The layers that depend on the text alone (patterns, jieba and the Chinese rules,
 * compromise), kept for the last few texts: suggesting again on the same version of a
 * document (after each accepted or rejected suggestion, or pressing s again) costs only
 * the registry's pass and the merge. A text segmented before words were added to jieba's
 * dictionary is segmented again.
 */
const cached = new Map<string, { generation: number; layers: Candidate[][] }>();
const CACHED_TEXTS = 3;
const ALL_NAMES = new Set(['PERSON', 'ORG', 'LOCATION']);

async function textLayers(text: string, han: boolean): Promise<Candidate[][]> {
  const generation = han ? dictionaryGeneration() : 0;
  const hit = cached.get(text);
  if (hit && hit.generation === generation) {
    cached.delete(text); // most recently used last
    cached.set(text, hit);
    return hit.layers;
  }
  const layers = [byLength(patternCandidates(text))];
  if (han) layers.push(byLength(chineseNames(tagWords(text))));
  layers.push(byLength(await englishNames(text, ALL_NAMES)));
  cached.delete(text);
  cached.set(text, { generation, layers });
  while (cached.size > CACHED_TEXTS) cached.delete(cached.keys().next().value!);
  return layers;
}

let warming: Promise<void> | null = null;

/**
 * Loads what suggesting needs (compromise ~1 s, jieba's dictionary ~0.3 s) once, in the
 * background, when a document is opened: pressing s then answers without that wait.
 */
export function warmUpSuggestions(): Promise<void> {
  warming ??= (async () => {
    await import('compromise');
    await new Promise((resolve) => setTimeout(resolve, 0));
    loadJieba();
  })().catch(() => {
    warming = null; // a failed warm-up is retried by the real call, which reports its error
  });
  return warming;
}

/**
 * The reader waits ~0.5 s for its first screen: the warm-up holds this thread ~0.7 s
 * (compromise's modules, jieba's dictionary), and run at once the document's own answer and
 * the reader's other calls queued behind it (a 2 MB document's cold open, bench/RESULTS.md).
 */
const WARM_UP_DELAY_MS = 1500;
let scheduled = false;

/** warmUpSuggestions once the document just asked for has been answered and painted. */
export function warmUpSuggestionsSoon(): void {
  if (warming || scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    void warmUpSuggestions();
  }, WARM_UP_DELAY_MS).unref(); // the CLI's process does not stay for it
}

const byLength = (cs: Candidate[]) => cs.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);

/** Rejections are remembered by label and name, so the same name is not offered again in the document. */
export const rejectionKey = (label: string, text: string) => `${label}|${foldName(text)}`;
