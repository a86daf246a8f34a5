/**
 * One of the processes lock.test.ts starts at once: prints "ready", waits for "go" on stdin,
 * tries to take the archive lock, prints "won" or "lost <reason>", and holds what it got
 * until stdin closes. Run as `node --import tsx lock-child.ts ARCHIVE`.
 */
import { acquireLock } from './lock';

const dir = process.argv[2]!;
process.stdout.write('ready\n');
process.stdin.once('data', async () => {
  try {
    const lock = await acquireLock(dir, `lock child ${process.pid}`);
    process.stdout.write('won\n');
    process.stdin.once('end', () => void lock.release().then(() => process.exit(0)));
  } catch (error) {
    process.stdout.write(`lost ${(error as Error).message.replace(/\n/g, ' ')}\n`);
    process.stdin.once('end', () => process.exit(0));
  }
  process.stdin.resume();
});
