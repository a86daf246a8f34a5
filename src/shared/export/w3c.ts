import type { Annotation } from '../model';
import { richTextToMarkdown } from '../markdown/rich-text';
import { colorName, entityOf, inTextOrder, iri, orphanNotice } from './annotations';
import { offsetMap, type OffsetMap } from './code-points';
import { FileNames } from './file-names';
import { annotationPlace, areaBox, isTagging } from './pages';
import type { PdfSourceMap } from '../model';
import type { ExportContext, ExportDocument, Exporter } from './types';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

type Json = Record<string, unknown>;

/**
 * W3C Web Annotation (JSON-LD): one AnnotationCollection per document, its annotations in
 * one embedded AnnotationPage. Positions count Unicode code points, as the model says.
 * Orphans (not found in the current text) are left out: their offsets mean nothing here.
 */
export const w3cExporter: Exporter = {
  format: 'w3c',
  description: 'W3C Web Annotation JSON-LD: one AnnotationCollection per document',
  begin(ctx) {
    const names = new FileNames();
    const notices: string[] = [];
    return {
      notices,
      add(doc) {
        const orphans = orphanNotice(doc.meta.title, doc.annotations);
        if (orphans) notices.push(orphans);
        const path = `${names.take(doc.meta.title, ['.jsonld'])}.jsonld`;
        return [{ path, content: `${JSON.stringify(documentCollection(doc, ctx), null, 2)}\n` }];
      },
      finish: () => [],
    };
  },
};

export function documentCollection(doc: ExportDocument, ctx: ExportContext): Json {
  const map = offsetMap(doc.text);
  const items = inTextOrder(doc.annotations.filter((a) => !a.orphan)).map((a) => webAnnotation(a, map, ctx, doc.pdf));
  const id = `${iri.doc(doc.meta.id)}:annotations`;
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: doc.meta.title,
    total: items.length,
    // An empty collection has no pages (model 5.1: first is for collections with items).
    ...(items.length ? { first: { id: `${id}:page:1`, type: 'AnnotationPage', partOf: id, startIndex: 0, items } } : {}),
  };
}

// The PDF fragment identifiers (RFC 8118, after RFC 3778) and Media Fragments for a region of the page.
const PDF_FRAGMENT = 'http://tools.ietf.org/rfc/rfc8118';
const MEDIA_FRAGMENT = 'http://www.w3.org/TR/media-frags/';

export function webAnnotation(a: Annotation, map: OffsetMap, ctx: ExportContext, pdf?: PdfSourceMap | null): Json {
  const { start, end, quote, prefix, suffix } = a.target;
  const body: Json[] = [];
  if (!isTagging(a)) {
    body.push({ type: 'TextualBody', purpose: 'highlighting', value: colorName(ctx.colors, a.color), format: 'text/plain' });
  } else {
    if (a.label) body.push({ type: 'TextualBody', purpose: 'tagging', value: a.label, format: 'text/plain' });
    if (a.entityId) {
      const entity = entityOf(ctx, a);
      body.push({ type: 'SpecificResource', purpose: 'identifying', source: iri.entity(a.entityId), ...(entity ? { label: entity.name } : {}) });
    }
  }
  const comment = richTextToMarkdown(a.comment);
  if (comment) body.push({ type: 'TextualBody', purpose: 'commenting', value: comment, format: 'text/markdown' });
  return {
    '@context': ANNO_CONTEXT,
    id: iri.annotation(a.id),
    type: 'Annotation',
    motivation: !isTagging(a) ? 'highlighting' : a.entityId ? 'identifying' : 'tagging',
    created: a.createdAt,
    modified: a.updatedAt,
    ...(body.length ? { body: body.length === 1 ? body[0] : body } : {}),
    target: {
      source: iri.doc(a.docId),
      selector: [
        // An area with no text in it (a figure, a seal) is only its place on the page.
        ...(end > start
          ? [
              { type: 'TextQuoteSelector', exact: quote, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) },
              { type: 'TextPositionSelector', start: map.toCodePoint(start), end: map.toCodePoint(end) },
            ]
          : []),
        ...pageSelectors(a, pdf),
      ],
    },
  };
}

/** On a PDF: the page as a FragmentSelector (page=N), and for an area its rectangle (xywh, PDF points from the top-left). */
function pageSelectors(a: Annotation, pdf: PdfSourceMap | null | undefined): Json[] {
  const place = annotationPlace(a, pdf);
  if (!place || !pdf) return [];
  const page: Json = { type: 'FragmentSelector', conformsTo: PDF_FRAGMENT, value: `page=${place.page}` };
  const rect = a.kind === 'area' ? place.geometry[0]?.rects[0] : undefined;
  if (rect) page.refinedBy = { type: 'FragmentSelector', conformsTo: MEDIA_FRAGMENT, value: `xywh=${areaBox(rect, pdf, place.page).join(',')}` };
  return [page];
}
