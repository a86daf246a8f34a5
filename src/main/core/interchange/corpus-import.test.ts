import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offsetMap } from '../../../shared/export/code-points';
import { exportToFolder } from '../exporters/export-to-folder';
import { openArchive } from '../exporters/test-fixture';
import { useTempDirs } from '../test-support/temp-dir';
import { importAnnotationFiles, type InterchangeFile } from './import-annotations';
import { bratLines, NEWS, NEWS_SPANS, span } from './test-corpus';

const tempDir = useTempDirs();

async function filesOf(dir: string): Promise<InterchangeFile[]> {
  const names = (await readdir(dir)).sort();
  return Promise.all(names.map(async (name) => ({ name: join(dir, name), content: await readFile(join(dir, name), 'utf8') })));
}

const TR = (ann: string) => ann.split('\n').filter((l) => /^[TR]\d/.test(l));

describe('a brat corpus into an empty archive', () => {
  it('creates the document with its text as given, every span on its characters, and exports the same T/R lines', async () => {
    const archive = await openArchive(await tempDir());
    const lines = bratLines(NEWS, NEWS_SPANS, [[2, 3, 'Member_of']]);
    // CRLF line ends in the .ann too, and no final newline.
    const ann = lines.join('\r\n');
    const [report] = await importAnnotationFiles(archive, [{ name: 'c/news.ann', content: ann }, { name: 'c/news.txt', content: NEWS }], { createLabels: true });
    expect(report).toMatchObject({ format: 'brat', imported: 10, skipped: 0 });
    expect(report!.created).toHaveLength(1);
    const id = report!.created![0]!;
    const { text } = await archive.get(id);
    expect(text).toBe(NEWS);
    expect(archive.entities.labels().map((l) => l.id)).toEqual(expect.arrayContaining(['PER', 'LOC', 'ORG']));
    const map = offsetMap(text);
    const mentions = (await archive.annotations.list(id)).filter((a) => a.kind === 'entity');
    for (const s of NEWS_SPANS) {
      const { start, end } = span(NEWS, s.quote);
      const m = mentions.find((a) => map.toCodePoint(a.target.start) === start && map.toCodePoint(a.target.end) === end);
      expect(m, s.quote).toBeDefined();
      expect(m!.target.quote).toBe(s.quote);
      expect(m!.label).toBe(s.label);
    }

    const out = await tempDir();
    await exportToFolder(archive, { format: 'brat', outDir: out });
    const names = await readdir(out);
    const stem = names.find((n) => n.endsWith('.ann'))!.slice(0, -4);
    expect(await readFile(join(out, `${stem}.txt`), 'utf8')).toBe(NEWS);
    expect(TR(await readFile(join(out, `${stem}.ann`), 'utf8'))).toEqual(lines);

    // The same pair again: duplicates, not errors, and no second document.
    const [again] = await importAnnotationFiles(archive, [{ name: 'c/news.ann', content: ann }, { name: 'c/news.txt', content: NEWS }], { createLabels: true });
    expect(again).toMatchObject({ imported: 0, skipped: 0, duplicates: 10 });
    expect(archive.list()).toHaveLength(1);

    // Whole archive out and into an empty one: the same annotations.
    const other = await openArchive(await tempDir());
    const reports = await importAnnotationFiles(other, await filesOf(out), { createLabels: true });
    expect(reports.every((r) => r.skipped === 0)).toBe(true);
    const out2 = await tempDir();
    await exportToFolder(other, { format: 'brat', outDir: out2 });
    expect(TR(await readFile(join(out2, `${stem}.ann`), 'utf8'))).toEqual(lines);
    await Promise.all([archive.close(), other.close()]);
  });

  it('reads every kind of line: attributes and normalisations kept, notes as comments; events and widened spans refused naming the line', async () => {
    const archive = await openArchive(await tempDir());
    const per = span(NEWS, 'Luis Pérez');
    const loc = span(NEWS, 'Madrid');
    const onu = span(NEWS, 'ONU');
    const bj = span(NEWS, '北京大学');
    const trabaja = span(NEWS, 'trabaja en la ONU');
    const wang = span(NEWS, '北京大学的王小明去了上海。 trailing');
    const ann = [
      `T1\tPER ${per.start} ${per.end}\tLuis Pérez`,
      `T2\tLOC ${loc.start} ${loc.end}\tMadrid`,
      // over the line breaks, cut at them: one mention
      `T3\tMISC ${trabaja.start} ${trabaja.end};${wang.start} ${wang.end}\ttrabaja en la ONU 北京大学的王小明去了上海。 trailing`,
      // a real gap (Luis … Madrid): refused, never widened
      `T4\tMISC ${per.start} ${per.start + 4};${loc.start} ${loc.end}\tLuis Madrid`,
      `T5\tORG ${onu.start} ${onu.end}\tONU`,
      `T6\tORG ${bj.start} ${bj.end}\t北京大学`,
      'A1\tNegated T1',
      'M2\tConfidence T2 High',
      'N1\tReference T2 Wikidata:Q2807\tMadrid',
      '#1\tAnnotatorNotes T5\tthe United Nations',
      'E1\tTravel:T1 Dest:T2',
      '*\tEquiv T5 T6',
    ].join('\n');
    const [report] = await importAnnotationFiles(archive, [{ name: 'news.ann', content: ann }, { name: 'news.txt', content: NEWS }], { createLabels: true });
    expect(report).toMatchObject({ imported: 5, skipped: 3 });
    expect(report!.reasons.join('\n')).toMatch(/line 4 T4: a discontinuous span .* is not imported/);
    expect(report!.reasons.join('\n')).toMatch(/line 11 E1: an event is not imported/);
    expect(report!.reasons.join('\n')).toMatch(/line 12 \*: not an annotation Marginalia holds \(Equiv\)/);
    const list = await archive.annotations.list(report!.created![0]!);
    const by = (q: string) => list.find((a) => a.target.quote === q)!;
    expect(by('Luis Pérez').attributes).toEqual({ Negated: 'true' });
    expect(by('Madrid').attributes).toEqual({ Confidence: 'High' });
    expect(by('Madrid').links).toEqual([{ db: 'Wikidata', id: 'Q2807', name: 'Madrid' }]);
    expect(JSON.stringify(by('ONU').comment)).toContain('the United Nations');
    expect(list.find((a) => a.label === 'MISC')!.target.quote).toBe('trabaja en la ONU\r\n\r\n\r\n北京大学的王小明去了上海。 trailing');

    const out = await tempDir();
    await exportToFolder(archive, { format: 'brat', outDir: out });
    const stem = (await readdir(out)).find((n) => n.endsWith('.ann'))!;
    const back = await readFile(join(out, stem), 'utf8');
    expect(back).toContain(`T3\tMISC ${trabaja.start} ${trabaja.end};${wang.start} ${wang.end}\ttrabaja en la ONU 北京大学的王小明去了上海。 trailing`);
    expect(back).toMatch(/^A\d+\tNegated T1$/m);
    expect(back).toMatch(/^A\d+\tConfidence T2 High$/m);
    expect(back).toMatch(/^N\d+\tReference T2 Wikidata:Q2807\tMadrid$/m);
    await archive.close();
  });

  it('a text stored as given and then damaged on disk is restored from its original, as given', async () => {
    const dir = await tempDir();
    const archive = await openArchive(dir);
    const [report] = await importAnnotationFiles(archive, [{ name: 'news.ann', content: bratLines(NEWS, NEWS_SPANS).join('\n') }, { name: 'news.txt', content: NEWS }], { createLabels: true });
    const id = report!.created![0]!;
    await archive.close();
    await writeFile(join(dir, 'docs', id, 'text.txt'), NEWS.replace('Madrid', 'Berlin'));
    const again = await openArchive(dir);
    expect((await again.get(id)).text).toBe(NEWS);
    expect(again.repairList().map((r) => r.action).join('\n')).toMatch(/Restored from the original file/);
    await again.close();
  });
});
