import { DEFAULT_COLOR_MEANINGS, HIGHLIGHT_COLORS, type ColorMeaning, type HighlightColor } from '../../../shared/model';
import type { Incoming, IncomingDoc, Place } from './types';

type Json = Record<string, unknown>;
const DOC_IRI = /^urn:marginalia:doc:([a-z0-9]{6,32})$/;
const ENTITY_IRI = /^urn:marginalia:entity:(.+)$/;

/**
 * W3C Web Annotation JSON(-LD): one Annotation, an array, an AnnotationPage or an
 * AnnotationCollection with its first page embedded. Annotations are grouped by their
 * target's source; a group's document is found in any archive (see DocHints): by our
 * urn:marginalia:doc:<id> where this archive holds it, else by the source's file name, the
 * collection's title, or the one document holding its quotes. The TextQuoteSelector places
 * an annotation, the TextPositionSelector (code points) where it agrees. Relations (motivation
 * linking, two targets) are read back onto the mentions they join.
 */
export function parseW3c(content: string, colors: readonly ColorMeaning[] = DEFAULT_COLOR_MEANINGS): IncomingDoc[] {
  const root = JSON.parse(content) as unknown;
  const items = annotationsOf(root);
  const title = typeof (root as Json)?.label === 'string' ? ((root as Json).label as string) : undefined;
  const docs = new Map<string, IncomingDoc>();
  const byIri = new Map<string, Incoming>();
  const links: { item: Json; where: string }[] = [];
  const unplaced: IncomingDoc = { match: { docId: '' }, annotations: [], unreadable: [], where: 'file' };
  items.forEach((item, i) => {
    const where = `items[${i}]${typeof item.id === 'string' ? ` ${item.id}` : ''}`;
    if (item.motivation === 'linking') {
      links.push({ item, where });
      return;
    }
    const target = (Array.isArray(item.target) ? item.target[0] : item.target) as Json | string | undefined;
    const source = typeof target === 'object' ? target?.source : target;
    if (typeof source !== 'string' || !source) {
      unplaced.unreadable.push(`${where}: its target names no source document`);
      return;
    }
    const area = typeof target === 'object' ? areaOf(target) : undefined;
    const place = typeof target === 'object' ? (placeOf(target) ?? (area ? { empty: true as const } : null)) : null;
    const docId = DOC_IRI.exec(source)?.[1];
    const doc = docs.get(source) ?? docs.set(source, { match: { find: { ...(docId ? { docId } : { source }), ...(title ? { title } : {}), quotes: [] } }, annotations: [], relations: [], unreadable: [], where: source }).get(source)!;
    if (!place) {
      doc.unreadable.push(`${where}: no TextQuoteSelector or TextPositionSelector`);
      return;
    }
    if ('quote' in place && place.quote && 'find' in doc.match) doc.match.find.quotes.push(place.quote);
    const incoming = { ...readBodies(item, place, where, colors), ...(area ? { area } : {}) };
    doc.annotations.push(incoming);
    if (typeof item.id === 'string') byIri.set(item.id, incoming);
  });
  for (const { item, where } of links) {
    const ends = ([] as unknown[]).concat(item.target ?? []) as Json[];
    const [from, to] = ends.map((t) => (typeof t?.id === 'string' ? byIri.get(t.id) : undefined));
    const bodies = ([] as unknown[]).concat(item.body ?? []) as Json[];
    const type = bodies.find((b) => ([] as unknown[]).concat(b?.purpose ?? []).includes('classifying') && typeof b.value === 'string')?.value as string | undefined;
    const source = typeof ends[0]?.source === 'string' ? ends[0].source : '';
    const doc = docs.get(source);
    if (ends.length !== 2 || !type) unplaced.unreadable.push(`${where}: a relation needs two targets and a classifying body naming its type`);
    else if (!doc || !from || !to || from.kind !== 'entity' || to.kind !== 'entity') unplaced.unreadable.push(`${where}: a relation whose ends are not entity mentions of this file`);
    else doc.relations!.push({ from, to, type, where });
  }
  return [...docs.values(), ...(unplaced.unreadable.length ? [unplaced] : [])];
}

