import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * vitest's globalSetup: one temp folder per run, removed when the run ends (e2e/run-tmpdir.ts
 * does the same for Playwright). Tests make their folders with mkdtemp(tmpdir()) and the code
 * under test and the children it spawns write their own temp files; os.tmpdir() follows
 * TMPDIR, which the workers and their children inherit from here. So what a test leaves (a
 * folder recreated by work that outlives it, a run stopped half-way) goes with the run
 * instead of piling up in /tmp. 0711: the team tests' PostgreSQL runs as the postgres user
 * under root and must pass through to its cluster (server-team/test-postgres.ts).
 */
export default function runTmpdir(): () => void {
  const outer = tmpdir();
  const dir = mkdtempSync(join(outer, 'marginalia-unit-run-'));
  chmodSync(dir, 0o711);
  keepTsxCache(outer, dir);
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

/**
 * tsx (the parse workers' loader in tests) caches its compiled files in tmpdir()/tsx-<uid>:
 * a link to the usual one keeps that cache across runs, as it was before this folder, and
 * removing the run's folder removes the link, not the cache.
 */
function keepTsxCache(outer: string, dir: string): void {
  const name = `tsx-${process.geteuid?.() ?? userInfo().username}`;
  try {
    mkdirSync(join(outer, name), { recursive: true, mode: 0o700 });
    symlinkSync(join(outer, name), join(dir, name), 'dir');
  } catch {
    // No link (a system that refuses them): tsx makes its cache inside the run's folder.
  }
}
