import { openDoc, takeSelection } from './reader-commands';
import type { Label } from '../../shared/model';
import { displayName } from '../features/entities/label-keys';
import { defineCommands, type Command, type CommandContext } from './types';

const labelTitle = (label: Label | undefined, n: number) => (label ? displayName(label) : String(n));

const inReader = (ctx: CommandContext) => openDoc(ctx) !== null;

/** 1..9: tag the selection with label n, or relabel the mention whose popover is open (brat, doccano). */
function tagCommand(n: number): Command {
  return {
    id: `entities.tag${n}`,
    title: 'cmd.tagNamed',
    titleArgs: ({ state }) => ({ name: labelTitle(state.labels[n - 1], n), n }),
    group: 'entities',
    keys: [String(n)],
    isEnabled: (ctx) => inReader(ctx) && ctx.state.labels.length >= n,
    run: (ctx) => {
      const doc = openDoc(ctx)!;
      const state = ctx.store.getState();
      const label = state.labels[n - 1]!;
      const range = takeSelection(doc.text);
      if (range?.area && range.geometry?.[0]) {
        void state.createArea(doc.id, range.geometry[0], { label: label.id }, { text: range });
        return;
      }
      if (range) {
        void state.createMention(doc.id, range, label.id);
        return;
      }
      const open = state.activeAnnotation ? state.annotations?.items.find((a) => a.id === state.activeAnnotation!.id) : undefined;
      if (open?.kind !== 'entity') return false;
      void state.relabelMention(open.id, label.id);
    },
  };
}

/**
 * Alt+1..9: tag the current find hit with label n. With Ctrl+F to find a name and Enter to
 * step through its hits, this tags any text without a mouse (a reader has no caret).
 */
function tagFindHitCommand(n: number): Command {
  const currentHit = (ctx: CommandContext) => {
    const { find } = ctx.store.getState();
    return find.open && find.current >= 0 ? find.hits[find.current] : undefined;
  };
  return {
    id: `entities.tagFindHit${n}`,
    title: 'cmd.tagFindHit',
    titleArgs: ({ state }) => ({ name: labelTitle(state.labels[n - 1], n), n }),
    group: 'entities',
    keys: [`alt+${n}`],
    whileTyping: true,
    isEnabled: (ctx) => inReader(ctx) && ctx.state.labels.length >= n && currentHit(ctx) !== undefined,
    run: (ctx) => {
      const [start, end] = currentHit(ctx)!;
      const state = ctx.store.getState();
      // Exactly the hit as shown (grown or shrunk by words): no snapping.
      void state.createMention(openDoc(ctx)!.id, { start, end }, state.labels[n - 1]!.id, undefined, true);
    },
  };
}

/** The mention a relation starts from: the one whose popover is open, else the one ] or [ went to. */
function mentionToRelate(ctx: CommandContext): string | null {
  const state = ctx.store.getState();
  const items = state.annotations?.items ?? [];
  const isMention = (id: string | null | undefined) => !!id && items.some((a) => a.id === id && a.kind === 'entity' && !a.orphan);
  if (isMention(state.activeAnnotation?.id)) return state.activeAnnotation!.id;
  return isMention(state.focusedMention) ? state.focusedMention : null;
}

/** Shift+Alt+→ / ←: the current find hit grows or shrinks by a word before a label key tags it. */
function resizeHitCommand(delta: 1 | -1): Command {
  return {
    id: delta > 0 ? 'entities.growHit' : 'entities.shrinkHit',
    title: delta > 0 ? 'cmd.growHit' : 'cmd.shrinkHit',
    group: 'entities',
    keys: [delta > 0 ? 'alt+shift+arrowright' : 'alt+shift+arrowleft'],
    whileTyping: true,
    isEnabled: (ctx) => {
      const { find } = ctx.store.getState();
      return inReader(ctx) && find.open && find.current >= 0;
    },
    run: (ctx) => ctx.store.getState().resizeFindHit(delta),
  };
}

export const entityCommands = [
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(tagCommand),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(tagFindHitCommand),
  resizeHitCommand(1),
  resizeHitCommand(-1),
  ...defineCommands({
    id: 'entities.suggest',
    title: 'cmd.suggest',
    group: 'entities',
    keys: ['s'],
    isEnabled: inReader,
    run: (ctx) => void ctx.store.getState().toggleSuggestions(openDoc(ctx)!.id),
  }),
  ...defineCommands({
    id: 'entities.relate',
    title: 'cmd.relate',
    group: 'entities',
    keys: ['r'],
    isEnabled: (ctx) => inReader(ctx) && mentionToRelate(ctx) !== null,
    run: (ctx) => ctx.store.getState().startLinking(mentionToRelate(ctx)!),
  }),
];
