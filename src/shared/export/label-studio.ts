import { labelToken, areaNotice, orphanNotice, placedMentions, placedRelations } from './annotations';
import { offsetMap } from './code-points';
import type { ExportContext, ExportDocument, Exporter } from './types';

/**
 * Label Studio JSON, the NER-with-relations template: one `label-studio.json` holding an
 * array of tasks `{data: {text, title}, annotations: [{result: [...]}]}`, where a mention is
 * `{id, from_name: "label", to_name: "text", type: "labels", value: {start, end, text,
 * labels}}` and a relation `{type: "relation", from_id, to_id, direction: "right", labels}`.
 * Offsets count code points (Label Studio stores them so). `label-studio-config.xml` is the
 * labelling config to create the project with (the label set and relation types).
 */
export const LABEL_STUDIO_FILE = 'label-studio.json';
export const LABEL_STUDIO_CONFIG = 'label-studio-config.xml';

export const labelStudioExporter: Exporter = {
  format: 'labelstudio',
  description: 'Label Studio JSON tasks (NER and relations) with the labelling config',
  begin(ctx) {
    const notices: string[] = [];
    const used = new Set<string>();
    let n = 0;
    return {
      notices,
      add(doc) {
        const orphans = orphanNotice(doc.meta.title, doc.annotations.filter((a) => a.kind === 'entity'));
        if (orphans) notices.push(orphans);
        const areas = areaNotice(doc.meta.title, doc.annotations, 'Label Studio');
        if (areas) notices.push(areas);
        for (const a of placedMentions(doc.annotations)) used.add(labelToken(a.label!));
        const task = JSON.stringify(labelStudioTask(doc, ++n), null, 1);
        return [{ path: LABEL_STUDIO_FILE, content: `${n === 1 ? '[\n' : ',\n'}${task}`, stream: true }];
      },
      finish: () => [
        { path: LABEL_STUDIO_FILE, content: n ? '\n]\n' : '[]\n', stream: true },
        { path: LABEL_STUDIO_CONFIG, content: labelConfig(ctx, used) },
      ],
    };
  },
};

export function labelStudioTask(doc: ExportDocument, id: number) {
  const map = offsetMap(doc.text);
  const mentions = placedMentions(doc.annotations);
  const result: Record<string, unknown>[] = mentions.map((a) => ({
    id: a.id,
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    value: { start: map.toCodePoint(a.target.start), end: map.toCodePoint(a.target.end), text: doc.text.slice(a.target.start, a.target.end), labels: [labelToken(a.label!)] },
  }));
  for (const { relation, from, to } of placedRelations(doc.annotations)) {
    result.push({ from_id: from.id, to_id: to.id, type: 'relation', direction: 'right', labels: [labelToken(relation.type!)] });
  }
  return { id, data: { text: doc.text, title: doc.meta.title, marginalia_id: doc.meta.id }, annotations: [{ result }] };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function labelConfig(ctx: ExportContext, used: Set<string>): string {
  const labels = new Map(ctx.labels.map((l) => [labelToken(l.id), l.color]));
  for (const u of used) if (!labels.has(u)) labels.set(u, '#888888');
  return [
    '<View>',
    '  <Relations>',
    ...(ctx.relationTypes ?? []).map((t) => `    <Relation value="${xml(labelToken(t.id))}"/>`),
    '  </Relations>',
    '  <Labels name="label" toName="text">',
    ...[...labels].map(([value, colour]) => `    <Label value="${xml(value)}" background="${xml(colour)}"/>`),
    '  </Labels>',
    '  <Text name="text" value="$text"/>',
    '</View>',
    '',
  ].join('\n');
}
