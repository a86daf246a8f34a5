import { ARTICLE_SELECTOR } from '../features/annotations/colors';
import { currentSelectionOffsets } from '../features/annotations/selection-offsets';
import { activePageView, type PageSelection } from '../features/pages/page-view-registry';
import { defineCommands, type CommandContext } from './types';

/** The open document (id and text), when the reader shows one. */
export function openDoc({ state, route }: CommandContext): { id: string; text: string } | null {
  if (route.name !== 'document' || state.reader?.id !== route.id || !state.reader.content) return null;
  return { id: route.id, text: state.reader.content.text };
}

const inReader = (ctx: CommandContext) => openDoc(ctx) !== null;
/** Undo and redo also serve the reviewer's curation of gold (#18). */
const canUndoHere = (ctx: CommandContext) => inReader(ctx) || (ctx.route.name === 'review' && ctx.state.review?.docId === ctx.route.id);

/** The reader's selection as offsets (with its place on the page, in the page view), cleared once taken; null when nothing is selected. */
export function takeSelection(text: string): (Omit<PageSelection, 'geometry'> & { geometry?: PageSelection['geometry'] }) | null {
  const range = currentSelectionOffsets(document.querySelector(ARTICLE_SELECTOR), text) ?? activePageView()?.selection() ?? null;
  if (range && 'area' in range && range.area) activePageView()?.clearArea();
  else if (range) document.getSelection()?.removeAllRanges();
  return range;
}

function highlight(ctx: CommandContext, withComment: boolean) {
  const doc = openDoc(ctx);
  const range = doc && takeSelection(doc.text);
  if (!doc || !range) return false;
  if (range.area && range.geometry?.[0]) void ctx.store.getState().createArea(doc.id, range.geometry[0], { color: 'yellow' }, { withComment, text: range });
  else void ctx.store.getState().createHighlight(doc.id, range, 'yellow', { withComment });
}

/** Walks placed annotations in text order, from the open one (or the top). */
function stepAnnotation(ctx: CommandContext, delta: 1 | -1) {
  const state = ctx.store.getState();
  const items = (state.annotations?.items ?? []).filter((a) => !a.orphan && a.kind !== 'relation').sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end);
  if (!items.length) return;
  const at = items.findIndex((a) => a.id === (state.activeAnnotation?.id ?? lastVisited));
  const next = items[at < 0 ? (delta > 0 ? 0 : items.length - 1) : (at + delta + items.length) % items.length]!;
  lastVisited = next.id;
  state.setFocusedMention(next.kind === 'entity' ? next.id : null);
  state.focusOffset(next.target.start, next.id);
}
let lastVisited: string | null = null;

export const readerCommands = defineCommands(
  { id: 'reader.highlight', title: 'cmd.highlight', group: 'reader', keys: ['h'], isEnabled: inReader, run: (ctx) => highlight(ctx, false) },
  { id: 'reader.note', title: 'cmd.note', group: 'reader', keys: ['n'], isEnabled: inReader, run: (ctx) => highlight(ctx, true) },
  {
    id: 'reader.find',
    title: 'cmd.find',
    group: 'reader',
    keys: ['mod+f'],
    whileTyping: true,
    isEnabled: inReader,
    run: ({ store }) => store.getState().openFind(),
  },
  {
    id: 'reader.undo',
    title: 'cmd.undo',
    group: 'reader',
    keys: ['mod+z'],
    isEnabled: (ctx) => canUndoHere(ctx) && ctx.state.undoStack.past.length > 0,
    run: ({ store }) => void store.getState().undo(),
  },
  {
    id: 'reader.redo',
    title: 'cmd.redo',
    group: 'reader',
    keys: ['mod+shift+z', 'mod+y'],
    isEnabled: (ctx) => canUndoHere(ctx) && ctx.state.undoStack.future.length > 0,
    run: ({ store }) => void store.getState().redo(),
  },
  { id: 'reader.nextAnnotation', title: 'cmd.nextAnnotation', group: 'reader', keys: [']'], isEnabled: inReader, run: (ctx) => stepAnnotation(ctx, 1) },
  { id: 'reader.previousAnnotation', title: 'cmd.previousAnnotation', group: 'reader', keys: ['['], isEnabled: inReader, run: (ctx) => stepAnnotation(ctx, -1) },
);
