import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // A backstop, not a speed check: tests bound their work by count, and a machine under
    // load (CI beside other jobs, load 12) may take several times longer than an idle one.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
