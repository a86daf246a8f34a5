import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../../shared/export/annotations';
import type { Annotation } from '../../../shared/model';
import type { Archive } from '../archive';
import { exportToFolder } from '../exporters/export-to-folder';
import { EN_TEXT, ENTITIES, fixtureArchive, openArchive, ZH_TEXT } from '../exporters/test-fixture';
import { useTempDirs } from '../test-support/temp-dir';
import { importAnnotationFiles, type InterchangeFile } from './import-annotations';

const tempDir = useTempDirs();

async function filesOf(dir: string): Promise<InterchangeFile[]> {
  const names = (await readdir(dir)).sort();
  return Promise.all(names.map(async (name) => ({ name: join(dir, name), content: await readFile(join(dir, name), 'utf8') })));
}

/** A second archive with the same two texts and no annotations. */
async function bareArchive() {
  const archive = await openArchive(await tempDir());
  for (const [name, text] of [['address.txt', EN_TEXT], ['report.txt', ZH_TEXT]]) {
    await archive.importFile({ name: name!, bytes: new TextEncoder().encode(text) });
  }
  return archive;
}

/**
 * What an annotation means, without ids and times: equal across archives. A mention's
 * entity is named by the registry, or by its quote where no registry entry is known
 * (imports link such mentions to the entity of that name).
 */
async function meaning(archive: Archive, kinds: string[] = ['entity', 'highlight']) {
  const out: string[] = [];
  const registry = archive.entities.registry();
  const entityName = (a: Annotation) => (a.kind !== 'entity' ? '' : (registry.find((e) => e.id === a.entityId)?.name ?? a.target.quote));
  for (const doc of archive.list().sort((a, b) => a.sourceName.localeCompare(b.sourceName))) {
    for (const a of (await archive.annotations.list(doc.id)) as Annotation[]) {
      if (!kinds.includes(a.kind)) continue;
      out.push([doc.sourceName, a.kind, a.target.start, a.target.end, a.label ?? a.color, entityName(a), plainText(a.comment)].join('|'));
    }
  }
  return out.sort();
}

