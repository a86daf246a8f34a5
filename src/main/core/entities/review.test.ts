import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const V1 = 'Annual report\n\nRevenue reached 117.8 billion yuan in 2023. Lin Jian leads Bio-Thera Solutions.\n';
const V2 = 'Annual report\n\nRevenue reached 118.2 billion yuan in 2023. Lin Jian leads Bio-Thera Solutions.\n';

describe('mentions across versions', () => {
  it('marks a mention whose text changed for review, out of its entity until confirmed or retagged; its relations follow their mentions', async () => {
    const archive = await Archive.open(await tempDir(), { writable: true, owner: 'test' });
    const o = await archive.importFile({ name: 'report.txt', bytes: new TextEncoder().encode(V1) });
    if (o.status !== 'imported') throw new Error(o.status);
    const id = o.doc.id;
    const at = (q: string) => ({ start: V1.indexOf(q), end: V1.indexOf(q) + q.length });
    const money = await archive.entities.tag(id, { ...at('117.8 billion yuan'), label: 'MONEY' });
    const lin = await archive.entities.tag(id, { ...at('Lin Jian'), label: 'PERSON' });
    const bio = await archive.entities.tag(id, { ...at('Bio-Thera Solutions'), label: 'ORG' });
    await archive.relations.create(id, { from: lin.annotation.id, to: bio.annotation.id, type: 'WORKS_FOR' });

    const v2 = await archive.importFile({ name: 'report-v2.txt', bytes: new TextEncoder().encode(V2), asVersionOf: id });
    expect(v2.status).toBe('new-version');
    const list = await archive.annotations.list(id);
    const changed = list.find((a) => a.id === money.annotation.id)!;
    expect(changed.target.quote).toBe('118.2 billion yuan');
    expect(changed.review).toMatchObject({ oldQuote: '117.8 billion yuan', newQuote: '118.2 billion yuan', entityId: money.entity.id });
    expect(changed.entityId).toBeUndefined();
    expect((await archive.entities.get(money.entity.id)).mentions).toEqual([]); // out of its entity
    expect(list.find((a) => a.id === lin.annotation.id)?.review).toBeUndefined(); // same text: unchanged
    const relation = list.find((a) => a.kind === 'relation')!;
    expect(relation.target).toEqual(list.find((a) => a.id === lin.annotation.id)!.target);

    const confirmed = await archive.entities.confirm(id, changed.id);
    expect(confirmed.review).toBeUndefined();
    expect(confirmed.entityId).toBe(money.entity.id);
    await expect(archive.entities.confirm(id, changed.id)).rejects.toThrow(/not marked for review/);

    // A third version changes it again: retag this time, into the entity its new text names.
    await archive.importFile({ name: 'report-v3.txt', bytes: new TextEncoder().encode(V2.replace('118.2', '120.5')), asVersionOf: id });
    const again = (await archive.annotations.list(id)).find((a) => a.id === changed.id)!;
    expect(again.review).toMatchObject({ oldQuote: '118.2 billion yuan', newQuote: '120.5 billion yuan' });
    const retagged = await archive.entities.relabel(id, changed.id, 'MONEY');
    expect(retagged.annotation.review).toBeUndefined();
    expect(retagged.entity.name).toBe('120.5 billion yuan');
    expect(retagged.entity.id).not.toBe(money.entity.id);
    await archive.close();
  });
});
