import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** External checkers the export tests run when this machine has them (skipped with a reason otherwise). */
export const VALIDATORS = resolve(ROOT, '../shared/validators');
export const hasValidators = existsSync(VALIDATORS);
export const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
/** markdownlint-cli2, a dev dependency: the linter the issue names, at a pinned version. */
export const MARKDOWNLINT = resolve(ROOT, 'node_modules/.bin/markdownlint-cli2');
export const hasMarkdownlint = existsSync(MARKDOWNLINT);

export function run(cmd: string, args: string[], cwd?: string): { status: number | null; output: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export function skipNote(what: string, available: boolean): void {
  if (!available) console.warn(`skipped: ${what} is not available on this machine`);
}
