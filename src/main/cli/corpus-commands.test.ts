import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../core/archive';
import { bratLines, NEWS, NEWS_SPANS } from '../core/interchange/test-corpus';
import { useTempDirs } from '../core/test-support/temp-dir';
import { importAnnotationsCommand } from './export-commands';
import { labelsCommand } from './labels-command';

const tempDir = useTempDirs();

function collect() {
  const lines: { out: string[]; err: string[] } = { out: [], err: [] };
  return { lines, io: { out: (l: string) => void lines.out.push(l), err: (l: string) => void lines.err.push(l) } };
}

async function labelIds(dir: string): Promise<string[]> {
  const archive = await Archive.open(dir, { writable: false, owner: 'test' });
  const ids = archive.entities.labels().map((l) => l.id);
  await archive.close();
  return ids;
}

describe('marginalia labels and import-annotations for a corpus', () => {
  it('labels list, add, remove and import annotation.conf (with visual.conf colours)', async () => {
    const dir = await tempDir();
    const { lines, io } = collect();
    expect(await labelsCommand(dir, 'list', [], {}, io)).toBe(0);
    expect(lines.out[0]).toMatch(/^PERSON\s+#2563eb\s+Person$/);
    expect(await labelsCommand(dir, 'add', ['GPE', 'Geo-political', 'entity'], { color: '#123456' }, io)).toBe(0);
    expect(await labelsCommand(dir, 'add', ['NORP'], {}, io)).toBe(0);
    expect(await labelIds(dir)).toEqual(expect.arrayContaining(['GPE', 'NORP']));
    await expect(labelsCommand(dir, 'add', ['bad id!'], {}, io)).rejects.toThrow(/not a label id/);
    await expect(labelsCommand(dir, 'add', ['GPE'], {}, io)).rejects.toThrow(/exists already/);
    expect(await labelsCommand(dir, 'remove', ['NORP'], {}, io)).toBe(0);
    expect(await labelIds(dir)).not.toContain('NORP');

    const conf = join(await tempDir(), 'conf');
    await mkdir(conf);
    await writeFile(join(conf, 'annotation.conf'), '[entities]\nPER\nLOC\n!Abstract\n\tORG_SUB\n[relations]\nLocated_in\tArg1:PER, Arg2:LOC\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n[events]\n[attributes]\n');
    await writeFile(join(conf, 'visual.conf'), '[labels]\nPER | Person\n[drawing]\nPER\tbgColor:#ffccaa\n');
    lines.err.length = 0;
    expect(await labelsCommand(dir, 'import', [join(conf, 'annotation.conf')], { json: true }, io)).toBe(0);
    expect(lines.err[0]).toMatch(/created PER, LOC, ORG_SUB, Located_in/);
    const printed = JSON.parse(lines.out.at(-1)!) as { labels: { id: string; color: string }[]; relationTypes: { id: string; fromLabels: string[]; toLabels: string[] }[] };
    expect(printed.labels.find((l) => l.id === 'PER')!.color).toBe('#ffccaa');
    expect(printed.relationTypes.find((t) => t.id === 'Located_in')).toMatchObject({ fromLabels: ['PER'], toLabels: ['LOC'] });
  });

  it('import-annotations --map puts PER on PERSON and LOC on LOCATION; files over the limit are refused naming file and limit', async () => {
    const dir = await tempDir();
    const corpus = await tempDir();
    await writeFile(join(corpus, 'news.txt'), NEWS);
    await writeFile(join(corpus, 'news.ann'), `${bratLines(NEWS, NEWS_SPANS).join('\n')}\n`);
    const { lines, io } = collect();
    expect(await importAnnotationsCommand(dir, [corpus], { map: 'PER=PERSON,LOC=LOCATION', createLabels: true }, io)).toBe(0);
    expect(lines.out[0]).toMatch(/news\.ann \(brat\): imported 9, skipped 0/);
    expect(lines.out.join('\n')).toMatch(/created 1 document\(s\), texts stored as given/);
    const ids = await labelIds(dir);
    expect(ids).not.toContain('PER');
    expect(ids).not.toContain('LOC');
    await expect(importAnnotationsCommand(dir, [corpus], { map: 'PER' }, io)).rejects.toThrow(/--map: "PER" is not FROM=TO/);

    const huge = join(await tempDir(), 'huge.jsonl');
    await writeFile(huge, '');
    await truncate(huge, 257 * 1048576);
    await expect(importAnnotationsCommand(dir, [huge], {}, io)).rejects.toThrow(new RegExp(`^${huge.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: 257 MB is more than an annotation file may be \\(the limit is 256 MB\\)`));
  });
});
