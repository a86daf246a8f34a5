import { createRequire } from 'node:module';
import type { TaggedWord } from './types';

/**
 * jieba (@node-rs/jieba: Rust, prebuilt N-API per platform, its dictionary in the
 * package) segments and tags Chinese here in the core, never in the renderer. One
 * instance per process: loading the dictionary costs ~0.2 s. Registry names are added to
 * its dictionary so they come out as one word with the right tag.
 */

interface JiebaInstance {
  tag(sentence: string, hmm?: boolean): { word: string; tag: string }[];
  loadDict(dict: Uint8Array): void;
}

const TAG_OF_LABEL: Record<string, string> = { PERSON: 'nr', ORG: 'nt', LOCATION: 'ns' };
const HAN = /\p{Script=Han}/u;

let instance: JiebaInstance | undefined;
const known = new Set<string>();

function jieba(): JiebaInstance {
  if (!instance) {
    // CommonJS package with a native addon: loaded through require, outside the bundle.
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): JiebaInstance } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    instance = Jieba.withDict(dict);
  }
  return instance;
}

/** Loads the dictionary now (~0.3 s, blocking), so the first suggestions do not wait for it. */
export function loadJieba(): void {
  jieba();
}

/** Adds names (with the label they carry) to the dictionary; words already added are skipped. */
export function addWords(names: readonly { name: string; label: string }[]): void {
  const lines: string[] = [];
  for (const { name, label } of names) {
    const word = name.trim();
    // jieba's dictionary format is "word freq tag" separated by spaces: names with spaces cannot go in.
    if (!HAN.test(word) || /\s/.test(word) || known.has(word)) continue;
    known.add(word);
    lines.push(`${word} 100000 ${TAG_OF_LABEL[label] ?? 'nz'}`);
  }
  if (lines.length) {
    jieba().loadDict(new TextEncoder().encode(`${lines.join('\n')}\n`));
    generation++;
  }
}

let generation = 0;

/** Changes whenever words are added to the dictionary: segmentations made before may differ now. */
export const dictionaryGeneration = () => generation;

/** Words and tags with their offsets; only lines with Han characters go through jieba. */
export function tagWords(text: string): TaggedWord[] {
  const out: TaggedWord[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    if (HAN.test(line)) {
      let at = lineStart;
      for (const { word, tag } of jieba().tag(line, true)) {
        // jieba returns the words of the line in order and without loss; indexOf guards the offsets anyway.
        const start = text.startsWith(word, at) ? at : text.indexOf(word, at);
        if (start < 0) break;
        out.push({ word, tag, start, end: start + word.length });
        at = start + word.length;
      }
    }
    lineStart += line.length + 1;
  }
  return out;
}
