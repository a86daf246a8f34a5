import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives one Playwright run its own temp folder and removes it when the run ends. Specs and
 * fixtures make their input folders and archives with mkdtemp(tmpdir()), and the servers they
 * start write their own temp files; os.tmpdir() follows TMPDIR, which the workers and every
 * child they spawn inherit from here. So a spec that does not clean up after itself (or a run
 * stopped half-way) no longer leaves folders in /tmp: one rm at the end takes everything.
 * mkdtemp makes the folder 0700; under root the team spec's PostgreSQL runs as the postgres
 * user, who must pass through it to reach its cluster (test-postgres.ts), so others may enter
 * (0711) but not list it.
 */
export default function runTmpdir(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-run-'));
  chmodSync(dir, 0o711);
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
