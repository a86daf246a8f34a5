/** One undoable change: what it did, and how to take it back. Both directions talk to the core. */
export interface Command {
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** consecutive commands with the same key fold into one (typing a comment is one edit) */
  mergeKey?: string;
}

export interface UndoStack {
  past: Command[];
  future: Command[];
}

export const emptyStack = (): UndoStack => ({ past: [], future: [] });

const LIMIT = 200;

/** A new change: clears what could be redone; folds into the last change when both share a merge key. */
export function pushCommand(stack: UndoStack, command: Command): UndoStack {
  const last = stack.past[stack.past.length - 1];
  if (command.mergeKey && last?.mergeKey === command.mergeKey) {
    const merged: Command = { ...command, undo: last.undo };
    return { past: [...stack.past.slice(0, -1), merged], future: [] };
  }
  return { past: [...stack.past, command].slice(-LIMIT), future: [] };
}

/** Takes the last change off for undoing; answers the command to run and the stack after it. */
export function takeUndo(stack: UndoStack): { command: Command; stack: UndoStack } | null {
  const command = stack.past[stack.past.length - 1];
  if (!command) return null;
  // Once undone, a change never merges with the next one.
  const settled: Command = { ...command, mergeKey: undefined };
  return { command, stack: { past: stack.past.slice(0, -1), future: [...stack.future, settled] } };
}

export function takeRedo(stack: UndoStack): { command: Command; stack: UndoStack } | null {
  const command = stack.future[stack.future.length - 1];
  if (!command) return null;
  return { command, stack: { past: [...stack.past, command], future: stack.future.slice(0, -1) } };
}
