import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureArchive, openArchive } from '../core/exporters/test-fixture';
import { useTempDirs } from '../core/test-support/temp-dir';
import { backupCommand, exportCommand, importAnnotationsCommand, restoreCommand } from './export-commands';

const tempDir = useTempDirs();

function collect() {
  const lines: { out: string[]; err: string[] } = { out: [], err: [] };
  return { lines, io: { out: (l: string) => void lines.out.push(l), err: (l: string) => void lines.err.push(l) } };
}

describe('export commands', () => {
  it('export, import-annotations, backup and restore from the command line', async () => {
    const dir = await tempDir();
    const { archive, zh } = await fixtureArchive(dir, { hostile: false });
    await archive.close();

    const { lines, io } = collect();
    const out = join(await tempDir(), 'md');
    expect(await exportCommand(dir, 'markdown', out, {}, io)).toBe(0);
    expect(lines.out[0]).toMatch(/exported 2 document\(s\) as markdown/);
    expect(await readdir(out)).toContain('index.md');
    expect(await exportCommand(dir, 'docx', out, {}, io)).toBe(2);

    const jsonl = join(await tempDir(), 'doccano');
    expect(await exportCommand(dir, 'doccano', jsonl, { ids: [zh] }, io)).toBe(0);
    expect(await importAnnotationsCommand(dir, [jsonl], {}, io)).toBe(0); // all already there: duplicates, not errors
    expect(lines.out.at(-1)).toMatch(/imported 0, skipped 0, 5 duplicate\(s\) already in the archive/);

    const zip = join(await tempDir(), 'backup.zip');
    expect(await backupCommand(dir, zip, '0.1.0', {}, io)).toBe(0);
    const target = join(await tempDir(), 'restored');
    expect(await restoreCommand(zip, target, {}, io)).toBe(0);
    const restored = await openArchive(target);
    expect(restored.list()).toHaveLength(2);
    expect((await restored.annotations.list(zh)).length).toBe(6);
    await restored.close();
    expect(lines.err.filter((l) => !l.startsWith('notice:'))).toEqual([expect.stringMatching(/unknown export format "docx"/)]);
  });
});
