import type { AppStore } from '../store';
import { allCommands } from './registry';
import { commandContext } from './use-command-keys';

/** Runs a command by id, as its key would (buttons that mirror a shortcut go through the same code). */
export function runCommand(store: AppStore, id: string): void {
  const ctx = commandContext(store);
  const command = allCommands().find((c) => c.id === id);
  if (command?.isEnabled(ctx)) command.run(ctx);
}
