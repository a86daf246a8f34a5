import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { sandboxedNodeCommand } from './pdf-process';

const tempDir = useTempDirs();

const versions = (node: string, electron?: string): NodeJS.ProcessVersions =>
  ({ ...process.versions, node, ...(electron ? { electron } : { electron: undefined }) }) as NodeJS.ProcessVersions;

describe('sandboxedNodeCommand', () => {
  it('picks the permission flag by Node major and grants reads only', () => {
    const node20 = sandboxedNodeCommand('/app/w.mjs', ['/pdfjs'], ['/pdfjs'], 512, versions('20.20.2'));
    expect(node20.args).toEqual([
      '--experimental-permission',
      '--allow-fs-read=/pdfjs',
      '--allow-fs-read=/app/w.mjs',
      '--max-old-space-size=512',
      '--disable-warning=ExperimentalWarning',
      '/app/w.mjs',
      '/pdfjs',
    ]);
    expect(node20.env).toEqual({});
    const electron = sandboxedNodeCommand('/app/w.mjs', [], [], 512, versions('24.11.0', '41.7.1'));
    expect(electron.args[0]).toBe('--permission');
    expect(electron.env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
    expect(electron.command).toBe(process.execPath);
  });

  it('denies reading elsewhere, writing, spawning and workers in the child', async () => {
    const dir = await tempDir('marginalia-sandbox-');
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      `import fs from 'node:fs';
const tries = {
  read: () => fs.readFileSync('/etc/hostname'),
  write: () => fs.writeFileSync(${JSON.stringify(join(dir, 'out.txt'))}, 'x'),
  spawn: () => (process.getBuiltinModule('node:child_process')).execSync('true'),
  worker: () => new (process.getBuiltinModule('node:worker_threads').Worker)('1', { eval: true }),
};
const result = {};
for (const [name, attempt] of Object.entries(tries)) {
  try { attempt(); result[name] = 'allowed'; } catch (e) { result[name] = e.code ?? String(e); }
}
process.stdout.write(JSON.stringify(result));`,
    );
    const { command, args, env } = sandboxedNodeCommand(probe, [], [], 64);
    const run = spawnSync(command, args, { env, encoding: 'utf8' });
    expect(JSON.parse(run.stdout)).toEqual({ read: 'ERR_ACCESS_DENIED', write: 'ERR_ACCESS_DENIED', spawn: 'ERR_ACCESS_DENIED', worker: 'ERR_ACCESS_DENIED' });
  });
});
