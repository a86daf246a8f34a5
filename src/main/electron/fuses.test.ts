import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../core/test-support/temp-dir';
import { setFuses } from './fuses';

const tempDir = useTempDirs();
// @electron/fuses finds the fuse wire after this sentinel: version 1, its length, one byte per fuse ('0' off, '1' on).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ORDER = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges'];

describe('Electron fuses', () => {
  it('sets every fuse of a (synthetic) Electron binary: no NODE_OPTIONS or --inspect, asar only and checked, RunAsNode kept for the PDF reader', async () => {
    const binary = join(await tempDir(), 'electron');
    const before = '1'.repeat(ORDER.length - 2) + '00'; // Electron 41's defaults: the last two off
    await writeFile(binary, Buffer.concat([Buffer.from('ELF…code…'), Buffer.from(SENTINEL), Buffer.from([1, ORDER.length]), Buffer.from(before), Buffer.from('…more code')]));
    expect(await setFuses(binary)).toBe(1);
    const bytes = await readFile(binary);
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
    const wire = Object.fromEntries(ORDER.map((name, i) => [name, bytes.toString('latin1', at + i, at + i + 1)]));
    expect(wire).toEqual({
      RunAsNode: '1',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
    });
  });

  it('refuses a file that is not an Electron binary', async () => {
    const file = join(await tempDir(), 'not-electron');
    await writeFile(file, 'just text');
    await expect(setFuses(file)).rejects.toThrow(/sentinel/);
  });
});
