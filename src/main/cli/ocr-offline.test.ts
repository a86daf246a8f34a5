import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanImage, scanPdf } from '../core/test-support/scan-fixture';
import { useTempDirs } from '../core/test-support/temp-dir';

/** The built CLI importing a scan: OCR must work with every way out of the machine closed, and try none. */
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/marginalia.mjs');
const tempDir = useTempDirs();

// Preloaded into the process and (through execArgv) every worker thread: any attempt to
// resolve a name or open a connection is written down and fails.
const TRIPWIRE = `
const fs = require('node:fs');
const log = (what) => { fs.appendFileSync(process.env.TRIPWIRE_LOG, what + '\\n'); };
const refuse = (what) => function () { log(what); throw new Error('network use refused by the test: ' + what); };
const net = require('node:net');
net.Socket.prototype.connect = refuse('net.connect');
for (const name of ['http', 'https']) { const m = require('node:' + name); m.request = refuse(name + '.request'); m.get = refuse(name + '.get'); }
const dns = require('node:dns');
dns.lookup = refuse('dns.lookup');
dns.promises.lookup = refuse('dns.promises.lookup');
globalThis.fetch = refuse('fetch');
`;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('The CLI is not built: run `npm run build` before these tests (npm test does).');
});

describe('OCR offline', () => {
  it('imports a scan and reads it with no network use at all', async () => {
    const dir = await tempDir();
    const preload = join(dir, 'tripwire.cjs');
    const log = join(dir, 'network.log');
    await writeFile(preload, TRIPWIRE);
    await writeFile(log, '');
    const scan = join(dir, 'letter.pdf');
    await writeFile(scan, scanPdf([scanImage(['Dear colleagues, the archive opens on Monday.'])]));
    const result = spawnSync(process.execPath, ['--require', preload, BIN, '--archive', join(dir, 'archive'), 'import', '--ocr-lang', 'eng', scan], {
      encoding: 'utf8',
      env: { ...process.env, MARGINALIA_ARCHIVE: '', TRIPWIRE_LOG: log },
      timeout: 300_000,
    });
    expect(result.stderr).not.toMatch(/network use refused/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/1 page read/);
    expect(readFileSync(log, 'utf8')).toBe('');
    const found = spawnSync(process.execPath, [BIN, '--archive', join(dir, 'archive'), 'search', 'Monday'], { encoding: 'utf8', env: { ...process.env, MARGINALIA_ARCHIVE: '' } });
    expect(found.stdout).toMatch(/1 document/);
  }, 320_000);
});
