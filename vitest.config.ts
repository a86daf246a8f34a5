import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // One temp folder per run, removed at its end: tests leave nothing in /tmp (test-support/run-tmpdir.ts).
    globalSetup: ['src/main/core/test-support/run-tmpdir.ts'],
    // Three test files at a time, whatever the core count. vitest's default (cores - 1) is one
    // file at a time on the 2-core machines CI and development use, and most of our long files
    // mostly wait (fsync, child processes, sockets, the inbox's settle time): one at a time left
    // the cores idle, and the suite's wall time was the sum of its files'. Every file works in
    // its own temp folders, on port 0, and sets no process-wide state, so files can overlap.
    maxWorkers: 3,
    // A backstop, not a speed check: tests bound their work by count, and a machine under
    // load (CI beside other jobs, load 12) may take several times longer than an idle one.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
