import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../core/archive';
import { useTempDirs } from '../core/test-support/temp-dir';
import { annotationsCommand, repairsCommand, showCommand, type Output } from './commands';

const tempDir = useTempDirs();

/** The commands as the CLI runs them, writing into arrays instead of the terminal. */
function capture(): Output & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (l) => void out_.push(l), err: (l) => void err_.push(l) };
}

async function annotatedArchive() {
  const dir = await tempDir();
  const archive = await Archive.open(dir, { writable: true, owner: 'test' });
  const outcome = await archive.importFile({ name: 'note.txt', bytes: new TextEncoder().encode('Budget notice\n\nThe budget was approved.\n') });
  if (outcome.status !== 'imported') throw new Error(outcome.status);
  const id = outcome.doc.id;
  await archive.annotations.create(id, { kind: 'highlight', start: 0, end: 6, color: 'yellow' });
  await archive.close();
  return { dir, id };
}

describe('the CLI tells about damaged files', () => {
  it('annotations ID warns on stderr and exits 1 while a damaged annotations.json is not dealt with; restore brings the annotations back', async () => {
    const { dir, id } = await annotatedArchive();
    await writeFile(join(dir, 'docs', id, 'annotations.json'), '{"version":1,');

    // Read-only, before any writer set the file aside.
    let io = capture();
    expect(await annotationsCommand(dir, id, false, io)).toBe(1);
    expect(io.err_.join('\n')).toMatch(/warning: .*annotations\.json is damaged: not valid JSON/);
    io = capture();
    expect(await showCommand(dir, id, false, io)).toBe(1);
    expect(io.err_.join('\n')).toMatch(/warning: .*annotations\.json is damaged: not valid JSON/);

    // A writer sets it aside and records it; every later run is told until it is dismissed.
    const writer = await Archive.open(dir, { writable: true, owner: 'serve' });
    await writer.annotations.list(id);
    await writer.close();
    io = capture();
    expect(await annotationsCommand(dir, id, true, io)).toBe(1);
    expect(io.err_.join('\n')).toMatch(/set aside as docs\/.*annotations\.json\.damaged-.*marginalia repairs restore [a-z0-9]+/);

    io = capture();
    expect(await repairsCommand(dir, 'list', undefined, true, io)).toBe(0);
    const [repair] = JSON.parse(io.out_.join('\n')) as { id: string; docTitle: string; file: string }[];
    expect(repair).toMatchObject({ docTitle: 'Budget notice', file: `docs/${id}/annotations.json` });

    io = capture();
    expect(await repairsCommand(dir, 'restore', repair!.id, false, io)).toBe(0);
    expect(io.out_.join('\n')).toMatch(/Restored 1 annotation/);

    io = capture();
    expect(await annotationsCommand(dir, id, true, io)).toBe(0);
    expect(JSON.parse(io.out_.join('\n'))).toHaveLength(1);
    expect(io.err_).toEqual([]);
  });

  it('show ID warns and exits 1 when the blocks were rebuilt, until the repair is dismissed', async () => {
    const { dir, id } = await annotatedArchive();
    const metaFile = join(dir, 'docs', id, 'meta.json');
    await writeFile(metaFile, JSON.stringify({ ...JSON.parse(await readFile(metaFile, 'utf8')), blocks: [] }));
    const writer = await Archive.open(dir, { writable: true, owner: 'serve' });
    await writer.get(id);
    await writer.close();
    let io = capture();
    expect(await showCommand(dir, id, false, io)).toBe(1);
    expect(io.err_.join('\n')).toMatch(/warning: docs\/[a-z0-9]+\/meta\.json is damaged: its blocks' checksum does not match .*Rebuilt from the text/);
    io = capture();
    await repairsCommand(dir, 'list', undefined, true, io);
    const [repair] = JSON.parse(io.out_.join('\n')) as { id: string }[];
    await repairsCommand(dir, 'dismiss', repair!.id, false, capture());
    io = capture();
    expect(await showCommand(dir, id, false, io)).toBe(0);
    expect(io.err_).toEqual([]);
  });
});
