import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temp folder, its own port and socket
 * folder, a fresh database per run, removed afterwards. Under root it runs as the postgres
 * user (PostgreSQL refuses to run as root). Absent binaries: null, and the caller skips.
 */
export interface TestPostgres {
  url: (database: string) => string;
  createDatabase(name: string): string;
  /** the server process's pid (the tests that kill the team server leave this one alone) */
  stop(): void;
}

export function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

export const POSTGRES_MISSING = 'SKIPPED: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): the team server tests did not run. Install it: apt-get install postgresql';

export function startTestPostgres(): TestPostgres | null {
  const bin = postgresBin();
  if (!bin) return null;
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asPg = (cmd: string, args: string[]) => (root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));
  asPg(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  // A free port: ask the kernel for one through a throwaway listener (synchronously, in a child).
  // (without NODE_OPTIONS: a test runner's loader must not run in that child)
  const probe = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log('port='+s.address().port);s.close()})";
  const freePort = () => Number(/port=(\d+)/.exec(execFileSync(process.execPath, ['-e', probe], { env: { ...process.env, NODE_OPTIONS: '' } }).toString())?.[1]);
  const startOn = (port: number) => asPg(join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  // Test files run side by side (vitest.config.ts): another one's server may take the port
  // between the probe and PostgreSQL's start. Then PostgreSQL exits, and a second port is tried.
  let port = freePort();
  try {
    startOn(port);
  } catch {
    port = freePort();
    startOn(port);
  }
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url,
    createDatabase(name) {
      spawnSync(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
      return url(name);
    },
    stop() {
      try {
        asPg(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
