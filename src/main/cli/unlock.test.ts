import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../core/test-support/temp-dir';
import { unlockCommand } from './unlock';

const tempDir = useTempDirs();
const BIN = resolve(import.meta.dirname, '../../../bin/marginalia.mjs');
const foreignLock = JSON.stringify({ pid: 4242, host: 'other-host.example', owner: 'marginalia serve', since: '2026-01-01T00:00:00.000Z', token: 't' });

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, io: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) } };
}

describe('marginalia unlock', () => {
  it('asks first; "no" keeps archive.lock, "yes" removes it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'archive.lock'), foreignLock);
    const questions: string[] = [];
    const no = capture();
    expect(await unlockCommand(dir, false, no.io, async (q) => (questions.push(q), false))).toBe(1);
    expect(existsSync(join(dir, 'archive.lock'))).toBe(true);
    expect(no.lines.err[0]).toMatch(/^archive\.lock in .*: held by marginalia serve: archive\.lock names another computer \(other-host\.example/);
    expect(questions[0]).toMatch(/^Remove archive\.lock\?/);
    const yes = capture();
    expect(await unlockCommand(dir, false, yes.io, async () => true)).toBe(0);
    expect(existsSync(join(dir, 'archive.lock'))).toBe(false);
    expect(yes.lines.out).toEqual([`Removed archive.lock: the archive ${dir} can be opened for writing again.`]);
  });

  it('says so when there is no lock', async () => {
    const dir = await tempDir();
    const c = capture();
    expect(await unlockCommand(dir, false, c.io, async () => true)).toBe(0);
    expect(c.lines.out[0]).toMatch(/is not locked \(no archive\.lock\)/);
  });

  it.runIf(existsSync(resolve(import.meta.dirname, '../../../out/main/cli.js')))('the real CLI without a terminal refuses without --yes, and removes the lock with --yes', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'archive.lock'), foreignLock.replace('other-host.example', hostname()).replace('4242', String(process.pid)));
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, '--archive', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const blocked = cli('import', '/nonexistent.txt');
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toMatch(/already open for writing by marginalia serve.*marginalia unlock \(it removes archive\.lock\)/);
    const refused = cli('unlock');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/STILL RUNNING[\s\S]*confirm with --yes/);
    expect(existsSync(join(dir, 'archive.lock'))).toBe(true);
    const done = cli('unlock', '--yes');
    expect(done.status).toBe(0);
    expect(existsSync(join(dir, 'archive.lock'))).toBe(false);
  });
});
