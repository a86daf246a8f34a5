import { libraryHref } from '../routing';
import { go, whenPresent } from './dom';
import { defineCommands, type CommandContext } from './types';

const idle = ({ state }: CommandContext) => state.importRun === null;

/** In the desktop app a native dialog; in the browser, the library's hidden file inputs. */
function pick(ctx: CommandContext, folder: boolean) {
  const state = ctx.store.getState();
  if (state.info?.shell === 'electron') {
    void state.importWithDialog(folder);
    return;
  }
  go(libraryHref);
  whenPresent<HTMLInputElement>(folder ? 'input[data-import="folder"]' : 'input[data-import="files"]', (input) => input.click());
}

export const importCommands = defineCommands(
  { id: 'import.files', title: 'cmd.importFiles', group: 'library', keys: ['mod+o'], isEnabled: idle, run: (ctx) => pick(ctx, false) },
  { id: 'import.folder', title: 'cmd.importFolder', group: 'library', keys: ['mod+shift+o'], isEnabled: idle, run: (ctx) => pick(ctx, true) },
);
