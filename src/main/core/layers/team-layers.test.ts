import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../../shared/agreement';
import { EXPORT_FORMATS } from '../../../shared/export';
import { GOLD_LAYER, layerOf } from '../../../shared/model';
import { agreementCommand } from '../../cli/agreement-command';
import { exportCommand, importAnnotationsCommand } from '../../cli/export-commands';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { acceptIntoGold } from './curation';

const tempDir = useTempDirs();
// as stored: the archive's normalised text (brat offsets and the .txt beside them must match it)
const TEXT = 'Li Wei of the Guangzhou Institute visited Beijing in May.';

function collect() {
  const lines: { out: string[]; err: string[] } = { out: [], err: [] };
  return { lines, io: { out: (l: string) => void lines.out.push(l), err: (l: string) => void lines.err.push(l) } };
}

/** An annotator's brat export of the text: T lines of [quote, label]. */
async function bratFolder(spans: [string, string][]): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'visit.txt'), TEXT);
  const lines = spans.map(([quote, label], i) => {
    const start = TEXT.indexOf(quote);
    return `T${i + 1}\t${label} ${start} ${start + quote.length}\t${quote}`;
  });
  await writeFile(join(dir, 'visit.ann'), `${lines.join('\n')}\n`);
  return dir;
}

async function setUp() {
  const dir = await tempDir();
  const archive = await Archive.open(dir, { writable: true, owner: 'test' });
  const outcome = await archive.importFile({ name: 'visit.txt', bytes: new TextEncoder().encode(`${TEXT}\n`) });
  if (outcome.status !== 'imported') throw new Error(outcome.status);
  expect((await archive.get(outcome.doc.id)).text).toBe(TEXT);
  await archive.close();
  return { dir, docId: outcome.doc.id };
}

describe('layers in one archive, without a server', () => {
  it("imports two annotators' brat files as their layers, measures agreement, curates gold and exports it in every format", async () => {
    const { dir, docId } = await setUp();
    const alice = await bratFolder([['Li Wei', 'PERSON'], ['Guangzhou Institute', 'ORG'], ['Beijing', 'LOCATION']]);
    const bob = await bratFolder([['Li Wei', 'PERSON'], ['the Guangzhou Institute', 'ORG'], ['Beijing', 'ORG'], ['May', 'DATE']]);
    const { lines, io } = collect();
    expect(await importAnnotationsCommand(dir, [alice], { layer: 'alice' }, io)).toBe(0);
    expect(await importAnnotationsCommand(dir, [bob], { layer: 'bob' }, io)).toBe(0);
    // the same file again: already in alice's layer (duplicates, exit 0), though bob has the same spans
    expect(await importAnnotationsCommand(dir, [alice], { layer: 'alice' }, io)).toBe(0);
    expect(lines.out.join('\n')).toMatch(/imported 0, skipped 0, 3 duplicate\(s\) already in the archive/);

    let archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const list = await archive.annotations.list(docId);
    expect(list.filter((a) => a.author === 'alice')).toHaveLength(3);
    expect(list.filter((a) => a.author === 'bob')).toHaveLength(4);
    await archive.close();

    const report = collect();
    expect(await agreementCommand(dir, { json: true }, report.io)).toBe(0);
    const figures = JSON.parse(report.lines.out.join('\n')) as AgreementReport;
    expect(figures.layers).toEqual(['alice', 'bob']);
    const pair = figures.pairs[0]!;
    // exact: Li Wei only; overlap: Li Wei and the Institute; Beijing LOCATION/ORG and May never match
    expect(pair.exact).toMatchObject({ tp: 1, fp: 3, fn: 2 });
    expect(pair.overlap).toMatchObject({ tp: 2, fp: 2, fn: 1 });
    expect(figures.documents.map((d) => d.docId)).toEqual([docId]);
    // brat T lines only: no relations to score, said as counts of zero and no figures
    expect(figures.relations).toMatchObject({ relations: { alice: 0, bob: 0 }, pairs: [{ a: 'alice', b: 'bob', exact: { tp: 0, f1: null } }], types: [] });
    const text = collect();
    expect(await agreementCommand(dir, { ids: [docId] }, text.io)).toBe(0);
    expect(text.lines.out.join('\n')).toMatch(/alice–bob/);
    const single = collect();
    expect(await agreementCommand(dir, { layers: ['alice'] }, single.io)).toBe(1);
    expect(single.lines.err[0]).toMatch(/two or more layers/);

    archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const byQuote = (layer: string, quote: string) => list.find((a) => a.author === layer && a.target.quote === quote)!.id;
    // the reviewer takes alice's Institute, then changes their mind for bob's: it replaces alice's in gold
    await acceptIntoGold(archive, docId, [byQuote('alice', 'Li Wei'), byQuote('alice', 'Guangzhou Institute')]);
    await acceptIntoGold(archive, docId, [byQuote('bob', 'the Guangzhou Institute'), byQuote('bob', 'Li Wei')]);
    const gold = (await archive.annotations.list(docId)).filter((a) => layerOf(a, undefined) === GOLD_LAYER);
    expect(gold.map((a) => [a.target.quote, a.label])).toEqual([
      ['Li Wei', 'PERSON'],
      ['the Guangzhou Institute', 'ORG'],
    ]);
    // the annotators' layers are untouched
    expect((await archive.annotations.list(docId)).filter((a) => a.author === 'alice')).toHaveLength(3);
    await archive.close();

    for (const format of EXPORT_FORMATS) {
      const out = join(await tempDir(), format);
      expect(await exportCommand(dir, format, out, { layer: GOLD_LAYER }, collect().io)).toBe(0);
      // the label set's own files (brat's annotation.conf, doccano's label list, Label Studio's config) name every label
      const files = (await readdir(out, { recursive: true })).filter((f) => !/\.conf$|label(?!-studio\.json)|config/i.test(f));
      const all = (await Promise.all(files.map((f) => readFile(join(out, f), 'utf8').catch(() => '')))).join('\n');
      expect(all, format).toMatch(/ORG|Organisation/);
      // bob's DATE and alice's LOCATION are in no gold export
      expect(all, format).not.toMatch(/\bDATE\b|LOCATION|Location\b/);
    }
    const everything = join(await tempDir(), 'all');
    expect(await exportCommand(dir, 'brat', everything, {}, collect().io)).toBe(0);
    const ann = (await readdir(everything, { recursive: true })).find((f) => f.endsWith('.ann'))!;
    expect((await readFile(join(everything, ann), 'utf8')).match(/^T\d+/gm)).toHaveLength(9);
  });

  it('refuses to curate an annotation the document does not hold', async () => {
    const { dir, docId } = await setUp();
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    await expect(acceptIntoGold(archive, docId, ['nosuchannotation'])).rejects.toThrow(/No annotation with id/);
    await archive.close();
  });
});
