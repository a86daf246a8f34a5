import { activePageView } from '../features/pages/page-view-registry';
import { HEADROOM, saveReadingPositionNow } from '../features/reader/use-reading-position';
import { offsetOfPage } from '../features/pages/page-offsets';
import { savePosition } from '../shell/reading-position';
import { openDoc } from './reader-commands';
import { defineCommands, type CommandContext } from './types';
import { isPaged } from '../../shared/model';

const onPdf = (ctx: CommandContext) => openDoc(ctx) !== null && isPaged(ctx.state.reader?.content?.meta.type);
const onPages = (ctx: CommandContext) => onPdf(ctx) && ctx.state.readerMode === 'pages' && activePageView() !== null;

/** Where a page's first block is put in the text view, in px from the window's top. */
const TOP = HEADROOM;

/** Pages ↔ text, at the same place: the page's first block, or the page of the first block in view. */
function toggleView(ctx: CommandContext) {
  const doc = openDoc(ctx)!;
  const state = ctx.store.getState();
  const blocks = state.reader?.content?.blocks ?? [];
  if (state.readerMode === 'pages') {
    const offset = offsetOfPage(blocks, activePageView()?.currentPage() ?? 1);
    if (offset !== null) savePosition(doc.id, { offset, top: TOP });
    state.setReaderMode('text');
    if (offset !== null) state.focusBlock(offset, TOP);
  } else {
    // The block the eye is on, saved now: a save still waiting for the scroll to end would put the pages elsewhere.
    saveReadingPositionNow(doc.id);
    state.setReaderMode('pages');
  }
}

export const pageCommands = defineCommands(
  { id: 'pages.toggle', title: 'cmd.togglePages', group: 'reader', keys: ['p'], isEnabled: onPdf, run: toggleView },
  { id: 'pages.zoomIn', title: 'cmd.zoomIn', group: 'reader', keys: ['mod+=', 'mod++'], isEnabled: onPages, run: () => activePageView()?.zoom(1) },
  { id: 'pages.zoomOut', title: 'cmd.zoomOut', group: 'reader', keys: ['mod+-'], isEnabled: onPages, run: () => activePageView()?.zoom(-1) },
  { id: 'pages.area', title: 'cmd.areaMode', group: 'reader', keys: ['a'], isEnabled: onPages, run: () => activePageView()?.toggleArea() },
);
