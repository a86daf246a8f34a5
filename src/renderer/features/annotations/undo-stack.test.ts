import { describe, expect, it } from 'vitest';
import { emptyStack, pushCommand, takeRedo, takeUndo, type Command } from './undo-stack';

/** A counter changed through commands, as the core's annotations are. */
function counter() {
  const state = { value: 0 };
  const add = (n: number, mergeKey?: string): Command => ({
    label: `add ${n}`,
    mergeKey,
    undo: async () => void (state.value -= n),
    redo: async () => void (state.value += n),
  });
  return { state, add };
}

describe('undo stack', () => {
  it('undoes and redoes in order', async () => {
    const { state, add } = counter();
    let stack = emptyStack();
    for (const n of [1, 10]) {
      state.value += n;
      stack = pushCommand(stack, add(n));
    }
    let step = takeUndo(stack)!;
    await step.command.undo();
    stack = step.stack;
    expect(state.value).toBe(1);
    step = takeUndo(stack)!;
    await step.command.undo();
    stack = step.stack;
    expect(state.value).toBe(0);
    expect(takeUndo(stack)).toBeNull();

    step = takeRedo(stack)!;
    await step.command.redo();
    stack = step.stack;
    expect(state.value).toBe(1);
    expect(stack.past.map((c) => c.label)).toEqual(['add 1']);
    expect(stack.future.map((c) => c.label)).toEqual(['add 10']);
  });

  it('a new change clears what could be redone', () => {
    const { add } = counter();
    let stack = pushCommand(emptyStack(), add(1));
    stack = takeUndo(stack)!.stack;
    expect(stack.future).toHaveLength(1);
    stack = pushCommand(stack, add(2));
    expect(stack.future).toHaveLength(0);
    expect(takeRedo(stack)).toBeNull();
  });

  it('folds consecutive edits with one merge key: undo goes back to before the first', async () => {
    const { state, add } = counter();
    let stack = emptyStack();
    for (const n of [1, 2, 3]) {
      state.value += n;
      stack = pushCommand(stack, add(n, 'comment:a'));
    }
    expect(stack.past).toHaveLength(1);
    const step = takeUndo(stack)!;
    await step.command.undo();
    // the merged command undoes with the first edit's undo: in the app that restores the comment from before the session
    expect(state.value).toBe(5);
  });

  it('does not merge across an undo, nor different keys', () => {
    const { add } = counter();
    let stack = pushCommand(emptyStack(), add(1, 'k'));
    stack = pushCommand(stack, add(2, 'other'));
    expect(stack.past).toHaveLength(2);
    stack = takeUndo(stack)!.stack;
    stack = takeRedo(stack)!.stack;
    stack = pushCommand(stack, add(3, 'other'));
    expect(stack.past).toHaveLength(3);
  });
});
