import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { Archive } from '../archive';
import { exportToFolder } from '../exporters/export-to-folder';
import { importAnnotationFiles } from '../interchange/import-annotations';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const TEXT = '林坚是百奥泰生物制药股份有限公司副总经理。Lin Jian works for Bio-Thera Solutions in Guangzhou. 🎉 Zhou Chong leads GIBH.';

async function setUp(dir?: string) {
  const archive = await Archive.open(dir ?? (await tempDir()), { writable: true, owner: 'test' });
  const o = await archive.importFile({ name: 'report.txt', bytes: new TextEncoder().encode(TEXT) });
  if (o.status !== 'imported') throw new Error(o.status);
  const docId = o.doc.id;
  const tag = async (quote: string, label: string) => (await archive.entities.tag(docId, { start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, label, exact: true })).annotation;
  return { archive, docId, tag };
}

/** Relations by meaning: "from quote|TYPE|to quote", sorted. */
async function relationsOf(archive: Archive, docId: string): Promise<string[]> {
  const list = await archive.annotations.list(docId);
  const quote = (id?: string) => list.find((a) => a.id === id)?.target.quote;
  return list.filter((a) => a.kind === 'relation').map((r) => `${quote(r.from)}|${r.type}|${quote(r.to)}`).sort();
}

