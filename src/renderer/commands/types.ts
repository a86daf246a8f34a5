import type { Route } from '../routing';
import type { AppState, AppStore } from '../store';
import type { Combo } from './keys';

/** What a command sees when it is asked whether it applies, and when it runs. */
export interface CommandContext {
  store: AppStore;
  state: AppState;
  route: Route;
}

export type CommandGroup = 'app' | 'library' | 'reader' | 'entities';

/**
 * One thing the user can do, as data (STYLE.md item 8): the palette, the shortcuts sheet,
 * the key handler and Settings all read the same list.
 */
export interface Command {
  id: string;
  /** i18n key of the title */
  title: string;
  /** interpolation for the title, e.g. the label name of "Tag as …" */
  titleArgs?(ctx: CommandContext): Record<string, string | number>;
  group: CommandGroup;
  /** default shortcuts; the user can rebind them in Settings */
  keys: Combo[];
  /** fires even while focus is in a field or an editor (Ctrl+K, Ctrl+F) */
  whileTyping?: boolean;
  /** fires even while a modal dialog is open (Alt+N: the toasts move into the dialog) */
  inDialogs?: boolean;
  isEnabled(ctx: CommandContext): boolean;
  /** false: the key was not for this command after all (h with nothing selected), so the browser keeps it */
  run(ctx: CommandContext): void | boolean;
}

export const defineCommands = (...commands: Command[]): Command[] => commands;
