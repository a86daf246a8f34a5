import { z } from 'zod';
import type { PdfPageMap, PdfSourceMap } from '../../../shared/model/pdf';

/**
 * docs/<id>/pages.json: a PDF's source map, compact. Runs are delta-encoded
 * ([textStart − end of the previous run, item − previous item, charStart, length]), so a
 * page of prose is mostly small numbers; item boxes are kept as they are (two decimals).
 */
const pageSchema = z.object({
  page: z.number().int().min(1),
  label: z.string().optional(),
  source: z.enum(['text', 'ocr', 'none']),
  runs: z.array(z.number().int()),
  items: z.array(z.number()).optional(),
  view: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  rotate: z.number().optional(),
  confidence: z.array(z.number().min(0).max(100)).optional(),
});

const fileSchema = z.object({
  format: z.literal('marginalia-pdf-map'),
  version: z.number().int(),
  pageCount: z.number().int().min(0),
  pages: z.array(pageSchema),
});

export function encodePdfMap(map: PdfSourceMap): string {
  let end = 0;
  let item = 0;
  const pages = map.pages.map((page) => {
    const runs: number[] = [];
    for (let at = 0; at < page.runs.length; at += 4) {
      const [start, it, char, length] = page.runs.slice(at, at + 4) as [number, number, number, number];
      runs.push(start - end, it - item, char, length);
      end = start + length;
      item = it;
    }
    return { ...page, runs };
  });
  return JSON.stringify({ format: 'marginalia-pdf-map', version: map.version, pageCount: map.pageCount, pages });
}

/** The map in a pages.json, or why it cannot be read. */
export function decodePdfMap(json: string): PdfSourceMap {
  const file = fileSchema.parse(JSON.parse(json));
  let end = 0;
  let item = 0;
  const pages: PdfPageMap[] = file.pages.map(({ runs: encoded, ...page }) => {
    if (encoded.length % 4 !== 0) throw new Error(`page ${page.page}: runs are not in fours`);
    const runs: number[] = [];
    for (let at = 0; at < encoded.length; at += 4) {
      const start = end + encoded[at]!;
      item += encoded[at + 1]!;
      runs.push(start, item, encoded[at + 2]!, encoded[at + 3]!);
      end = start + encoded[at + 3]!;
    }
    return { ...page, runs } as PdfPageMap;
  });
  return { version: file.version, pageCount: file.pageCount, pages };
}
