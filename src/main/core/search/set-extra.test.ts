import { describe, expect, it } from 'vitest';
import { InvertedIndex } from './postings';

/** The postings that say something (an emptied posting stays until compaction, skipped). */
const postings = (index: InvertedIndex, term: string) =>
  index.postings(term).flatMap(({ data, from, to }) => Array.from({ length: to - from }, (_, i) => data[from + i]!).filter((p) => p & 511));
const snapshot = (index: InvertedIndex, terms: string[]) => Object.fromEntries(terms.map((t) => [t, postings(index, t)]));

describe('InvertedIndex.setExtra', () => {
  it('leaves the index exactly as adding the document with the new extra text would', () => {
    const meta = { type: 'txt' };
    const body = { id: 'doc1', title: 'Annual report', text: 'The institute funded research on vaccines.' };
    const changed = new InvertedIndex();
    changed.add({ ...body, extra: 'Ask about vaccines twice: vaccines', meta });
    changed.add({ id: 'doc2', title: 'Other', text: 'Unrelated research text.', meta });
    changed.setExtra('doc1', 'Ask the board about funding', { ...meta, hasAnnotations: true });

    const fresh = new InvertedIndex();
    fresh.add({ ...body, extra: 'Ask the board about funding', meta: { ...meta, hasAnnotations: true } });
    fresh.add({ id: 'doc2', title: 'Other', text: 'Unrelated research text.', meta });

    const terms = ['vaccines', 'ask', 'board', 'funding', 'twice', 'research', 'annual', 'about'];
    expect(snapshot(changed, terms)).toEqual(snapshot(fresh, terms));
    expect(changed.averageLength).toBe(fresh.averageLength);
    expect(changed.docs[0]).toEqual(fresh.docs[0]);
    changed.compact();
    fresh.compact();
    expect(snapshot(changed, terms)).toEqual(snapshot(fresh, terms));
    expect(changed.snapshot()).toEqual(fresh.snapshot());
  });

  it('also when the index was compacted before the edit', () => {
    const meta = { type: 'txt' };
    const changed = new InvertedIndex();
    changed.add({ id: 'a', title: 'A', text: 'alpha beta', meta });
    changed.add({ id: 'b', title: 'B', text: 'beta gamma', meta });
    changed.compact();
    changed.setExtra('a', 'gamma delta', meta);
    const fresh = new InvertedIndex();
    fresh.add({ id: 'a', title: 'A', text: 'alpha beta', extra: 'gamma delta', meta });
    fresh.add({ id: 'b', title: 'B', text: 'beta gamma', meta });
    const terms = ['alpha', 'beta', 'gamma', 'delta'];
    expect(snapshot(changed, terms)).toEqual(snapshot(fresh, terms));
    changed.compact();
    fresh.compact();
    expect(changed.snapshot()).toEqual(fresh.snapshot());
  });
});
