import { spawn } from 'node:child_process';
import { childBundle } from '../test-support/child-bundle';

/**
 * Runs a crash child (a script that prints "ready", then one line per acknowledged write) on
 * an archive and SIGKILLs it `ms` after it has acknowledged `acksBeforeKill` writes: the work
 * before the kill is bound by count, so a busy machine cannot make a child die idle. Answers
 * the whole lines it printed after "ready" (the kill may have cut the last one). The script runs
 * bundled (see child-bundle.ts): the same code, without compiling the core again per kill.
 */
export async function killChild(script: string, archiveDir: string, seed: number, ms: number, acksBeforeKill = 0): Promise<string[]> {
  const bundle = await childBundle(script);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bundle, archiveDir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!armed && out.startsWith('ready\n') && out.split('\n').length - 2 >= acksBeforeKill) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), ms);
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself (${code}): ${err}`));
      resolvePromise(out.split('\n').slice(1, -1));
    });
  });
}
