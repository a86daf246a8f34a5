import { appCommands } from './app-commands';
import { entityCommands } from './entity-commands';
import { exportCommands } from './export-commands';
import { importCommands } from './import-commands';
import { layerCommands } from './layer-commands';
import { findConflicts, type Combo } from './keys';
import { navigationCommands } from './navigation-commands';
import { pageCommands } from './page-commands';
import { readerCommands } from './reader-commands';
import type { Command, CommandContext } from './types';

/** Every command, in the order the palette and the shortcuts sheet list them. */
const builtIn: Command[] = [...appCommands, ...navigationCommands, ...importCommands, ...exportCommands, ...readerCommands, ...pageCommands, ...entityCommands, ...layerCommands];
const extra: Command[] = [];

export const allCommands = (): readonly Command[] => (extra.length ? [...builtIn, ...extra] : builtIn);

/** For features that bring their own commands (e.g. export); ignored if the id is taken. */
export function registerCommand(command: Command): void {
  if (!allCommands().some((c) => c.id === command.id)) extra.push(command);
}

export const bindingsOf = (command: Command, overrides: Readonly<Record<string, readonly Combo[]>>): readonly Combo[] => overrides[command.id] ?? command.keys;

export function allBindings(overrides: Readonly<Record<string, readonly Combo[]>>): Record<string, readonly Combo[]> {
  return Object.fromEntries(allCommands().map((c) => [c.id, bindingsOf(c, overrides)]));
}

export const conflictsOf = (overrides: Readonly<Record<string, readonly Combo[]>>) => findConflicts(allBindings(overrides));

/** The first enabled command bound to this combo. */
export function commandFor(combo: Combo, ctx: CommandContext): Command | undefined {
  const overrides = ctx.state.keyOverrides;
  return allCommands().find((c) => bindingsOf(c, overrides).includes(combo) && c.isEnabled(ctx));
}

export function commandTitle(command: Command, ctx: CommandContext, t: (key: string, args?: Record<string, string | number>) => string): string {
  return t(command.title, command.titleArgs?.(ctx));
}
