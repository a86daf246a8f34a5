import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../core/archive';
import { useTempDirs } from '../core/test-support/temp-dir';

/** The built CLI on a real archive: page numbers and rectangles of PDF annotations, code points, reindex. */
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/marginalia.mjs');
const tempDir = useTempDirs();

function cli(archive: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, '--archive', archive, ...args], { encoding: 'utf8', env: { ...process.env, MARGINALIA_ARCHIVE: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('The CLI is not built: run `npm run build` before these tests (npm test does).');
});

describe('marginalia CLI on PDFs', () => {
  it('gives page and rects for annotations on a PDF, code-point offsets, and rebuilds maps with reindex', async () => {
    const archive = await tempDir();
    const src = await tempDir('marginalia-src-');
    await writeFile(join(src, 'emoji.txt'), 'Smile 😀 then the words after it.\n');
    const imported = JSON.parse(cli(archive, 'import', join(ROOT, 'fixtures/pdf-two-column.pdf'), join(src, 'emoji.txt'), '--json').stdout) as { doc: { id: string; type: string } }[];
    const pdfId = imported.find((o) => o.doc.type === 'pdf')!.doc.id;
    const txtId = imported.find((o) => o.doc.type === 'txt')!.doc.id;

    const core = await Archive.open(archive, { writable: true, owner: 'test' });
    const { text } = await core.get(pdfId);
    const secondPage = text.lastIndexOf('right column');
    await core.annotations.create(pdfId, { kind: 'highlight', start: secondPage, end: secondPage + 'right column'.length });
    const area = await core.annotations.create(pdfId, { kind: 'area', start: secondPage, end: secondPage, geometry: [{ page: 2, rects: [[300, 600, 560, 720]] }], label: 'ORG' });
    const plain = (await core.get(txtId)).text;
    const words = plain.indexOf('words');
    await core.annotations.create(txtId, { kind: 'highlight', start: words, end: words + 5 });
    await core.close();

    const listed = cli(archive, 'annotations', pdfId, '--json');
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { kind: string; page?: number; rects?: { page: number; x0: number; y0: number; x1: number; y1: number }[] }[];
    const highlight = rows.find((r) => r.kind === 'highlight')!;
    expect(highlight.page).toBe(2);
    expect(highlight.rects!.length).toBeGreaterThan(0);
    for (const r of highlight.rects!) {
      expect(r.page).toBe(2);
      expect(r.x0).toBeGreaterThanOrEqual(300);
      expect(r.x1).toBeGreaterThan(r.x0);
      expect(r.x1).toBeLessThanOrEqual(612);
      expect(r.y1).toBeGreaterThan(r.y0);
    }
    expect(rows.find((r) => r.kind === 'area')).toMatchObject({ page: 2, rects: [{ page: 2, x0: 300, y0: 600, x1: 560, y1: 720 }], label: 'ORG', quote: '' });
    expect(cli(archive, 'annotations', pdfId).stdout).toContain(`${area.id}  area ORG`);
    expect(cli(archive, 'annotations', pdfId).stdout).toMatch(/highlight yellow +\d+-\d+ +p\. 2 +"right column"/);

    // After an emoji, offsets count code points (the stored ones count UTF-16 units).
    const [afterEmoji] = JSON.parse(cli(archive, 'annotations', txtId, '--json').stdout) as { start: number; end: number; page?: number }[];
    expect(afterEmoji).toMatchObject({ start: [...plain.slice(0, words)].length, end: [...plain.slice(0, words)].length + 5 });
    expect(afterEmoji!.start).toBe(words - 1);
    expect(afterEmoji!.page).toBeUndefined();

    // An archive from before page maps: reindex builds them, one line per PDF.
    await rm(join(archive, 'docs', pdfId, 'pages.json'));
    const reindexed = cli(archive, 'reindex');
    expect(reindexed.code).toBe(0);
    expect(reindexed.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${pdfId}  page map built  `))]);
    expect(existsSync(join(archive, 'docs', pdfId, 'pages.json'))).toBe(true);
    expect(cli(archive, 'reindex', pdfId, txtId).stdout).toMatch(new RegExp(`^${pdfId}  up to date .*\\n${txtId}  not a PDF: nothing to do`));
  }, 300_000);
});
