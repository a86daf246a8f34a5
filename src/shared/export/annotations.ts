import type { Annotation, ColorMeaning, Entity, Label, RichNode } from '../model';
import type { ExportContext } from './types';

/** Text order, then a stable tie-break, so two exports of the same archive are byte-identical. */
export function inTextOrder(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort(
    (a, b) => a.target.start - b.target.start || a.target.end - b.target.end || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id),
  );
}

/** Code-unit comparison: localeCompare depends on the ICU build, which would break determinism. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Entity mentions whose offsets still point into the current text (orphans do not). */
export function placedMentions(annotations: readonly Annotation[]): Annotation[] {
  return inTextOrder(annotations.filter((a) => a.kind === 'entity' && !a.orphan && a.label));
}

export function labelName(labels: readonly Label[], id: string): string {
  return labels.find((l) => l.id === id)?.name ?? id;
}

export function colorName(colors: readonly ColorMeaning[], color: string | undefined): string {
  const c = color ?? 'yellow';
  return colors.find((m) => m.color === c)?.name || c;
}

export function entityOf(ctx: ExportContext, annotation: Annotation): Entity | undefined {
  return annotation.entityId ? ctx.entities.find((e) => e.id === annotation.entityId) : undefined;
}

/** Stable IRIs for our ids (see README.md here): the same archive always gives the same IRIs. */
export const iri = {
  doc: (id: string) => `urn:marginalia:doc:${id}`,
  annotation: (id: string) => `urn:marginalia:annotation:${id}`,
  entity: (id: string) => `urn:marginalia:entity:${id}`,
  /** the link that opens an annotation in the app (scheme registered by the desktop app) */
  appLink: (docId: string, annotationId?: string) => `marginalia://doc/${docId}${annotationId ? `#annotation=${annotationId}` : ''}`,
};

/** Label ids as one token: brat types and CoNLL tags cannot hold spaces or tabs. */
export function labelToken(id: string): string {
  return id.replace(/[^\p{L}\p{N}_-]+/gu, '_') || 'ENTITY';
}

/** A comment's words without Markdown, for formats that hold plain text (brat notes). */
export function plainText(node: RichNode | null | undefined): string {
  if (!node) return '';
  if (node.text !== undefined) return node.text;
  if (node.type === 'hardBreak') return '\n';
  const children = node.content ?? [];
  const inline = children.every((c) => c.type === 'text' || c.type === 'hardBreak');
  return children.map(plainText).join(inline ? '' : '\n');
}

/**
 * Reads a link written by iri.appLink: what the desktop shell opens when the OS hands it a
 * marginalia:// URL. Ids are checked strictly, so a crafted link cannot carry anything else.
 */
export function parseAppLink(url: string): { docId: string; annotationId?: string } | null {
  const m = /^marginalia:\/\/doc\/([a-z0-9]{6,32})(?:#annotation=([a-z0-9]{6,32}))?$/.exec(url.trim());
  if (!m) return null;
  return m[2] ? { docId: m[1]!, annotationId: m[2] } : { docId: m[1]! };
}

/** The notice an offset-based format gives for a document's orphans, or null. */
/** Area annotations mark a rectangle on a page, which text-span formats cannot hold: say they were left out. */
export function areaNotice(title: string, annotations: readonly Annotation[], format: string): string | null {
  const areas = annotations.filter((a) => a.kind === 'area').length;
  return areas ? `${title}: ${areas} area annotation(s) (rectangles on a page) were left out; ${format} holds text spans only (Markdown, W3C and CSV export them).` : null;
}

export function orphanNotice(title: string, annotations: readonly Annotation[]): string | null {
  const orphans = annotations.filter((a) => a.orphan).length;
  return orphans ? `${title}: ${orphans} annotation(s) not found in the current text were left out.` : null;
}
