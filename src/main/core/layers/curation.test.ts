import { describe, expect, it } from 'vitest';
import { GOLD_LAYER, type Annotation } from '../../../shared/model';
import { agreementCommand } from '../../cli/agreement-command';
import { Archive } from '../archive';
import { relationAnnotation } from '../entities/relation-service';
import { useTempDirs } from '../test-support/temp-dir';
import { acceptIntoGold } from './curation';

const tempDir = useTempDirs();
const TEXT = 'Li Wei works at the Guangzhou Institute.';

async function setUp() {
  const dir = await tempDir();
  const archive = await Archive.open(dir, { writable: true, owner: 'test' });
  const outcome = await archive.importFile({ name: 'work.txt', bytes: new TextEncoder().encode(TEXT) });
  if (outcome.status !== 'imported') throw new Error(outcome.status);
  const docId = outcome.doc.id;
  const tag = async (author: string, quote: string, label: string) => {
    const start = TEXT.indexOf(quote);
    return (await archive.annotations.create(docId, { kind: 'entity', start, end: start + quote.length, label, author }))!;
  };
  const relate = async (from: Annotation, to: Annotation, type: string) => (await archive.annotations.insertMany(docId, [relationAnnotation(docId, from, to.id, type)]))[0]!;
  const gold = async () => (await archive.annotations.list(docId)).filter((a) => a.author === GOLD_LAYER);
  return { dir, archive, docId, tag, relate, gold };
}

describe('curating relations into gold', () => {
  it('joins the gold mentions a relation’s ends fall on, else brings its own, and says what it replaced', async () => {
    const { dir, archive, docId, tag, relate, gold } = await setUp();
    const [liA, instA] = [await tag('alice', 'Li Wei', 'PERSON'), await tag('alice', 'Guangzhou Institute', 'ORG')];
    const [liB, instB] = [await tag('bob', 'Li Wei', 'PERSON'), await tag('bob', 'the Guangzhou Institute', 'ORG')];
    await relate(liA, instA, 'WORKS_AT');
    const bobs = await relate(liB, instB, 'WORKS_AT');

    // gold holds alice's institute; bob's relation joins it (shares most text) and brings bob's Li Wei
    const first = await acceptIntoGold(archive, docId, [instA.id]);
    expect(first).toMatchObject({ made: [{ author: GOLD_LAYER, target: { quote: 'Guangzhou Institute' } }], replaced: [] });
    const second = await acceptIntoGold(archive, docId, [bobs.id]);
    expect(second.made.map((a) => a.kind)).toEqual(['entity', 'relation']);
    const now = await gold();
    const rel = now.find((a) => a.kind === 'relation')!;
    expect(now.find((a) => a.id === rel.from)?.target.quote).toBe('Li Wei');
    expect(now.find((a) => a.id === rel.to)?.id).toBe(first.made[0]!.id);
    // accepting it again adds nothing
    expect((await acceptIntoGold(archive, docId, [bobs.id])).made).toEqual([]);

    // bob's institute replaces alice's in gold, and takes the gold relation on it with it
    const third = await acceptIntoGold(archive, docId, [instB.id]);
    expect(third.replaced.map((a) => a.kind).sort()).toEqual(['entity', 'relation']);
    expect((await gold()).map((a) => a.target.quote).sort()).toEqual(['Li Wei', 'the Guangzhou Institute']);
    await archive.close();

    // agreement over the annotators (gold left out): the relation's ends differ in boundary only
    const out: string[] = [];
    expect(await agreementCommand(dir, {}, { out: (l) => void out.push(l), err: (l) => void out.push(l) })).toBe(0);
    expect(out.join('\n')).toMatch(/Relations \(ends matched by place, not label\)\n.*\n.*all types\s+all\s+1\/1\s*\n\s+alice–bob\s+0\.000\s+1\.000\s+0\.000\/0\.000/);
  });
});
