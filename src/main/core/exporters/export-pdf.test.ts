import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { importAnnotationFiles } from '../interchange/import-annotations';
import { exportToFolder } from './export-to-folder';

const tempDir = useTempDirs();
const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));

describe('exports of a PDF from the archive', () => {
  it('cite pages in Markdown with the crop of an area, W3C page selectors and CSV page columns', async () => {
    const archive = await Archive.open(await tempDir(), { writable: true, owner: 'test' });
    const outcome = await archive.importFile({ name: 'paper.pdf', bytes: new Uint8Array(readFileSync(join(FIXTURES, 'pdf-two-column.pdf'))) });
    if (outcome.status !== 'imported') throw new Error(outcome.status);
    const id = outcome.doc.id;
    const { text } = await archive.get(id);
    const onPage2 = text.lastIndexOf('reading order');
    await archive.annotations.create(id, { kind: 'highlight', start: onPage2, end: onPage2 + 'reading order'.length });
    const area = await archive.annotations.create(id, { kind: 'area', start: onPage2, end: onPage2, geometry: [{ page: 2, rects: [[60, 600, 320, 760]] }], label: 'ORG' });

    const md = await tempDir();
    const summary = await exportToFolder(archive, { format: 'markdown', outDir: md });
    expect(summary.notices).toEqual([]);
    const file = await readFile(join(md, summary.files.find((f) => f.endsWith('.md') && f !== 'index.md')!), 'utf8');
    expect(file).toMatch(/> reading order\n\np\. 2 · \[open in Marginalia\]/);
    const png = summary.files.find((f) => f.endsWith(`area-${area.id}.png`))!;
    expect(file).toContain(`](<${png}>)`);
    expect([...(await readFile(join(md, png))).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    const w3c = await tempDir();
    const w3cFiles = (await exportToFolder(archive, { format: 'w3c', outDir: w3c })).files;
    const collection = JSON.parse(await readFile(join(w3c, w3cFiles[0]!), 'utf8'));
    const selectors = collection.first.items.map((a: { target: { selector: { type: string; value?: string }[] } }) => a.target.selector.map((s) => s.value ?? s.type));
    expect(selectors).toContainEqual(['TextQuoteSelector', 'TextPositionSelector', 'page=2']);
    // ...and reads back: the area comes home to its page and rectangle, once.
    for (const a of await archive.annotations.list(id)) await archive.annotations.remove(id, a.id);
    const content = await readFile(join(w3c, w3cFiles[0]!), 'utf8');
    const [report] = await importAnnotationFiles(archive, [{ name: 'back.jsonld', content }]);
    expect(report).toMatchObject({ imported: 2, skipped: 0 });
    const back = (await archive.annotations.list(id)).find((a) => a.kind === 'area')!;
    expect(back).toMatchObject({ label: 'ORG', geometry: [{ page: 2, rects: [[60, 600, 320, 760]] }] });
    expect((await importAnnotationFiles(archive, [{ name: 'back.jsonld', content }]))[0]).toMatchObject({ imported: 0, skipped: 0, duplicates: 2 });

    const csv = await tempDir();
    await exportToFolder(archive, { format: 'csv', outDir: csv });
    const rows = (await readFile(join(csv, 'mentions.csv'), 'utf8')).split('\r\n');
    expect(rows[0]).toMatch(/,context,page,box$/);
    expect(rows[1]).toMatch(/,2,60 600 320 760$/);
    await archive.close();
  });
});
