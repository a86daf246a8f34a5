/**
 * How faithfully an import keeps a document's text, against a reference extractor's text:
 * character recall, order (shared 4-token sequences) and headings found.
 */

/** Letters and digits only: the reference's layout (table borders, bullets, markup) is not text the import should reproduce. */
function characters(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (!/[\p{L}\p{N}]/u.test(ch)) continue;
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return counts;
}

/** Share of the reference's letters and digits (with multiplicity) that the import holds too. */
export function characterRecall(reference: string, ours: string): number {
  const ref = characters(reference);
  const got = characters(ours);
  let total = 0;
  let found = 0;
  for (const [ch, n] of ref) {
    total += n;
    found += Math.min(n, got.get(ch) ?? 0);
  }
  return total === 0 ? 1 : found / total;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Words (Intl.Segmenter, so Chinese splits into words too), case-folded. Segmented a line
 * at a time, in pieces of at most 2,000 characters: Node 20's segmenter slows down sharply
 * on long strings (TOOLCHAIN.md), and a whole 200 KB document takes minutes.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  // Typographic quotes are the same word: pandoc's plain writer makes "company's" "company’s".
  for (const line of text.normalize('NFKC').toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').split(/\n+/)) {
    for (let at = 0; at < line.length; at += 2000) {
      // Cut at a space where there is one, so a word is not split between two pieces.
      let end = Math.min(line.length, at + 2000);
      if (end < line.length) {
        const space = line.lastIndexOf(' ', end);
        if (space > at) end = space;
      }
      for (const s of segmenter.segment(line.slice(at, end))) if (s.isWordLike) out.push(s.segment);
      at = end - 2000;
    }
  }
  return out;
}

function shingles(words: string[], n = 4): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) set.add(words.slice(i, i + n).join('\u0001'));
  return set;
}

/** Share of the reference's 4-token sequences found in the import: text in the same order, not only the same characters. */
export function orderRecall(reference: string, ours: string): number {
  const ref = shingles(tokens(reference));
  if (ref.size === 0) return 1;
  const got = shingles(tokens(ours));
  let found = 0;
  for (const s of ref) if (got.has(s)) found++;
  return found / ref.size;
}

const key = (s: string): string => tokens(s).join(' ');

/** The reference's headings the import also marks as headings (same words; a number or glyph more or less allowed). */
export function headingsFound(reference: string[], ours: string[]): { found: number; total: number; missing: string[] } {
  const mine = ours.map(key).filter(Boolean);
  const missing: string[] = [];
  let total = 0;
  for (const h of reference) {
    const k = key(h);
    if (!k) continue;
    total++;
    if (!mine.some((m) => m === k || m.includes(k) || (k.includes(m) && m.length >= k.length / 2))) missing.push(h);
  }
  return { found: total - missing.length, total, missing };
}

/** Pandoc's JSON AST → the plain text of every Header block. */
export function pandocHeadings(ast: unknown): string[] {
  const out: string[] = [];
  const inline = (nodes: unknown): string =>
    Array.isArray(nodes)
      ? nodes
          .map((n: { t?: string; c?: unknown }) => {
            if (n.t === 'Str') return String(n.c);
            if (n.t === 'Space' || n.t === 'SoftBreak' || n.t === 'LineBreak') return ' ';
            if (n.t === 'Note') return '';
            if (n.t === 'Link' || n.t === 'Span' || n.t === 'Image') return inline((n.c as unknown[])[1]);
            if (n.t === 'Quoted' || n.t === 'Cite') return inline((n.c as unknown[])[1]);
            if (n.t === 'Code' || n.t === 'Math') return String((n.c as unknown[])[1]);
            return inline(n.c);
          })
          .join('')
      : '';
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as { t?: string; c?: unknown; blocks?: unknown };
    if (n.t === 'Header') {
      out.push(inline((n.c as unknown[])[2]).replace(/\s+/g, ' ').trim());
      return;
    }
    if (n.blocks) walk(n.blocks);
    if (n.c) walk(n.c);
  };
  walk(ast);
  return out.filter(Boolean);
}
