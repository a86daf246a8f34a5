import { describe, expect, it } from 'vitest';
import { BATCH_BASE64_BYTES, MAX_FILE_BYTES, newRunId, planBatches, type PickedFile } from './import-batches';
import { countOutcomes } from './import-slice';
import type { DocumentMeta } from '../../shared/model';

const file = (name: string, size: number): PickedFile => ({ name, file: { size } as Blob });

describe('planBatches', () => {
  it('cuts by file count', () => {
    const files = Array.from({ length: 120 }, (_, i) => file(`f${i}.txt`, 10));
    const { batches } = planBatches(files);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(planBatches(files, 500).batches).toHaveLength(1);
  });
  it('cuts by bytes, sends a big file alone and refuses files over the limit', () => {
    const big = Math.floor((BATCH_BASE64_BYTES / 4) * 3);
    const { batches, tooLarge } = planBatches([file('a', 10), file('b', big), file('c', 10), file('huge', MAX_FILE_BYTES + 1)]);
    expect(batches.map((b) => b.map((p) => p.name))).toEqual([['a'], ['b'], ['c']]);
    expect(tooLarge.map((p) => p.name)).toEqual(['huge']);
  });
});

describe('newRunId', () => {
  it('fits the contract', () => {
    for (const random of [0, 0.5, 0.999999]) expect(newRunId(Date.now(), random)).toMatch(/^[\w-]{8,64}$/);
    expect(newRunId(1, 0.1)).not.toBe(newRunId(1, 0.2));
  });
});

describe('countOutcomes', () => {
  it('counts each status', () => {
    const doc = { id: 'x', title: 'X' } as DocumentMeta;
    const counts = countOutcomes([
      { outcome: { file: 'a', status: 'imported', doc } },
      { outcome: { file: 'b', status: 'duplicate', doc } },
      { outcome: { file: 'c', status: 'failed', reason: 'r' } },
      { outcome: { file: 'd', status: 'version-candidate', doc } },
      { outcome: { file: 'e', status: 'new-version', doc, anchoring: { exact: 1, moved: 0, fuzzy: 0, orphaned: 0 } } },
      { outcome: { file: 'f', status: 'imported', doc } },
      { outcome: { file: 'g.epub', status: 'skipped', reason: 'r' } },
    ]);
    expect(counts).toEqual({ imported: 2, duplicates: 1, failed: 1, candidates: 1, newVersions: 1, skipped: 1 });
  });
});
