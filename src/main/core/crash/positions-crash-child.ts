/**
 * Crash child for positions-crash.test.ts: adds documents to a search index, removes some of
 * its own earlier ones, and saves, round after round, printing "saved N" once each save (the
 * positions file, then search.bin) is durable. Killed at random, so some kills land between
 * the positions file's append or rewrite and search.bin.
 */
import { join } from 'node:path';
import { SearchIndex } from '../search/search-index';
import { crashDoc } from '../search/crash-docs';

const [dir, seedText] = process.argv.slice(2);
const seed = Number(seedText);
const index = await SearchIndex.open(join(dir!, 'index'), async function* () {}, { getText: async () => '', fingerprint: () => 'crash' });
console.log('ready');
for (let round = 0; ; round++) {
  for (let k = 0; k < 30; k++) index.add(crashDoc(`s${seed}-${round}-${k}`));
  if (round > 0) for (let k = 0; k < 30; k += 2) index.remove(`s${seed}-${round - 1}-${k}`);
  await index.save();
  console.log(`saved ${round}`);
}