function annotationsOf(root: unknown): Json[] {
  const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => !!x && typeof x === 'object') : []);
  if (Array.isArray(root)) return list(root);
  const obj = (root ?? {}) as Json;
  const types = ([] as unknown[]).concat(obj.type ?? []);
  if (types.includes('AnnotationCollection')) return list(((obj.first ?? {}) as Json).items);
  if (types.includes('AnnotationPage')) return list(obj.items);
  return [obj];
}

function placeOf(target: Json): Place | null {
  const selectors = ([] as unknown[]).concat(target.selector ?? []) as Json[];
  const quote = selectors.find((s) => s?.type === 'TextQuoteSelector');
  const position = selectors.find((s) => s?.type === 'TextPositionSelector');
  const hasPosition = position && Number.isInteger(position.start) && Number.isInteger(position.end);
  if (quote && typeof quote.exact === 'string') {
    return {
      quote: quote.exact,
      prefix: typeof quote.prefix === 'string' ? quote.prefix : '',
      suffix: typeof quote.suffix === 'string' ? quote.suffix : '',
      ...(hasPosition ? { start: position.start as number, end: position.end as number } : {}),
    };
  }
  return hasPosition ? { start: position.start as number, end: position.end as number } : null;
}

/** A rectangle on a PDF page as our export writes it: FragmentSelector page=N refined by xywh=x,y,w,h. */
function areaOf(target: Json): Incoming['area'] {
  const selectors = ([] as unknown[]).concat(target.selector ?? []) as Json[];
  for (const s of selectors) {
    const page = s?.type === 'FragmentSelector' && typeof s.value === 'string' ? /^page=(\d{1,6})$/.exec(s.value) : null;
    const refined = (s?.refinedBy ?? null) as Json | null;
    const box = refined?.type === 'FragmentSelector' && typeof refined.value === 'string' ? /^xywh=(?:pixel:)?(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(refined.value) : null;
    if (page && box && Number(page[1]) >= 1) return { page: Number(page[1]), xywh: [Number(box[1]), Number(box[2]), Number(box[3]), Number(box[4])] };
  }
  return undefined;
}

function readBodies(item: Json, place: Place, where: string, colors: readonly ColorMeaning[]): Incoming {
  const bodies = ([] as unknown[]).concat(item.body ?? []) as Json[];
  const incoming: Incoming = { kind: 'highlight', place, where };
  const comments: string[] = [];
  let markdown = true;
  if (typeof item.bodyValue === 'string') {
    comments.push(item.bodyValue);
    markdown = false;
  }
  for (const body of bodies) {
    const purpose = ([] as unknown[]).concat(body?.purpose ?? item.motivation ?? []);
    const value = typeof body?.value === 'string' ? body.value : undefined;
    if (purpose.includes('tagging') && value) {
      incoming.kind = 'entity';
      incoming.label = value;
    } else if (purpose.includes('identifying')) {
      const iri = typeof body.source === 'string' ? body.source : typeof body.id === 'string' ? body.id : '';
      const id = ENTITY_IRI.exec(iri)?.[1];
      if (id) incoming.entityId = id;
    } else if (purpose.includes('highlighting') && value) {
      incoming.color = colorFor(value, colors);
    } else if (value) {
      comments.push(value);
      markdown &&= body.format === 'text/markdown';
    }
  }
  if (incoming.entityId) incoming.kind = 'entity';
  if (incoming.kind === 'entity') delete incoming.color;
  if (comments.length) {
    incoming.comment = comments.join('\n\n');
    incoming.commentFormat = markdown ? 'text/markdown' : 'text/plain';
  }
  return incoming;
}

/** Our export writes the colour's meaning ("Important"); other tools may write the colour itself. */
function colorFor(value: string, colors: readonly ColorMeaning[]): HighlightColor | undefined {
  const named = colors.find((c) => c.name.toLowerCase() === value.toLowerCase())?.color;
  return named ?? HIGHLIGHT_COLORS.find((c) => c === value.toLowerCase());
}
