import { stringify } from 'yaml';
import type { Annotation } from '../model';
import { cmp, colorName, entityOf, inTextOrder, iri, labelName } from './annotations';
import { FileNames } from './file-names';
import { annotationPlace, citePage, isTagging } from './pages';
import { inlineText, quoteBlock, richTextUnder } from './markdown-text';
import type { ExportContext, ExportDocument, ExportFile, Exporter } from './types';

/**
 * Markdown, one file per document plus index.md. The rules markdownlint's defaults would
 * raise on user content (not on our structure) are switched off in a .markdownlint.jsonc
 * written beside the files, each with its reason.
 */
export const MARKDOWNLINT_CONFIG = `// Written by Marginalia's Markdown export. The structure passes markdownlint's
// default rules; these are off because they would judge the user's own text:
{
  // quotes and paragraphs stay on one line: a soft break would put spaces into Chinese text
  "MD013": false,
  // notes and comments may repeat a heading or end one with punctuation ("Background:")
  "MD024": false,
  "MD026": false,
  // a URL written in the text or a comment stays as written
  "MD034": false,
  // a note may hold a paragraph that is all bold
  "MD036": false
}
`;

export const markdownExporter: Exporter = {
  format: 'markdown',
  description: 'Markdown: one file per document with YAML front matter, highlights and notes, plus index.md',
  begin(ctx) {
    const names = new FileNames(['index.md', '.markdownlint.jsonc']);
    const entries: { title: string; file: string; date?: string }[] = [];
    const notices: string[] = [];
    return {
      notices,
      add(doc) {
        // A document with areas also reserves its stem as a folder, for their pictures.
        const stem = names.take(doc.meta.title, doc.annotations.some((a) => a.kind === 'area') ? ['.md', ''] : ['.md']);
        const file = `${stem}.md`;
        entries.push({ title: doc.meta.title, file, ...(doc.meta.date ? { date: doc.meta.date } : {}) });
        // Crops of area annotations go into a folder named after the document, beside its file.
        const images = new Map<string, string>();
        const out: ExportFile[] = [];
        let missing = 0;
        for (const a of doc.annotations) {
          if (a.kind !== 'area') continue;
          const png = doc.areaImages?.get(a.id);
          if (!png) {
            missing++;
            continue;
          }
          const path = `${stem}/area-${a.id}.png`;
          images.set(a.id, path);
          out.push({ path, content: png });
        }
        if (missing) notices.push(`${doc.meta.title}: ${missing} area annotation(s) exported without their picture (the page could not be rendered here); page and rectangle are given.`);
        return [{ path: file, content: renderDocument(doc, ctx, images) }, ...out];
      },
      finish(): ExportFile[] {
        return [
          { path: 'index.md', content: renderIndex(entries) },
          { path: '.markdownlint.jsonc', content: MARKDOWNLINT_CONFIG },
        ];
      },
    };
  },
};

/** One document as Markdown. Pure and deterministic: no time of export in it. */
export function renderDocument(doc: ExportDocument, ctx: ExportContext, images: ReadonlyMap<string, string> = new Map()): string {
  const parts = [frontMatter(doc, ctx)];
  const annotations = inTextOrder(doc.annotations);
  if (annotations.length > 0) {
    parts.push('## Highlights and mentions');
    annotations.forEach((a, i) => parts.push(...renderAnnotation(a, i + 1, ctx, doc, images.get(a.id))));
  }
  const note = richTextUnder(doc.note, 2);
  if (note) parts.push('## Note', note);
  parts.push(`[Open the document in Marginalia](${iri.appLink(doc.meta.id)})`);
  return withoutControls(`${parts.join('\n\n')}\n`);
}

function renderAnnotation(a: Annotation, n: number, ctx: ExportContext, doc: ExportDocument, image: string | undefined): string[] {
  const entity = entityOf(ctx, a);
  const what = isTagging(a) ? labelName(ctx.labels, a.label ?? '') : colorName(ctx.colors, a.color);
  // On a PDF the quote is cited with its page (the PDF's own label where it has labels).
  const place = annotationPlace(a, doc.pdf);
  const details = [
    ...(place ? [citePage(place)] : []),
    ...(entity ? [`Entity: **${inlineText(entity.name)}**`] : []),
    ...(a.orphan ? [`not found in the current version (${inlineText(a.orphan.reason)})`] : []),
    `[open in Marginalia](${iri.appLink(a.docId, a.id)})`,
  ];
  // Numbered headings: unique (MD024) and a stable anchor for each annotation.
  const out = [`### ${n}. ${inlineText(what)}`];
  if (image) out.push(`![${inlineText(`Area${place ? ` on ${citePage(place)}` : ''}`)}](<${linkPath(image)}>)`);
  if (a.kind !== 'area' || a.target.quote) out.push(quoteBlock(a.target.quote) || '> …');
  out.push(details.join(' · '));
  const comment = richTextUnder(a.comment, 3);
  if (comment) out.push(comment);
  return out;
}

function frontMatter(doc: ExportDocument, ctx: ExportContext): string {
  const { meta } = doc;
  const data: Record<string, unknown> = { id: meta.id, title: meta.title };
  if (meta.date) data.date = meta.date;
  if (meta.author) data.author = meta.author;
  data.source = meta.sourceName;
  if (meta.language) data.language = meta.language;
  if (meta.tags?.length) data.tags = [...meta.tags].sort(cmp);
  const entities = entitiesByLabel(doc, ctx);
  if (Object.keys(entities).length) data.entities = entities;
  // lineWidth 0: never fold a long title; no block scalars: a multi-line title becomes one quoted line,
  // so no line of it can look like the closing "---". Strings that look like YAML syntax get quoted.
  return `---\n${stringify(data, { lineWidth: 0, blockQuote: false })}---`;
}

/** label id -> sorted unique names: the registry's canonical name, else the words as written. */
function entitiesByLabel(doc: ExportDocument, ctx: ExportContext): Record<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const a of doc.annotations) {
    if (a.kind !== 'entity' || !a.label) continue;
    const name = (entityOf(ctx, a)?.name ?? a.target.quote).replace(/\s+/g, ' ').trim();
    if (!name) continue;
    (groups.get(a.label) ?? groups.set(a.label, new Set()).get(a.label)!).add(name);
  }
  const order = (label: string) => {
    const i = ctx.labels.findIndex((l) => l.id === label);
    return i < 0 ? ctx.labels.length : i;
  };
  const labels = [...groups.keys()].sort((a, b) => order(a) - order(b) || cmp(a, b));
  return Object.fromEntries(labels.map((l) => [l, [...groups.get(l)!].sort(cmp)]));
}

function renderIndex(entries: { title: string; file: string; date?: string }[]): string {
  const lines = entries.map((e) => `- [${inlineText(e.title) || 'untitled'}](<${linkPath(e.file)}>)${e.date ? ` (${e.date})` : ''}`);
  const body = lines.length ? lines.join('\n') : 'No documents were exported.';
  return withoutControls(`# Marginalia export\n\n${entries.length} document${entries.length === 1 ? '' : 's'}:\n\n${body}\n`);
}

/** A file name as a link: "#" would start a fragment and "%" an escape; the rest stays readable. */
function linkPath(file: string): string {
  return file.replace(/%/g, '%25').replace(/#/g, '%23');
}

/** Control characters (NUL, BEL ...) in user text have no place in a text file; YAML has escaped its own. */
function withoutControls(markdown: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return markdown.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '\ufffd');
}
