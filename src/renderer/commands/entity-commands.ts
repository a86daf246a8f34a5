import { openDoc, takeSelection } from './reader-commands';
import { defineCommands, type Command, type CommandContext } from './types';

const inReader = (ctx: CommandContext) => openDoc(ctx) !== null;

/** 1..9: tag the selection with label n, or relabel the mention whose popover is open (brat, doccano). */
function tagCommand(n: number): Command {
  return {
    id: `entities.tag${n}`,
    title: 'cmd.tagNamed',
    titleArgs: ({ state }) => ({ name: state.labels[n - 1]?.name ?? String(n), n }),
    group: 'entities',
    keys: [String(n)],
    isEnabled: (ctx) => inReader(ctx) && ctx.state.labels.length >= n,
    run: (ctx) => {
      const doc = openDoc(ctx)!;
      const state = ctx.store.getState();
      const label = state.labels[n - 1]!;
      const range = takeSelection(doc.text);
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

export const entityCommands = [
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(tagCommand),
  ...defineCommands({
    id: 'entities.suggest',
    title: 'cmd.suggest',
    group: 'entities',
    keys: ['s'],
    isEnabled: inReader,
    run: (ctx) => void ctx.store.getState().toggleSuggestions(openDoc(ctx)!.id),
  }),
];
