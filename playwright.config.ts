import { defineConfig } from '@playwright/test';

/**
 * e2e runs the real renderer against the real core: browser mode (marginalia serve) in
 * Debian's Chromium, and the desktop app through Playwright's _electron when its binary exists.
 * Build first: npm run build.
 */
export default defineConfig({
  testDir: 'e2e',
  // One temp folder per run, removed at its end (e2e/run-tmpdir.ts): specs leave nothing in /tmp.
  globalSetup: './e2e/run-tmpdir.ts',
  workers: 2,
  // Every test starts its own server on its own archive (fixtures.ts), so the tests of one file
  // need not run one after another in one worker: spread them over both, and a long file (the
  // 2,000-document library, OCR) no longer holds one worker while the other has run out of files.
  fullyParallel: true,
  retries: 0,
  reporter: 'list',
  // Budgets are backstops for a machine under load, never a speed check (speed: npm run bench).
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testIgnore: /electron\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 860 },
        // The interface follows the system language; the suite reads English names.
        locale: 'en-US',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
          ],
        },
      },
    },
    {
      name: 'electron',
      testMatch: /electron\.spec\.ts$/,
    },
  ],
});