describe('importAnnotationFiles', () => {
  it('round-trips doccano: archive -> JSONL -> another archive -> JSONL gives the same spans', async () => {
    const { archive } = await fixtureArchive(await tempDir(), { hostile: false });
    const first = await tempDir();
    await exportToFolder(archive, { format: 'doccano', outDir: first });
    const other = await bareArchive();
    const reports = await importAnnotationFiles(other, await filesOf(first));
    expect(reports).toEqual([expect.objectContaining({ format: 'doccano', imported: 9, skipped: 0 })]);
    const second = await tempDir();
    await exportToFolder(other, { format: 'doccano', outDir: second });
    const spans = async (dir: string) =>
      (await readFile(join(dir, 'marginalia.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l)).map((d) => [d.text, d.label]).sort();
    expect(await spans(second)).toEqual(await spans(first));
    // doccano carries spans and labels, not comments
    expect(await meaning(other, ['entity'])).toEqual((await meaning(archive, ['entity'])).map((m) => `${m.split('|').slice(0, 6).join('|')}|`));
    // the same file again adds nothing
    const again = await importAnnotationFiles(other, await filesOf(first));
    expect(again[0]).toMatchObject({ imported: 0, skipped: 0, duplicates: 9 });
    await Promise.all([archive.close(), other.close()]);
  });

  it('round-trips brat with highlight colours, comments and registry links', async () => {
    const { archive } = await fixtureArchive(await tempDir(), { hostile: false });
    const dir = await tempDir();
    await exportToFolder(archive, { format: 'brat', outDir: dir, entities: ENTITIES });
    const other = await bareArchive();
    const reports = await importAnnotationFiles(other, await filesOf(dir), { entities: ENTITIES });
    expect(reports.map((r) => [r.format, r.skipped, r.warnings])).toEqual([
      ['brat', 0, []],
      ['brat', 0, []],
    ]);
    // brat notes are one line: comments come back with their paragraphs joined
    const flat = (m: string[]) => m.map((s) => s.replace(/\s+/g, ' '));
    expect(flat(await meaning(other))).toEqual(flat(await meaning(archive)));
    await Promise.all([archive.close(), other.close()]);
  });

  it('round-trips W3C JSON-LD by document IRI and quote, re-anchoring what moved', async () => {
    const { archive, en, zh } = await fixtureArchive(await tempDir(), { hostile: false });
    const before = await meaning(archive);
    const dir = await tempDir();
    await exportToFolder(archive, { format: 'w3c', outDir: dir, entities: ENTITIES });
    for (const id of [en, zh]) for (const a of await archive.annotations.list(id)) await archive.annotations.remove(id, a.id);
    const files = await filesOf(dir);
    // a wrong position: the quote with its context still finds the place
    const zhFile = files.find((f) => f.content.includes('北京市'))!;
    zhFile.content = zhFile.content.replace(/"start": 38,\n(\s*)"end": 41/, '"start": 1,\n$1"end": 4');
    const reports = await importAnnotationFiles(archive, files, { entities: ENTITIES });
    expect(reports.reduce((n, r) => n + r.imported, 0)).toBe(12);
    expect(reports.every((r) => r.skipped === 0)).toBe(true);
    expect(await meaning(archive)).toEqual(before);
    await archive.close();
  });

  it('drops javascript:, data: and relative links from imported W3C comments with a warning; http(s) and mailto stay', async () => {
    const { archive, en } = await fixtureArchive(await tempDir(), { hostile: false });
    const dir = await tempDir();
    await exportToFolder(archive, { format: 'w3c', outDir: dir, entities: ENTITIES });
    for (const a of await archive.annotations.list(en)) await archive.annotations.remove(en, a.id);
    const files = await filesOf(dir);
    const file = files.find((f) => f.content.includes(`urn:marginalia:doc:${en}`))!;
    const collection = JSON.parse(file.content);
    const first = collection.first.items[0];
    first.body = [
      ...first.body.filter((b: { purpose?: string }) => b.purpose !== 'commenting'),
      {
        type: 'TextualBody',
        purpose: 'commenting',
        format: 'text/markdown',
        value: 'See [the site](https://example.org/a), [write](mailto:a@example.org), [run me](javascript:alert(1)), [also](JaVaScRiPt:alert(2)), [data](data:text/html,<b>x</b>) and [here](../etc/passwd).',
      },
    ];
    collection.first.items = [first];
    const [report] = await importAnnotationFiles(archive, [{ name: file.name, content: JSON.stringify(collection) }], { entities: ENTITIES });
    expect(report!.imported).toBe(1);
    expect(report!.warnings.filter((w) => /dropped from the comment/.test(w)).map((w) => /link to "([^"]+)"/.exec(w)![1])).toEqual([
      'javascript:alert(1)',
      'JaVaScRiPt:alert(2)',
      'data:text/html,<b>x</b>',
      '../etc/passwd',
    ]);
    const [stored] = await archive.annotations.list(en);
    const hrefs = JSON.stringify(stored!.comment).match(/"href":"[^"]*"/g);
    expect(hrefs).toEqual(['"href":"https://example.org/a"', '"href":"mailto:a@example.org"']);
    expect(plainText(stored!.comment)).toContain('run me');
    await archive.close();
  });

  it('reports what it skips, line by line, and imports the rest', async () => {
    const archive = await bareArchive();
    const zh = archive.list().find((d) => d.sourceName === 'report.txt')!;
    const { text: ZH } = await archive.get(zh.id);
    const line = (o: unknown) => JSON.stringify(o);
    const doccano = [
      line({ text: ZH, label: [[6, 18, 'ORG'], [0, 2, 'NOPE'], [38, 9999, 'ORG'], 'junk'] }),
      '{not json',
      line({ text: 'a text no document has', label: [[0, 1, 'ORG']] }),
      line({ text: ZH, entities: [{ start_offset: 38, end_offset: 41, label: 'LOCATION' }] }),
    ].join('\n');
    const [report] = await importAnnotationFiles(archive, [{ name: 'x.jsonl', content: doccano }], { createDocuments: false });
    expect(report).toMatchObject({ imported: 2, skipped: 5 });
    expect(report!.reasons.join('\n')).toMatch(/not \[start, end, "LABEL"\][\s\S]*label NOPE is not in the label set[\s\S]*not inside the text[\s\S]*line 2: not JSON[\s\S]*matches no document/);
    expect((await archive.annotations.list(zh.id)).map((a) => a.target.quote)).toEqual(['广州生物医药与健康研究院', '北京市']);

    const brat = 'T1\tORG 0 4\twrong\nT2\tORG 6 18\t广州生物医药与健康研究院\nR1\tPart Arg1:T1 Arg2:T2\n';
    const reports = await importAnnotationFiles(archive, [
      { name: 'a/report.ann', content: brat },
      { name: 'a/report.txt', content: ZH },
      { name: 'b/lonely.ann', content: brat },
      { name: 'c.docx', content: '' },
    ]);
    expect(reports.map((r) => [r.imported, r.skipped, r.duplicates ?? 0])).toEqual([[0, 2, 1], [0, 1, 0], [0, 1, 0]]);
    expect(reports[0]!.reasons.join('\n')).toMatch(/T1: its text does not match the \.txt[\s\S]*R1: Arg1 and Arg2 must be entity mentions read from this file \(T1, T2\)/);
    expect(reports[1]!.reasons[0]).toMatch(/no lonely\.txt given beside it/);
    const w3c = await importAnnotationFiles(archive, [{ name: 'w.json', content: JSON.stringify({ type: 'Annotation', target: { source: 'https://example.org/x', selector: { type: 'TextQuoteSelector', exact: 'nowhere to be found' } } }) }]);
    expect(w3c[0]!.reasons[0]).toMatch(/no document of this archive holds its quotes/);
    await archive.close();
  });
});
