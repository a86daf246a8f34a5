import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../shared/model';
import { sortByCompare, sortDocuments, warmUpSorts, type SortKey } from './sort-documents';
import { decodeLibraryTable, encodeLibraryTable, type LibraryTable } from '../../../shared/model';
import { rankTitles, titleLocale } from '../../../shared/text/title-collation';
import { asciiKeysInUse, rankCount, resetRanks, seedRanks, sortTitles } from './title-order';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The table's order as it was defined before ranks: the collator on titles, code units elsewhere. */
function reference(docs: readonly DocumentMeta[], key: SortKey, direction: 'ascending' | 'descending'): DocumentMeta[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const compare: Record<SortKey, (a: DocumentMeta, b: DocumentMeta) => number> = {
    title: (a, b) => collator.compare(a.title, b.title),
    date: (a, b) => byCodeUnits(a.date ?? '', b.date ?? ''),
    importedAt: (a, b) => byCodeUnits(a.importedAt, b.importedAt),
    size: (a, b) => a.size - b.size,
    type: (a, b) => byCodeUnits(a.type, b.type),
  };
  return [...docs].sort((a, b) => {
    if (key === 'date' && Boolean(a.date) !== Boolean(b.date)) return a.date ? -1 : 1;
    return sign * compare[key](a, b) || collator.compare(a.title, b.title) || byCodeUnits(a.id, b.id);
  });
}

