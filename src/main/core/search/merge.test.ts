import { describe, expect, it } from 'vitest';
import { InvertedIndex } from './postings';
import { seededWords } from './merge-test-words';

const meta = { type: 'txt' };

/** Documents of random words from a small vocabulary: many terms in many documents, positions of every length. */
function docs(count: number, seed: number) {
  const words = seededWords(seed);
  return Array.from({ length: count }, (_, i) => ({ id: `d${seed}-${i}`, title: words(2).join(' '), text: words(5 + ((i * 7) % 40)).join(' '), meta }));
}

/**
 * What a compacted index says: its documents (without serials, which depend on its history),
 * terms, postings, and every posting's positions as its term's segments give them.
 */
function contents(index: InvertedIndex) {
  const { docs, terms, offsets, frozen } = index.snapshot();
  const positions = terms.map((_, t) => {
    const view = index.termPositions(t);
    return Array.from({ length: offsets[t + 1]! - offsets[t]! }, (_, k) => [...view.bytes.subarray(view.starts[k], view.starts[k + 1])]);
  });
  return { docs: docs.map(({ serial: _, ...d }) => d), terms, offsets: [...offsets], frozen: [...frozen], positions };
}

/** The same documents indexed at once and compacted: what any history of adds, removes and compactions must end as. */
function fresh(list: ReturnType<typeof docs>, extras: Map<string, string>) {
  const index = new InvertedIndex();
  for (const doc of list) index.add({ ...doc, ...(extras.has(doc.id) ? { extra: extras.get(doc.id)! } : {}) });
  index.compact();
  return contents(index);
}

describe('compaction (merge.ts)', () => {
  it('moves frozen postings as whole runs when no document was removed, the same as one build', () => {
    const all = docs(120, 1);
    const index = new InvertedIndex();
    for (const [k, doc] of all.entries()) {
      index.add(doc);
      if (k % 30 === 29) index.compact();
    }
    index.compact();
    expect(index.segments.length).toBe(4); // one per compaction that had new documents
    expect(contents(index)).toEqual(fresh(all, new Map()));
  });

  it('moves the runs within the frozen buffer while they fit it, through removals and edits between, the same as one build', () => {
    const all = docs(200, 3);
    const index = new InvertedIndex();
    const extras = new Map<string, string>();
    const removed = new Set<string>();
    let reused = 0;
    for (const [k, doc] of all.entries()) {
      index.add(doc);
      // An edit that empties a frozen posting and a removal each take the copying path once; every other compaction only adds.
      if (k === 90) {
        index.setExtra(all[3]!.id, 'orchid', meta);
        extras.set(all[3]!.id, 'orchid');
      }
      if (k === 95) {
        index.setExtra(all[3]!.id, undefined, meta);
        extras.delete(all[3]!.id);
      }
      if (k === 140) {
        index.remove(all[7]!.id);
        removed.add(all[7]!.id);
      }
      if (k % 6 === 5) {
        const before = index.frozen.buffer;
        index.compact();
        if (index.frozen.buffer === before) reused++;
        expect(contents(index)).toEqual(fresh(all.slice(0, k + 1).filter((d) => !removed.has(d.id)), extras));
      }
    }
    expect(reused).toBeGreaterThan(10);
  });

  it('drops a frozen posting an edit emptied after a compaction, though compactions that only add skip looking for them', () => {
    const all = docs(90, 4);
    const index = new InvertedIndex();
    const extras = new Map<string, string>();
    const target = all[2]!.id;
    for (const [k, doc] of all.entries()) {
      index.add(doc);
      // The comment's posting is frozen by the compaction at 29, and emptied after the one at 59.
      if (k === 10) {
        index.setExtra(target, 'orchid', meta);
        extras.set(target, 'orchid');
      }
      if (k === 60) {
        index.setExtra(target, undefined, meta);
        extras.delete(target);
      }
      if (k % 30 === 29) {
        index.compact();
        expect(contents(index)).toEqual(fresh(all.slice(0, k + 1), extras));
      }
    }
    expect(index.termId('orchid')).toBeUndefined();
  });

  it('renumbers and drops removed documents, emptied postings and edited terms, the same as one build', () => {
    const all = docs(150, 2);
    const index = new InvertedIndex();
    const extras = new Map<string, string>();
    for (const [k, doc] of all.entries()) {
      index.add(doc);
      if (k % 40 === 39) index.compact();
      // Annotation edits in frozen and in tail documents: whole tails, and postings emptied by a removed comment.
      if (k % 11 === 5) {
        const target = all[Math.floor(k / 2)]!.id;
        index.setExtra(target, 'orchid orchid quartz', meta);
        extras.set(target, 'orchid orchid quartz');
      }
      if (k % 23 === 7 && extras.size) {
        const [target] = extras.keys();
        index.setExtra(target!, undefined, meta);
        extras.delete(target!);
      }
    }
    const removed = new Set(all.filter((_, k) => k % 9 === 4).map((d) => d.id));
    for (const id of removed) index.remove(id);
    index.compact();
    expect(contents(index)).toEqual(fresh(all.filter((d) => !removed.has(d.id)), extras));
    // The removed documents' positions stay in the segments as garbage, counted.
    expect(index.deadDocs).toBe([...removed].filter((id) => all.findIndex((d) => d.id === id) < 120).length);
  });
});