describe('relations', () => {
  it('joins two mentions with a type whose labels fit, once; deleting a mention takes its relations, restoring brings them back', async () => {
    const { archive, docId, tag } = await setUp();
    const lin = await tag('Lin Jian', 'PERSON');
    const bio = await tag('Bio-Thera Solutions', 'ORG');
    const gz = await tag('Guangzhou', 'LOCATION');
    const works = await archive.relations.create(docId, { from: lin.id, to: bio.id, type: 'WORKS_FOR' });
    expect(works).toMatchObject({ kind: 'relation', from: lin.id, to: bio.id, type: 'WORKS_FOR', target: { quote: 'Lin Jian' } });
    expect((await archive.relations.create(docId, { from: lin.id, to: bio.id, type: 'WORKS_FOR' })).id).toBe(works.id);
    await expect(archive.relations.create(docId, { from: bio.id, to: lin.id, type: 'WORKS_FOR' })).rejects.toThrow(/does not allow ORG at its from end/);
    await expect(archive.relations.create(docId, { from: lin.id, to: 'nosuchmention', type: 'WORKS_FOR' })).rejects.toThrow(/No entity mention/);
    await expect(archive.relations.create(docId, { from: lin.id, to: bio.id, type: 'LOVES' })).rejects.toThrow(/No relation type LOVES/);
    const related = await archive.relations.create(docId, { from: gz.id, to: lin.id, type: 'RELATED_TO' });
    // Undirected: the other way round is the same relation.
    expect((await archive.relations.create(docId, { from: lin.id, to: gz.id, type: 'RELATED_TO' })).id).toBe(related.id);

    const removed = await archive.annotations.remove(docId, lin.id);
    expect(removed.relations?.map((r) => r.id).sort()).toEqual([works.id, related.id].sort());
    expect((await archive.annotations.list(docId)).filter((a) => a.kind === 'relation')).toEqual([]);
    await expect(archive.annotations.restore(docId, works)).rejects.toThrow(/both its mentions/);
    const { relations = [], ...mention } = removed;
    await archive.annotations.restore(docId, mention as Annotation);
    for (const r of relations) await archive.annotations.restore(docId, r);
    expect(await relationsOf(archive, docId)).toEqual(['Guangzhou|RELATED_TO|Lin Jian', 'Lin Jian|WORKS_FOR|Bio-Thera Solutions']);

    await archive.relations.saveTypes([{ id: 'LEADS', name: 'Leads', color: '#000000', fromLabels: ['PERSON'], toLabels: ['ORG'], directed: true }]);
    expect(archive.relations.types().map((t) => t.id)).toEqual(['LEADS']);
    await expect(archive.relations.saveTypes([{ id: 'X', name: 'X', color: '#000000', fromLabels: ['NOPE'], toLabels: [], directed: true }])).rejects.toThrow(/no label NOPE/);
    await archive.close();
  });

  it('flags a relation whose end was relabelled to a label its type does not allow (on the entity page), and moves a relation with its first mention', async () => {
    const { archive, docId, tag } = await setUp();
    const lin = await tag('Lin Jian', 'PERSON');
    const bio = await tag('Bio-Thera Solutions', 'ORG');
    const works = await archive.relations.create(docId, { from: lin.id, to: bio.id, type: 'WORKS_FOR' });
    expect((await archive.entities.get(bio.entityId!)).relations[0]!.problems).toBeUndefined();
    // Bio-Thera Solutions retagged as a place: "Works for" wants an ORG there. Kept, and flagged.
    await archive.annotations.update(docId, bio.id, { label: 'LOCATION' });
    const page = await archive.entities.get(lin.entityId!);
    expect(page.relations).toHaveLength(1);
    expect(page.relations[0]!.problems).toEqual([{ kind: 'label', side: 'to', label: 'LOCATION', allowed: ['ORG'] }]);
    // Lin Jian grown to "Lin Jian works": the relation, placed where its first mention is, follows.
    const start = TEXT.indexOf('Lin Jian');
    await archive.annotations.place(docId, lin.id, start, start + 'Lin Jian works'.length);
    const moved = (await archive.annotations.list(docId)).find((a) => a.id === works.id)!;
    expect(moved.target.quote).toBe('Lin Jian works');
    await archive.close();
  });

  it('exports brat R lines, doccano relations, W3C linking annotations and relations.csv; brat and doccano read them back', async () => {
    const { archive, docId, tag } = await setUp();
    const lin = await tag('林坚', 'PERSON');
    const bio = await tag('百奥泰生物制药股份有限公司', 'ORG');
    const zhou = await tag('Zhou Chong', 'PERSON'); // after 🎉: code points and UTF-16 differ
    const gibh = await tag('GIBH', 'ORG');
    await archive.relations.create(docId, { from: lin.id, to: bio.id, type: 'WORKS_FOR' });
    await archive.relations.create(docId, { from: zhou.id, to: gibh.id, type: 'WORKS_FOR' });
    const expected = await relationsOf(archive, docId);

    const out: Record<string, string> = {};
    for (const format of ['brat', 'doccano', 'w3c', 'csv'] as const) {
      out[format] = await tempDir();
      await exportToFolder(archive, { format, outDir: out[format] });
    }
    const annFile = (await readdir(out.brat!)).find((f) => f.endsWith('.ann'))!;
    const ann = await readFile(join(out.brat!, annFile), 'utf8');
    expect(ann).toMatch(/^T1\tPERSON 0 2\t林坚$/m);
    expect(ann).toMatch(/^R1\tWORKS_FOR Arg1:T1 Arg2:T2$/m);
    const zhouStart = [...TEXT.slice(0, TEXT.indexOf('Zhou Chong'))].length;
    expect(ann).toMatch(new RegExp(`^T3\\tPERSON ${zhouStart} ${zhouStart + 10}\\tZhou Chong$`, 'm'));
    expect(ann).toMatch(/^R2\tWORKS_FOR Arg1:T3 Arg2:T4$/m);
    expect(await readFile(join(out.brat!, 'annotation.conf'), 'utf8')).toMatch(/^WORKS_FOR\tArg1:PERSON, Arg2:ORG$/m);
    expect(await readFile(join(out.brat!, 'annotation.conf'), 'utf8')).toMatch(/^RELATED_TO\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric$/m);

    const line = JSON.parse((await readFile(join(out.doccano!, 'marginalia.jsonl'), 'utf8')).trim()) as { entities: { id: number; start_offset: number; label: string }[]; relations: { from_id: number; to_id: number; type: string }[] };
    expect(line.relations).toHaveLength(2);
    const ent = (id: number) => line.entities.find((e) => e.id === id)!;
    expect(line.relations.map((r) => `${ent(r.from_id).label}@${ent(r.from_id).start_offset}>${r.type}>${ent(r.to_id).label}`)).toEqual(['PERSON@0>WORKS_FOR>ORG', `PERSON@${zhouStart}>WORKS_FOR>ORG`]);

    const w3cFile = (await readdir(out.w3c!)).find((f) => f.endsWith('.jsonld'))!;
    const w3c = JSON.parse(await readFile(join(out.w3c!, w3cFile), 'utf8')) as { first: { items: { motivation: string; target: { id: string }[] }[] } };
    const links = w3c.first.items.filter((i) => i.motivation === 'linking');
    expect(links).toHaveLength(2);
    expect(links[0]!.target.map((t) => t.id)).toEqual([`urn:marginalia:annotation:${lin.id}`, `urn:marginalia:annotation:${bio.id}`]);

    const csv = await readFile(join(out.csv!, 'relations.csv'), 'utf8');
    expect(csv).toContain('document_id,document,relation,directed,from_label,from_text');
    expect(csv).toContain(',Works for,yes,Person,林坚,0,2,林坚,Organisation,百奥泰生物制药股份有限公司,');

    // Back in: a fresh archive with the same text reads the relations from brat, then from doccano.
    for (const format of ['brat', 'doccano'] as const) {
      const other = await setUp();
      const names = await readdir(out[format]!);
      const files = await Promise.all(names.map(async (name) => ({ name: join(out[format]!, name), content: await readFile(join(out[format]!, name), 'utf8') })));
      const [report] = (await importAnnotationFiles(other.archive, files)).filter((r) => r.format === format);
      expect(report, format).toMatchObject({ imported: 6, skipped: 0 });
      expect(await relationsOf(other.archive, other.docId), format).toEqual(expected);
      // Again: nothing new.
      const [again] = (await importAnnotationFiles(other.archive, files)).filter((r) => r.format === format);
      expect(again).toMatchObject({ imported: 0, skipped: 0, duplicates: 6 });
      await other.archive.close();
    }
    await archive.close();
  });

  it('reports relations it cannot import, naming where and why', async () => {
    const { archive } = await setUp();
    const ann = ['T1\tPERSON 0 2\t林坚', 'T2\tORG 3 16\t百奥泰生物制药股份有限公司', 'R1\tLOVES Arg1:T1 Arg2:T2', 'R2\tWORKS_FOR Arg1:T1 Arg2:T9', 'R3\tWORKS_FOR Arg1:T2 Arg2:T1', ''].join('\n');
    const [report] = await importAnnotationFiles(archive, [
      { name: 'x/report.ann', content: ann },
      { name: 'x/report.txt', content: TEXT },
    ]);
    expect(report!.imported).toBe(2);
    expect(report!.reasons).toEqual([
      'line 4 R2: Arg1 and Arg2 must be entity mentions read from this file (T1, T9)',
      'line 3 R1: relation type LOVES is not defined (label settings)',
      'line 5 R3: Works for does not allow ORG at its from end (allowed: PERSON).',
    ]);
    await archive.close();
  });
});