function randomDocs(n: number, seed: number, prefix = 'd'): DocumentMeta[] {
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // ASCII punctuation and digits of every kind, case, leading zeros, long numbers, accents, Chinese, a no-break space.
  const parts = ['a', 'B', 'z', 'Z', ' ', '-', '_', '0', '1', '9', '007', '10', '(', ')', '.', ',', '!', '~', '`', '^', '中', '文', 'é', 'É', '\u00a0', 'report', 'Report', 'x2', 'x10', '#', '$', '&', '@', '[', '|', '/', '\\', "'", '"', ':', '<', '=', '?', '+', '*', '%', '12345678901234567890123456789012345'];
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i).padStart(6, '0')}`,
    title: Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(parts)).join(''),
    type: pick(['txt', 'md', 'pdf'] as const),
    size: Math.floor(random() * 50),
    sha256: '',
    sourceName: '',
    encoding: 'utf-8',
    textLength: 0,
    ...(random() < 0.6 ? { date: `20${10 + Math.floor(random() * 3)}-0${1 + Math.floor(random() * 3)}` } : {}),
    importedAt: `2026-01-0${1 + Math.floor(random() * 5)}`,
    updatedAt: '',
  }));
}

describe('sortDocuments', () => {
  it('sorts by every key in both directions exactly as the collator and code units order them, ties by title then id', () => {
    const docs = randomDocs(3000, 11);
    for (const key of ['title', 'date', 'importedAt', 'size', 'type'] as const) {
      for (const direction of ['ascending', 'descending'] as const) {
        const expected = reference(docs, key, direction).map((d) => d.id);
        expect(sortDocuments(docs, key, direction).map((d) => d.id), `${key} ${direction}`).toEqual(expected);
        // The path for more than 131,071 rows or titles, on the same rows.
        expect(sortByCompare(docs, key, direction).map((d) => d.id), `${key} ${direction} by compare`).toEqual(expected);
      }
    }
  });

  it('keeps the order exact as titles arrive: a few at a time, and many at once', () => {
    const first = randomDocs(2000, 3);
    sortDocuments(first, 'title', 'ascending');
    const few = [...first, ...randomDocs(20, 5, 'e')];
    expect(sortDocuments(few, 'title', 'ascending').map((d) => d.id)).toEqual(reference(few, 'title', 'ascending').map((d) => d.id));
    const many = [...few, ...randomDocs(3000, 7, 'f')];
    expect(sortDocuments(many, 'title', 'descending').map((d) => d.id)).toEqual(reference(many, 'title', 'descending').map((d) => d.id));
  });

  it('sorts titles by key only where the keys agree with the collator', () => {
    expect(asciiKeysInUse()).toBe(true); // the runtime's collator orders ASCII as CLDR root does
    const titles = randomDocs(4000, 17).map((d) => d.title);
    const sorted = sortTitles(titles);
    for (let i = 1; i < sorted.length; i++) expect(collator.compare(sorted[i - 1]!, sorted[i]!), `${sorted[i - 1]} ≤ ${sorted[i]}`).toBeLessThanOrEqual(0);
  });

  it('sorts exactly with the core\'s title ranks (library.table) seeded at start, and ranks the titles the core did not', () => {
    const docs = randomDocs(4000, 23);
    // As library.bin holds them: every title ranked, then a tenth changed or added since (-1).
    const ranks = Int32Array.from(rankTitles(docs.map((d) => d.title)));
    const later = randomDocs(400, 29, 'g');
    docs.forEach((d, i) => i % 10 === 0 && Object.assign(d, { title: later[i / 10]!.title }) && (ranks[i] = -1));
    const table = JSON.parse(JSON.stringify(encodeLibraryTable(docs, new Set(), { ranks, locale: titleLocale() }))) as LibraryTable;
    const rows = decodeLibraryTable(table);
    resetRanks();
    expect(seedRanks(table.titles, table.titleRanks!.ranks, table.titleRanks!.locale)).toBe(true);
    expect(rankCount()).toBeGreaterThan(0);
    for (const key of ['title', 'date', 'importedAt', 'size', 'type'] as const) {
      for (const direction of ['ascending', 'descending'] as const) {
        expect(sortDocuments(rows, key, direction).map((d) => d.id), `${key} ${direction}`).toEqual(reference(docs, key, direction).map((d) => d.id));
      }
    }
  });

  it('sorts import times as code units whether nearly in order, reversed, or of several forms', () => {
    const docs = randomDocs(3000, 37);
    // As parallel imports append them: each a few places from its own, milliseconds apart, a few equal.
    const start = Date.UTC(2026, 11, 2, 19, 21);
    const times = docs.map((_, i) => new Date(start + i * 7 + ((i * 7919) % 13) * 11 - (i % 97 === 0 ? 7 : 0)).toISOString());
    const nearly = docs.map((d, i) => ({ ...d, importedAt: times[i]! }));
    const reversed = nearly.map((d, i) => ({ ...d, importedAt: times[times.length - 1 - i]! }));
    // Over years (too far apart to pack with a row number), shuffled.
    const years = nearly.map((d, i) => ({ ...d, importedAt: new Date(start - ((i * 7919) % 3000) * 4e8).toISOString() }));
    // Centuries apart (more heads than a number holds) and another form: compared as strings.
    const centuries = nearly.map((d, i) => ({ ...d, importedAt: `${10 + (i % 11)}${d.importedAt.slice(2)}` }));
    const forms = nearly.map((d, i) => (i % 50 === 0 ? { ...d, importedAt: d.importedAt.slice(0, 19) + '+08:00' } : d));
    for (const [name, list] of Object.entries({ nearly, reversed, years, centuries, forms })) {
      for (const direction of ['ascending', 'descending'] as const) {
        for (const key of ['importedAt', 'size'] as const) {
          expect(sortDocuments(list, key, direction).map((d) => d.id), `${name} ${key} ${direction}`).toEqual(reference(list, key, direction).map((d) => d.id));
        }
      }
    }
  });

  it('takes no ranks made under another locale, nor over ranks of its own', () => {
    const docs = randomDocs(50, 31);
    const ranks = Array.from(rankTitles(docs.map((d) => d.title)));
    resetRanks();
    expect(seedRanks(docs.map((d) => d.title), ranks, 'xx-not-this-one')).toBe(false);
    expect(rankCount()).toBe(0);
    sortDocuments(docs, 'title', 'ascending');
    expect(seedRanks(docs.map((d) => d.title), ranks, titleLocale())).toBe(false);
    expect(sortDocuments(docs, 'title', 'ascending').map((d) => d.id)).toEqual(reference(docs, 'title', 'ascending').map((d) => d.id));
  });

  it('orders a key\'s few ties by title without ranking every title, and the same once warmUpSorts has ranked them', () => {
    // Import times milliseconds apart, one in twenty equal to the one before, with titles equal up to case and numbers.
    const start = Date.UTC(2026, 11, 3, 5, 0);
    const docs = randomDocs(3000, 41).map((d, i) => ({ ...d, importedAt: new Date(start + i * 5 - (i % 20 === 0 ? 5 : 0)).toISOString(), title: i % 40 === 0 ? 'Report 10' : i % 40 === 20 ? 'report 10' : d.title }));
    resetRanks();
    for (const direction of ['descending', 'ascending'] as const) {
      expect(sortDocuments(docs, 'importedAt', direction).map((d) => d.id), direction).toEqual(reference(docs, 'importedAt', direction).map((d) => d.id));
    }
    expect(rankCount()).toBe(0); // the table's first view ranked no title
    const steps: (() => void)[] = [];
    warmUpSorts(docs, ['title', 'type'], (next) => {
      steps.push(next);
      return () => undefined;
    });
    expect(rankCount()).toBe(0); // nothing runs until its step is called
    while (steps.length) steps.shift()!();
    expect(rankCount()).toBeGreaterThan(0);
    for (const key of ['importedAt', 'title', 'type', 'size'] as const) {
      expect(sortDocuments(docs, key, 'descending').map((d) => d.id), key).toEqual(reference(docs, key, 'descending').map((d) => d.id));
    }
  });

  it('stops warming up when asked', () => {
    const docs = randomDocs(500, 43);
    resetRanks();
    const steps: (() => void)[] = [];
    const stop = warmUpSorts(docs, ['size'], (next) => {
      steps.push(next);
      return () => steps.splice(steps.indexOf(next), 1);
    });
    stop();
    expect(steps).toEqual([]);
    expect(rankCount()).toBe(0);
  });
});
