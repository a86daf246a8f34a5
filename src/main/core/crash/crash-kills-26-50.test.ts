import { describe, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { KILLS, killAtRandomAndCheck } from './random-kills';

const tempDir = useTempDirs();

describe('crash safety', () => {
  it(`never loses an acknowledged document or annotation when the writer is killed at random (kills 26–50 of ${KILLS})`, async () => {
    await killAtRandomAndCheck(await tempDir(), 26, 50);
    // Bound by the count of kills, not the clock: each child runs its full sequence whatever the
    // load, so the budget is only a backstop (the 50 kills took past 240 s at load 12).
  }, 1_800_000);
});
