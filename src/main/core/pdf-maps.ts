import { isPaged, type Annotation, type DocumentMeta, type PdfPageMap, type PdfSourceMap } from '../../shared/model';
import { PDF_MAP_VERSION } from '../../shared/model/pdf';
import { renderAreaCrops } from './exporters/pdf-crops';
import { parsePdf } from './importers/pdf';
import { retrace, traced } from './importers/pdf-trace';
import type { DocStore } from './store/doc-store';

export const MAP_TEXT_DIFFERS =
  'The text read again from the PDF differs from the stored text (the importer has changed since): page positions of some passages are approximate. Annotations stay where they were.';

export interface PdfMapsDeps {
  docs: DocStore;
  meta: (id: string) => DocumentMeta;
  /** false in a read-only archive: maps are built but not stored */
  writable: boolean;
  addNotice: (id: string, notice: string) => Promise<void>;
}

/** What reindex did with one document. */
export type ReindexResult = 'current' | 'built' | 'built-approximate' | 'not-pdf' | { failed: string };

const CACHED = 6;

/**
 * PDF source maps: read from pages.json, or built from original.pdf for PDFs imported
 * before maps existed (or by an older importer), then stored. The stored text is never
 * changed here: where the text read again differs, the map is laid onto the stored text.
 */
export class PdfMaps {
  private readonly cache = new Map<string, Promise<PdfSourceMap | null>>();

  constructor(private readonly deps: PdfMapsDeps) {}

  get(id: string): Promise<PdfSourceMap | null> {
    const meta = this.deps.meta(id);
    if (!isPaged(meta.type)) return Promise.resolve(null);
    const key = `${id}@${meta.version ?? 1}`;
    let found = this.cache.get(key);
    if (found) {
      this.cache.delete(key);
    } else {
      found = this.load(id).then((r) => r.map);
      found.catch(() => this.cache.delete(key));
    }
    this.cache.set(key, found);
    for (const old of this.cache.keys()) {
      if (this.cache.size <= CACHED) break;
      this.cache.delete(old);
    }
    return found;
  }

  /** Builds the map of a PDF whose map is missing or old (`force`: every PDF), and stores it. */
  async reindex(id: string, force = false): Promise<ReindexResult> {
    const meta = this.deps.meta(id);
    if (!isPaged(meta.type)) return 'not-pdf';
    try {
      const result = await this.load(id, force);
      for (const key of this.cache.keys()) if (key.startsWith(`${id}@`)) this.cache.delete(key);
      return result.status;
    } catch (error) {
      return { failed: (error as Error).message };
    }
  }

  /**
   * PNG crops of area annotations, by annotation id, rendered from original.pdf in the
   * sandboxed page renderer (exporters/pdf-crops.ts). Those that cannot be rendered (an
   * encrypted PDF, no canvas on this machine) are missing; the export says so.
   */
  async areaImages(id: string, areas: readonly Annotation[]): Promise<Map<string, Uint8Array>> {
    const wanted = areas.flatMap((a) => {
      const where = a.geometry?.[0];
      return where?.rects[0] ? [{ id: a.id, page: where.page, rect: where.rects[0] }] : [];
    });
    if (wanted.length === 0) return new Map();
    try {
      return await renderAreaCrops(await this.deps.docs.readPagedPdf(this.deps.meta(id)), wanted);
    } catch {
      return new Map();
    }
  }

  private async load(id: string, force = false): Promise<{ map: PdfSourceMap | null; status: ReindexResult }> {
    const stored = await this.deps.docs.readPdfMap(id);
    if (stored && stored.version === PDF_MAP_VERSION && !force) return { map: stored, status: 'current' };
    const original = await this.deps.docs.readPagedPdf(this.deps.meta(id));
    const parsed = await parsePdf(original, this.deps.meta(id).sourceName ?? `${id}.pdf`);
    const text = await this.deps.docs.readText(id);
    let map = parsed.sourceMap;
    let status: ReindexResult = 'built';
    if (parsed.text !== text) {
      map = layOnto(map, parsed.text, text);
      status = 'built-approximate';
    }
    if (this.deps.writable) {
      await this.deps.docs.writePdfMap(id, map);
      if (status === 'built-approximate') await this.deps.addNotice(id, MAP_TEXT_DIFFERS);
    }
    return { map, status };
  }
}

/**
 * The map of `fresh` (the text read again) moved onto `stored`: the two texts are lined up
 * (they differ locally where the importer changed), and each stored character takes the
 * source of the fresh character it lines up with.
 */
export function layOnto(map: PdfSourceMap, fresh: string, stored: string): PdfSourceMap {
  const where = retrace(traced(fresh, 0), stored, 64);
  // fresh offset -> [page index, item, char]
  const page = new Int32Array(fresh.length).fill(-1);
  const item = new Int32Array(fresh.length);
  const char = new Int32Array(fresh.length);
  map.pages.forEach((p, pi) => {
    for (let at = 0; at < p.runs.length; at += 4) {
      for (let k = 0; k < p.runs[at + 3]!; k++) {
        const o = p.runs[at]! + k;
        page[o] = pi;
        item[o] = p.runs[at + 1]!;
        char[o] = p.runs[at + 2]! + k;
      }
    }
  });
  const pages: PdfPageMap[] = map.pages.map((p) => ({ ...p, runs: [] }));
  let last: { pi: number; item: number; char: number; offset: number } | undefined;
  for (let o = 0; o < stored.length; o++) {
    const f = where[o]!;
    if (f < 0 || page[f]! < 0) continue;
    const pi = page[f]!;
    const runs = pages[pi]!.runs;
    if (last && last.pi === pi && last.item === item[f] && last.char + 1 === char[f] && last.offset + 1 === o) runs[runs.length - 1]!++;
    else runs.push(o, item[f]!, char[f]!, 1);
    last = { pi, item: item[f]!, char: char[f]!, offset: o };
  }
  // Runs stay sorted by offset within each page only if the pages' text is in page order, as it is.
  return { ...map, pages };
}
