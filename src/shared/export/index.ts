/** Export renderers: pure, one file per format, one interface (types.ts) for all. */
import { bratExporter } from './brat';
import { conllExporter } from './conll';
import { csvExporter } from './csv';
import { doccanoExporter } from './doccano';
import { labelStudioExporter } from './label-studio';
import { markdownExporter } from './markdown';
import type { ExportFormat, Exporter } from './types';
import { w3cExporter } from './w3c';

export * from './types';
export { offsetMap, type OffsetMap } from './code-points';
export { FileNames, safeStem, cutToBytes, MAX_NAME_BYTES } from './file-names';
export { iri, parseAppLink } from './annotations';

export const exporters: Record<ExportFormat, Exporter> = {
  markdown: markdownExporter,
  w3c: w3cExporter,
  brat: bratExporter,
  conll: conllExporter,
  doccano: doccanoExporter,
  labelstudio: labelStudioExporter,
  csv: csvExporter,
};
