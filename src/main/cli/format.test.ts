import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../core/test-support/temp-dir';
import { outcomeLine, printable, printJsonArray, table, terminalSafe } from './format';

describe('printing names from outside', () => {
  it('escapes control characters, line breaks and bidi overrides in a name', () => {
    expect(printable('evil\u001b[2J\u001b]0;pwned\u0007.txt')).toBe('evil\\x1b[2J\\x1b]0;pwned\\x07.txt');
    expect(printable('two\nlines\r.txt')).toBe('two\\x0alines\\x0d.txt');
    expect(printable('report\u202Etxt.exe')).toBe('report\\u202etxt.exe');
    expect(printable('\u009b31m')).toBe('\\x9b31m');
    expect(printable('年度报告 2025.pdf')).toBe('年度报告 2025.pdf');
  });

  it('a failed import line stays one line and carries no escape sequence', () => {
    const line = outcomeLine({ file: '/in/a\nimported   fake  ok.txt\u001b[31m', status: 'failed', reason: 'empty file' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toContain('\u001b');
    expect(line).toBe('failed     /in/a\\x0aimported   fake  ok.txt\\x1b[31m: empty file');
  });

  it('tables escape every cell; every printed line loses escape sequences but keeps its layout', () => {
    expect(table([['ID', 'TITLE'], ['x', 'A\u001b[1mB']])).toBe('ID  TITLE\nx   A\\x1b[1mB');
    expect(terminalSafe('a\n\tb\u001b[2Jc\rd')).toBe('a\n\tb\\x1b[2Jc\\x0dd');
  });
});

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f]/;

describe('the real CLI', () => {
  const root = resolve(import.meta.dirname, '../../..');
  const tempDir = useTempDirs();
  it.runIf(existsSync(join(root, 'out/main/cli.js')))('imports and lists a file whose name holds an escape sequence and a newline, printing both escaped', async () => {
    const dir = await tempDir();
    const name = 'evil\u001b[2J\u001b]0;pwned\u0007\nimported   fake.txt';
    await writeFile(join(dir, name), 'Title \u001b[31mred\u001b[0m\n\nBody text.\n');
    await symlink('/dev/zero', join(dir, 'zero.txt'));
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/marginalia.mjs'), '--archive', join(dir, 'archive'), ...args], { encoding: 'utf8' });
    const imported = cli('import', join(dir, name), join(dir, 'zero.txt'));
    expect(imported.stdout + imported.stderr).not.toMatch(CONTROL);
    expect(imported.stdout).toContain('evil\\x1b[2J\\x1b]0;pwned\\x07\\x0aimported   fake.txt');
    expect(imported.stdout.split('\n').filter((l) => l.includes('imported   fake.txt'))).toHaveLength(1);
    expect(imported.stderr).toContain('zero.txt: a device, not a file: refused');
    expect(imported.status).toBe(1);
    const listed = cli('list');
    expect(listed.stdout).not.toMatch(CONTROL);
    expect(listed.stdout).toMatch(/Title (red|\\x1b\[31mred)/);
  });
});

describe('printing a JSON array in pieces', () => {
  const printed = (items: readonly unknown[], piece: number) => {
    const pieces: string[] = [];
    printJsonArray(items, (x) => x, (text) => pieces.push(`${text}\n`), piece);
    return pieces;
  };

  it('prints what JSON.stringify(array, null, 2) prints, line break added, whatever the piece size', () => {
    const items = [{ file: '/in/a.txt', status: 'imported', doc: { id: 'x', title: '年度报告\n"two" lines', tags: ['a', 'b'], nested: { empty: [], none: null } } }, 'plain', 3, [1, [2, {}]], { file: 'b', status: 'failed', reason: 'empty file' }];
    for (const piece of [1, 10, 100, 1 << 16]) {
      const pieces = printed(items, piece);
      expect(pieces.join('')).toBe(`${JSON.stringify(items, null, 2)}\n`);
      if (piece === 1) expect(pieces.length).toBeGreaterThan(items.length);
    }
    expect(printed([], 10).join('')).toBe('[]\n');
    expect(printed([undefined], 10).join('')).toBe(`${JSON.stringify([undefined], null, 2)}\n`);
  });
});
