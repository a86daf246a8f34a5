import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives one Playwright run its own temp folder and removes it when the run ends. Specs and
 * fixtures make their input folders and archives with mkdtemp(tmpdir()), and the servers they
 * start write their own temp files; os.tmpdir() follows TMPDIR, which the workers and every
 * child they spawn inherit from here. So a spec that does not clean up after itself (or a run
 * stopped half-way) no longer leaves folders in /tmp: one rm at the end takes everything.
 */
export default function runTmpdir(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-run-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
