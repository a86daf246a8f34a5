import type { Random } from './random';
import { COMMON_WORDS, ZH_WORDS } from './text-generator';

/** A mixed query set: single words, AND, phrases, prefixes and Chinese, about evenly. */
export function makeQueries(random: Random, vocabulary: readonly string[], count = 240): string[] {
  const content = COMMON_WORDS.slice(40);
  const word = () => (random.next() < 0.6 ? random.pick(content) : vocabulary[random.zipf(400)]!);
  const kinds = [
    () => word(),
    () => `${word()} ${word()}`,
    () => `"${random.pick(['clinical trial', 'annual report', 'national science', 'public service', 'research development'])}"`,
    () => `${word().slice(0, 4)}*`,
    () => random.pick(ZH_WORDS),
    () => `${random.pick(ZH_WORDS)} ${random.pick(ZH_WORDS)}`,
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!());
}
