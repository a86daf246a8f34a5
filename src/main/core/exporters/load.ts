import { ApiError } from '../../../shared/api';
import { inLayer, isPaged, type Entity, type Label } from '../../../shared/model';
import type { ExportContext, ExportDocument } from '../../../shared/export';
import type { Archive } from '../archive';

/** The entity registry and label set; by default the archive's own. */
export interface Registry {
  entities?: readonly Entity[];
  labels?: readonly Label[];
}

/**
 * One document as plain data for the exporters; a PDF with its source map and the pictures of
 * its area annotations. `layer`: only that layer's annotations (an annotator's, gold); absent: all.
 */
export async function loadExportDocument(archive: Archive, id: string, layer?: string): Promise<ExportDocument> {
  const [{ meta, text, blocks }, all, { note }] = await Promise.all([archive.get(id), archive.annotations.list(id), archive.annotations.note(id)]);
  const annotations = layer ? inLayer(all, layer, archive.catalog.settings().team?.user) : all;
  if (!isPaged(meta.type)) return { meta, text, blocks, annotations, note };
  const pdf = await archive.pdfMaps.get(id).catch(() => null);
  const areas = annotations.filter((a) => a.kind === 'area' && a.geometry?.[0]?.rects[0]);
  const areaImages = areas.length ? await archive.pdfMaps.areaImages(id, areas) : undefined;
  return { meta, text, blocks, annotations, note, pdf, ...(areaImages?.size ? { areaImages } : {}) };
}

/** `ids`: the documents of this export (tabular formats add page columns when one is a PDF). */
export function exportContext(archive: Archive, registry: Registry = {}, ids: readonly string[] = []): ExportContext {
  const paged = ids.some((id) => isPaged(archive.list().find((d) => d.id === id)?.type));
  return {
    entities: registry.entities ?? archive.entities.registry(),
    labels: registry.labels ?? archive.entities.labels(),
    colors: archive.catalog.settings().colors,
    ...(paged ? { paged } : {}),
    relationTypes: archive.relations.types(),
  };
}

/**
 * The documents to export in a stable order (date, then title, then id), so that file
 * names given on collision ("title (2).md") are the same on every export.
 */
export function exportOrder(archive: Archive, ids?: readonly string[]): string[] {
  const all = archive.list();
  const chosen = ids ? ids.map((id) => all.find((d) => d.id === id) ?? missing(id)) : all;
  const key = (s: string | undefined) => s ?? '';
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...new Map(chosen.map((d) => [d.id, d])).values()]
    .sort((a, b) => cmp(key(a.date), key(b.date)) || cmp(a.title, b.title) || cmp(a.id, b.id))
    .map((d) => d.id);
}

function missing(id: string): never {
  throw new ApiError('not_found', `No document with id ${id} in this archive.`);
}
