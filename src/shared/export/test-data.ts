import { DEFAULT_COLOR_MEANINGS, DEFAULT_LABELS, type Annotation, type DocumentMeta } from '../model';
import type { ExportContext, ExportDocument } from './types';

/** Plain data for the renderer tests: no archive needed. */
export const ctx: ExportContext = { entities: [], labels: DEFAULT_LABELS, colors: DEFAULT_COLOR_MEANINGS };

export function doc(text: string, spans: [quote: string, label: string | null, extra?: Partial<Annotation>][], meta: Partial<DocumentMeta> = {}): ExportDocument {
  let n = 0;
  const annotations = spans.map(([quote, label, extra]): Annotation => {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`no ${quote}`);
    const end = start + quote.length;
    return {
      id: `ann${String(++n).padStart(4, '0')}`,
      docId: 'doc0001',
      kind: label ? 'entity' : 'highlight',
      target: { start, end, quote, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
      ...(label ? { label } : { color: 'yellow' as const }),
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      ...extra,
    };
  });
  return {
    meta: { id: 'doc0001', title: 'T', type: 'txt', size: 1, sha256: '0'.repeat(64), sourceName: 't.txt', encoding: 'utf-8', textLength: text.length, importedAt: '', updatedAt: '', ...meta },
    text,
    blocks: [],
    annotations,
    note: null,
  };
}
