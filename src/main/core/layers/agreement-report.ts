import { ApiError } from '../../../shared/api';
import { computeAgreement, type AgreementInput, type AgreementReport } from '../../../shared/agreement';
import { GOLD_LAYER, layerOf, layersIn, type Annotation } from '../../../shared/model';
import type { Archive } from '../archive';

export interface AgreementOptions {
  /** documents to compare; absent: every document where two or more of the layers took part */
  ids?: readonly string[];
  /** layers to compare; absent: every layer found in those documents except gold */
  layers?: readonly string[];
}

/**
 * Reads the documents' layers and computes agreement (shared/agreement). Nothing is stored:
 * the figures follow the layers as they are.
 */
export async function agreementReport(archive: Archive, options: AgreementOptions = {}): Promise<AgreementReport> {
  const user = archive.catalog.settings().team?.user;
  const known = new Set(archive.list().map((d) => d.id));
  for (const id of options.ids ?? []) if (!known.has(id)) throw new ApiError('not_found', `No document with id ${id} in this archive.`);
  // Without named documents only those the search index knows to hold annotations are read.
  const annotated = options.ids?.length ? null : await archive.search.annotatedIds();
  const ids = options.ids?.length ? [...new Set(options.ids)] : archive.list().filter((d) => annotated!.has(d.id)).map((d) => d.id);
  const loaded: { id: string; annotations: Annotation[] }[] = [];
  for (const id of ids) loaded.push({ id, annotations: await archive.annotations.list(id) });
  const layers = options.layers?.length ? [...new Set(options.layers)] : layersIn(loaded.flatMap((d) => d.annotations), user).filter((l) => l !== GOLD_LAYER);
  const inputs: AgreementInput[] = [];
  for (const { id, annotations } of loaded) {
    const byLayer = new Map<string, Annotation[]>();
    for (const a of annotations) {
      const layer = layerOf(a, user);
      if (layers.includes(layer)) byLayer.set(layer, [...(byLayer.get(layer) ?? []), a]);
    }
    // Without named documents, only those at least two of the layers annotated are compared.
    if (!options.ids?.length && byLayer.size < 2) continue;
    const { meta, text, blocks } = await archive.get(id);
    inputs.push({ docId: id, title: meta.title, text, blocks, layers: byLayer });
  }
  const undirected = new Set(archive.relations.types().filter((t) => !t.directed).map((t) => t.id));
  return computeAgreement(inputs, layers, undirected);
}
