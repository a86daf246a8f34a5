import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashDoc } from '../search/crash-docs';
import { readIndexFile } from '../search/persist';
import { SearchIndex } from '../search/search-index';
import { useTempDirs } from '../test-support/temp-dir';
import { killChild } from './kill-child';

const tempDir = useTempDirs();
const CHILD = resolve(import.meta.dirname, 'positions-crash-child.ts');
const KILLS = 12;
/** Words of crashDoc's vocabulary, alone and as phrases (checked by positions). */
const QUERIES = ['w0xa', 'w1xb w2xc', '"w0xa w0xa"', '"w0xa w1xb"', '"w1xb w0xa w0xa"', '"w2xc w0xa"', 'w3xd -"w0xa w0xa"'];

const results = (index: SearchIndex) => Promise.all(QUERIES.map((q) => index.search(q, { limit: 1000 })));

describe('search index files under SIGKILL', () => {
  it(`opens the last saved index with every position right when the writer is killed between the positions file and search.bin (${KILLS} kills)`, async () => {
    const dir = await tempDir();
    let saves = 0;
    for (let i = 0; i < KILLS; i++) {
      saves += (await killChild(CHILD, dir, i + 1, (i * 53) % 400, 2)).length;
      // What was saved last, and the same documents indexed afresh: the answers must be the same.
      const saved = await readIndexFile(join(dir, 'index'), 'crash');
      expect(saved, `search.bin after kill ${i + 1}`).not.toBeNull();
      const loaded = await SearchIndex.open(join(dir, 'index'), async function* () {}, { getText: async () => '', fingerprint: () => 'crash' });
      expect(loaded.origin).toBe('loaded');
      const fresh = await SearchIndex.open(join(await tempDir(), 'index'), async function* () {
        for (const d of saved!.docs) yield crashDoc(d.id);
      }, { getText: async () => '' });
      expect(await results(loaded)).toEqual(await results(fresh));
      // One positions file: a rewrite's old one goes once search.bin names the new, an unnamed new one at the next save.
      expect((await readdir(join(dir, 'index'))).filter((n) => n.startsWith('positions-')).length).toBeLessThanOrEqual(2);
    }
    expect(saves).toBeGreaterThanOrEqual(KILLS * 2);
  }, 600_000);
});
