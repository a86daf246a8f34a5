import { i18n } from '../i18n';
import { emptyStack, pushCommand, takeRedo, takeUndo, type Command, type UndoStack } from '../features/annotations/undo-stack';
import type { SliceCreator } from './types';

export interface UndoSlice {
  /** the open document's changes that can be undone and redone */
  undoStack: UndoStack;
  undoBusy: boolean;
  recordCommand(command: Command): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  clearUndo(): void;
}

export const createUndoSlice: SliceCreator<UndoSlice> = () => (set, get) => {
  /** One step at a time: a second Ctrl+Z while the first is still at the core is dropped, not interleaved. */
  async function step(direction: 'undo' | 'redo') {
    if (get().undoBusy) return;
    const before = get().undoStack;
    const taken = direction === 'undo' ? takeUndo(before) : takeRedo(before);
    if (!taken) return;
    set({ undoStack: taken.stack, undoBusy: true });
    try {
      await taken.command[direction]();
    } catch (error) {
      set({ undoStack: before });
      get().pushAlert(i18n.t(direction === 'undo' ? 'alert.undo' : 'alert.redo', { label: taken.command.label }), error);
    } finally {
      set({ undoBusy: false });
    }
  }

  return {
    undoStack: emptyStack(),
    undoBusy: false,
    recordCommand: (command) => set((state) => ({ undoStack: pushCommand(state.undoStack, command) })),
    undo: () => step('undo'),
    redo: () => step('redo'),
    clearUndo: () => set({ undoStack: emptyStack() }),
  };
};
