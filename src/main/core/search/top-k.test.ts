import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../shared/search/query';
import { useTempDirs } from '../test-support/temp-dir';
import { allCandidates, bestIndices, byRank, CandidateChecker, findCandidates } from './execute';
import { InvertedIndex } from './postings';
import { kthLargest } from './rank-select';
import { openWith } from './test-docs';
import type { IndexableDoc } from './types';

const tempDir = useTempDirs();
const CORPUS = join(import.meta.dirname, '../../../../../../shared/corpus');
const corpusDir = [CORPUS, '/work/shared/corpus'].find((d) => {
  try {
    return readdirSync(join(d, 'txt')).length > 0;
  } catch {
    return false;
  }
});

/**
 * Real texts (the shared corpus: English and Chinese), cut into documents of a few
 * paragraphs, some twice under another id so that equal scores must be ordered by id.
 */
let cached: IndexableDoc[] | undefined;
function corpusDocs(): IndexableDoc[] {
  if (cached) return cached;
  const docs: IndexableDoc[] = (cached = []);
  for (const sub of ['txt', 'md']) {
    for (const name of readdirSync(join(corpusDir!, sub)).sort()) {
      const paragraphs = readFileSync(join(corpusDir!, sub, name), 'utf8').split(/\n\s*\n/).filter((p) => p.trim());
      for (let i = 0; i < paragraphs.length && docs.length < 400; i += 3) {
        const text = paragraphs.slice(i, i + 3).join('\n\n');
        const doc = { id: `${name}-${i}`, title: paragraphs[i]!.slice(0, 60), text, meta: { type: 'txt', language: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en' } };
        docs.push(doc);
        if (i % 7 === 0) docs.push({ ...doc, id: `${name}-${i}-copy` });
      }
    }
  }
  return docs;
}

const QUERIES = ['the', 'debian', 'software', 'free software', 'the of', 'deb*', 's*', 'a*', '"free software"', '"the project"', 'debian -free', 'software OR license', '的', '中国', '李白', '山 月', '"明月"', 'developers maintainers'];

let built: InvertedIndex | undefined;
/** The corpus in an index of its own (built once), for the exhaustive order. */
function innerIndex(): InvertedIndex {
  if (built) return built;
  built = new InvertedIndex();
  for (const d of corpusDocs()) built.add(d);
  built.compact();
  return built;
}

/** Every candidate scored and sorted: what the top-k selection must agree with. */
function exhaustive(index: InvertedIndex, query: string): { num: number; score: number }[] {
  const checker = new CandidateChecker(index);
  return allCandidates(findCandidates(index, parseQuery(query), undefined, checker))
    .filter((c) => checker.passes(c))
    .sort(byRank(index));
}

describe.skipIf(!corpusDir)('top-k ranking on real texts', () => {
  it('gives the first page exactly as scoring and sorting every match does, at every page size and offset', async () => {
    const docs = corpusDocs();
    expect(docs.length).toBeGreaterThan(100);
    const { index } = await openWith(await tempDir(), docs);
    const inner = innerIndex();
    let compared = 0;
    for (const query of QUERIES) {
      const all = exhaustive(inner, query).map((c) => ({ id: inner.docs[c.num]!.id, score: c.score }));
      for (const [offset, limit] of [[0, 1], [0, 10], [0, 20], [5, 20], [0, 1000]] as const) {
        const result = await index.search(query, { offset, limit });
        expect(result.total, query).toBe(all.length);
        expect(result.hits.map((h) => ({ id: h.id, score: h.score })), `${query} ${offset}+${limit}`).toEqual(all.slice(offset, offset + limit));
        compared += result.hits.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    // Equal scores happened (the copies) and were ordered by id.
    const the = exhaustive(inner, 'debian');
    expect(the.some((c, i) => i > 0 && c.score === the[i - 1]!.score)).toBe(true);
  });

  it('scores the same after documents are added, changed and removed as an index built afresh from the result', async () => {
    const docs = corpusDocs();
    const grown = new InvertedIndex();
    for (const d of docs.slice(0, 150)) grown.add(d);
    grown.compact();
    const before = QUERIES.map((q) => exhaustive(grown, q).length);
    // idfs and norms are kept per state of the index: every change must renew them.
    for (const d of docs.slice(150)) grown.add(d);
    grown.remove(docs[3]!.id);
    grown.setExtra(docs[10]!.id, 'software software license', docs[10]!.meta);
    const fresh = new InvertedIndex();
    for (const d of docs) if (d.id !== docs[3]!.id) fresh.add(d.id === docs[10]!.id ? { ...d, extra: 'software software license' } : d);
    fresh.compact();
    const named = (index: InvertedIndex, q: string) => exhaustive(index, q).map((c) => `${index.docs[c.num]!.id} ${c.score.toFixed(9)}`);
    for (const q of QUERIES) expect(named(grown, q), q).toEqual(named(fresh, q));
    expect(QUERIES.map((q) => exhaustive(grown, q).length)).not.toEqual(before);
  });

  it('takes candidates batch after batch (the best k ranking after the last one taken) in the order of sorting them all, ties included, by heap and by selection', () => {
    const inner = innerIndex();
    let taken = 0;
    for (const query of ['debian', 'software', 'the of', 'deb*', '中国', 'developers maintainers']) {
      const found = findCandidates(inner, parseQuery(query));
      const sorted = Array.from({ length: found.count }, (_, i) => i).sort((i, j) => found.scores[j]! - found.scores[i]! || (inner.docs[found.nums[i]!]!.id < inner.docs[found.nums[j]!]!.id ? -1 : 1));
      // up to 64 by a heap, beyond by selecting the k-th score (rank-select.ts)
      for (const k of [1, 7, 50, 65, 300]) {
        const batches: number[] = [];
        for (let last = -1; batches.length < found.count; ) {
          const batch = bestIndices(inner, found, k, last);
          expect(batch.length, query).toBeGreaterThan(0);
          batches.push(...batch);
          last = batch[batch.length - 1]!;
        }
        expect(batches, `${query} by ${k}`).toEqual(sorted);
        taken += batches.length;
      }
    }
    expect(taken).toBeGreaterThan(1000);
  });

  it('finds the k-th largest of numbers with many ties', () => {
    const values = Array.from({ length: 500 }, (_, i) => (i * 7919) % 37);
    const sorted = [...values].sort((a, b) => b - a);
    for (const k of [1, 2, 36, 37, 100, 499, 500]) expect(kthLargest(Float64Array.from(values), values.length, k), `k ${k}`).toBe(sorted[k - 1]);
  });

  it('with the checks deferred (more candidates than checkAll), still gives the first page exactly, checked in rank order', async () => {
    const docs = corpusDocs();
    const { index } = await openWith(await tempDir(), docs, { checkAll: 0 });
    const inner = innerIndex();
    for (const query of ['"free software"', '"the project"', '"明月"', '"the debian"', 'debian "free software"', '"nothing like this at all"']) {
      const all = exhaustive(inner, query).map((c) => ({ id: inner.docs[c.num]!.id, score: c.score }));
      for (const [offset, limit] of [[0, 3], [0, 20], [2, 10]] as const) {
        const result = await index.search(query, { offset, limit });
        expect(result.hits.map((h) => ({ id: h.id, score: h.score })), `${query} ${offset}+${limit}`).toEqual(all.slice(offset, offset + limit));
        // Up to MIN_CHECKED candidates are all checked: the total is then exact.
        if (!result.approximate) expect(result.total, query).toBe(all.length);
      }
    }
  });
});
