import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../core/test-support/temp-dir';

/** `marginalia suggest` through the built CLI, on a real archive. */
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/marginalia.mjs');
const tempDir = useTempDirs();
const cli = (archive: string, ...args: string[]) => spawnSync(process.execPath, [BIN, '--archive', archive, ...args], { encoding: 'utf8', env: { ...process.env, MARGINALIA_ARCHIVE: '' } });

beforeAll(() => {
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('The CLI is not built: run `npm run build` before these tests (npm test does).');
});

describe('marginalia suggest', () => {
  it('lists suggestions with start and end in code points, text, label and source', async () => {
    const archive = await tempDir();
    const src = await tempDir('marginalia-src-');
    // 𠀀 (CJK extension B) is two UTF-16 units and one code point: offsets after it differ.
    const text = '通知\n\n𠀀 2024年1月1日，北京市档案局局长周冲在广州会见了林坚，拨款20万元。\n';
    await writeFile(join(src, 'notice.txt'), text);
    expect(cli(archive, 'import', join(src, 'notice.txt')).status).toBe(0);
    const id = JSON.parse(cli(archive, 'list', '--json').stdout)[0].id as string;

    const run = cli(archive, 'suggest', id, '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as { start: number; end: number; text: string; label: string; source: string }[];
    const points = [...text];
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['end', 'label', 'source', 'start', 'text']);
      expect(points.slice(row.start, row.end).join('')).toBe(row.text);
    }
    const by = (t: string) => rows.find((r) => r.text === t);
    expect(by('北京市档案局')).toMatchObject({ label: 'ORG', source: 'rule' });
    expect(by('周冲')).toMatchObject({ label: 'PERSON' });
    expect(by('林坚')).toMatchObject({ label: 'PERSON' });
    expect(by('广州')).toMatchObject({ label: 'LOCATION', source: 'jieba' });
    expect(by('2024年1月1日')).toMatchObject({ label: 'DATE', source: 'rule' });
    expect(by('20万元')).toMatchObject({ label: 'MONEY', source: 'rule' });

    const table = cli(archive, 'suggest', id);
    expect(table.stdout).toMatch(/^START +END +LABEL +SOURCE +TEXT$/m);
    expect(table.stdout).toMatch(/ORG +rule +北京市档案局/);
  });
});
