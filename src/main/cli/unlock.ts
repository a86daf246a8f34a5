import { createInterface } from 'node:readline/promises';
import { breakLock, judgeLock, LOCK_FILE, type LockVerdict } from '../core/store/lock';
import type { Output } from './commands';

/** Asks the user on a terminal; answers null where there is no terminal to ask. */
export type Confirm = (question: string) => Promise<boolean | null>;

export const terminalConfirm: Confirm = async (question) => {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
};

function describe(verdict: LockVerdict): string {
  switch (verdict.state) {
    case 'free':
      return 'not locked';
    case 'alive':
      return `held by ${verdict.holder.owner} (process ${verdict.holder.pid}, since ${verdict.holder.since}), which is STILL RUNNING: breaking the lock lets two writers in and can lose their edits`;
    case 'stale':
      return `left by ${verdict.holder?.owner ?? 'an unknown process'}${verdict.holder ? ` (process ${verdict.holder.pid}, since ${verdict.holder.since})` : ''}: ${verdict.why}`;
    case 'unknown':
      return `held by ${verdict.holder.owner}: ${verdict.why}`;
  }
}

/** `marginalia unlock [--yes]`: removes archive.lock after the user confirms. */
export async function unlockCommand(archiveDir: string, yes: boolean, io: Output, confirm: Confirm = terminalConfirm): Promise<number> {
  const verdict = await judgeLock(archiveDir);
  if (verdict.state === 'free') {
    io.out(`The archive ${archiveDir} is not locked (no ${LOCK_FILE}).`);
    return 0;
  }
  io.err(`${LOCK_FILE} in ${archiveDir}: ${describe(verdict)}.`);
  if (!yes) {
    const answer = await confirm(`Remove ${LOCK_FILE}? Do this only if no Marginalia window or command is writing to this archive.`);
    if (answer === null) {
      io.err(`Not removed: confirm with --yes (marginalia unlock --yes) where there is no terminal to ask.`);
      return 1;
    }
    if (!answer) {
      io.err(`Not removed.`);
      return 1;
    }
  }
  await breakLock(archiveDir);
  io.out(`Removed ${LOCK_FILE}: the archive ${archiveDir} can be opened for writing again.`);
  return 0;
}
