import { cmp, labelToken, areaNotice, orphanNotice, placedMentions } from './annotations';
import { offsetMap } from './code-points';
import type { ExportDocument, Exporter } from './types';

/**
 * doccano sequence-labelling JSONL: one document per line,
 * `{"id", "text", "label": [[start, end, "LABEL"], ...]}`. doccano is Python: offsets are
 * string indices, i.e. code points. Entity mentions only (doccano has no highlights);
 * nested and overlapping spans are kept, doccano accepts them.
 */
export const DOCCANO_FILE = 'marginalia.jsonl';

export const doccanoExporter: Exporter = {
  format: 'doccano',
  description: 'doccano JSONL: {"id","text","label":[[start,end,"LABEL"]]} per document, one file',
  begin() {
    const notices: string[] = [];
    let empty = true;
    return {
      notices,
      add(doc) {
        const orphans = orphanNotice(doc.meta.title, doc.annotations.filter((a) => a.kind === 'entity'));
        if (orphans) notices.push(orphans);
        const areas = areaNotice(doc.meta.title, doc.annotations, 'doccano');
        if (areas) notices.push(areas);
        empty = false;
        return [{ path: DOCCANO_FILE, content: `${doccanoLine(doc)}\n`, stream: true }];
      },
      // An export of no documents is still a (empty) file.
      finish: () => (empty ? [{ path: DOCCANO_FILE, content: '' }] : []),
    };
  },
};

export function doccanoLine(doc: ExportDocument): string {
  const map = offsetMap(doc.text);
  const label = placedMentions(doc.annotations)
    .map((a) => [map.toCodePoint(a.target.start), map.toCodePoint(a.target.end), labelToken(a.label!)] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || cmp(a[2], b[2]));
  return JSON.stringify({ id: doc.meta.id, text: doc.text, label, title: doc.meta.title });
}
