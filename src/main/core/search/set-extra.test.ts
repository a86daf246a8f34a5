import { describe, expect, it } from 'vitest';
import { InvertedIndex } from './postings';

const snapshot = (index: InvertedIndex, terms: string[]) =>
  Object.fromEntries(terms.map((t) => [t, Array.from({ length: index.postings(t).to - index.postings(t).from }, (_, i) => index.postings(t).data[index.postings(t).from + i])]));

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
  });
});
