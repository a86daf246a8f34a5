import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportToFolder } from '../exporters/export-to-folder';
import { openArchive } from '../exporters/test-fixture';
import { useTempDirs } from '../test-support/temp-dir';
import { importAnnotationFiles } from './import-annotations';
import { NEWS, NEWS_SPANS, span, ZH } from './test-corpus';

const tempDir = useTempDirs();

/** A span's meaning across archives and formats: text, offsets, label. */
const key = (text: string, start: number, end: number, label: string) => `${[...text].slice(start, end).join('')}|${start}|${end}|${label}`;

describe('round trips of whole corpora into an empty archive and back', () => {
  it('doccano with relations: out == in', async () => {
    const archive = await openArchive(await tempDir());
    const entities = NEWS_SPANS.map((s, i) => ({ id: i + 1, label: s.label, ...(({ start, end }) => ({ start_offset: start, end_offset: end }))(span(NEWS, s.quote)) }));
    const rows = [
      { text: NEWS, entities, relations: [{ id: 1, from_id: 3, to_id: 4, type: 'Member_of' }] },
      { text: ZH, entities: [{ id: 1, label: 'ORG', ...(({ start, end }) => ({ start_offset: start, end_offset: end }))(span(ZH, '中国科学院')) }], relations: [] },
    ];
    const [report] = await importAnnotationFiles(archive, [{ name: 'corpus.jsonl', content: rows.map((r) => JSON.stringify(r)).join('\r\n') }], { createLabels: true });
    expect(report).toMatchObject({ imported: 11, skipped: 0 });
    expect(report!.created).toHaveLength(2);
    const out = await tempDir();
    await exportToFolder(archive, { format: 'doccano', outDir: out });
    const back = (await readFile(join(out, 'marginalia.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: [number, number, string][]; entities?: { id: number; start_offset: number; end_offset: number }[]; relations?: { from_id: number; to_id: number; type: string }[] });
    const meaning = (r: { text: string; entities: { id: number; start_offset: number; end_offset: number; label: string }[]; relations?: { from_id: number; to_id: number; type: string }[] }) => {
      const e = (id: number) => r.entities.find((x) => x.id === id)!;
      return {
        text: r.text,
        spans: r.entities.map((x) => key(r.text, x.start_offset, x.end_offset, x.label)).sort(),
        relations: (r.relations ?? []).map((x) => `${key(r.text, e(x.from_id).start_offset, e(x.from_id).end_offset, '')}>${x.type}>${key(r.text, e(x.to_id).start_offset, e(x.to_id).end_offset, '')}`),
      };
    };
    const fromLabel = (r: (typeof back)[number]) => ({ text: r.text, spans: r.label.map(([s, e, l]) => key(r.text, s, e, l)).sort() });
    const expected = rows.map(meaning).sort((a, b) => a.text.localeCompare(b.text));
    const got = back.map((r) => (r.entities ? meaning(r as never) : { ...fromLabel(r), relations: [] })).sort((a, b) => a.text.localeCompare(b.text));
    expect(got).toEqual(expected);
    await archive.close();
  });

  it('CoNLL IOB2, tab-separated: out == in row for row; IOB1, BIOES and space-separated columns give the same mentions', async () => {
    const sentences: [string, string][][] = [
      [['Luis', 'B-PER'], ['Pérez', 'I-PER'], ['visitó', 'O'], ['Madrid', 'B-LOC'], ['.', 'O']],
      [['Ame\u0301lie', 'B-PER'], ['😀', 'O'], ['trabaja', 'O'], ['en', 'O'], ['la', 'O'], ['ONU', 'B-ORG'], ['Naciones', 'B-ORG'], ['Unidas', 'I-ORG']],
      [['北京大学', 'B-ORG'], ['的', 'O'], ['王小明', 'B-PER'], ['去了', 'O'], ['上海', 'B-LOC'], ['。', 'O']],
    ];
    const iob2 = `${['-DOCSTART-\tO', '', ...sentences.flatMap((s) => [...s.map(([t, g]) => `${t}\t${g}`), ''])].join('\n')}\n`;
    // IOB1: I- begins a mention unless it follows one of its type; B- only between two of the same type.
    const iob1 = sentences.map((s) => s.map(([t, g], i) => [t, g.startsWith('B-') && !(s[i - 1]?.[1] ?? 'O').endsWith(g.slice(2)) ? `I-${g.slice(2)}` : g]));
    const bioes = sentences.map((s) =>
      s.map(([t, g], i) => {
        if (g === 'O') return [t, g];
        const last = !s[i + 1] || !s[i + 1]![1].startsWith('I-');
        return [t, g.startsWith('B-') ? (last ? `S-${g.slice(2)}` : g) : last ? `E-${g.slice(2)}` : g];
      }),
    );
    const spaced = (rows: string[][][]) => rows.map((s) => s.map(([t, g]) => `${t} X X ${g}`).join('\r\n')).join('\r\n\r\n');
    const archive = await openArchive(await tempDir());
    const reports = await importAnnotationFiles(archive, [{ name: 'a/news.conll', content: iob2 }], { createLabels: true });
    expect(reports[0]).toMatchObject({ format: 'conll', imported: 8, skipped: 0 });
    const out = await tempDir();
    await exportToFolder(archive, { format: 'conll', outDir: out });
    const [file] = (await readdir(out)).filter((n) => n.endsWith('.conll'));
    expect(await readFile(join(out, file!), 'utf8')).toBe(iob2);

    const mentions = async (name: string, content: string) => {
      const other = await openArchive(await tempDir());
      const [r] = await importAnnotationFiles(other, [{ name, content }], { createLabels: true });
      const list = await other.annotations.list(r!.created![0]!);
      await other.close();
      return list.map((a) => `${a.target.quote}|${a.label}`).sort();
    };
    const want = await mentions('x.conll', iob2);
    expect(want).toContain('Naciones Unidas|ORG');
    expect(await mentions('x.iob', spaced(iob1))).toEqual(want);
    expect(await mentions('x.bioes', spaced(bioes))).toEqual(want);
    await archive.close();
  });

  it('Label Studio NER with relations: out == in', async () => {
    const result = NEWS_SPANS.map((s, i) => ({ id: `s${i}`, from_name: 'label', to_name: 'text', type: 'labels', value: { ...span(NEWS, s.quote), text: s.quote, labels: [s.label] } }));
    const tasks = [{ id: 7, data: { text: NEWS }, annotations: [{ result: [...result, { from_id: 's2', to_id: 's3', type: 'relation', direction: 'right', labels: ['Member_of'] }] }] }];
    const archive = await openArchive(await tempDir());
    const [report] = await importAnnotationFiles(archive, [{ name: 'project.json', content: JSON.stringify(tasks) }], { createLabels: true });
    expect(report).toMatchObject({ format: 'labelstudio', imported: 10, skipped: 0 });
    const out = await tempDir();
    await exportToFolder(archive, { format: 'labelstudio', outDir: out });
    type Result = { id?: string; type: string; value?: { start: number; end: number; text: string; labels: string[] }; from_id?: string; to_id?: string; labels?: string[] };
    const back = JSON.parse(await readFile(join(out, 'label-studio.json'), 'utf8')) as { data: { text: string }; annotations: { result: Result[] }[] }[];
    expect(await readFile(join(out, 'label-studio-config.xml'), 'utf8')).toMatch(/<Label value="PER"/);
    const meaning = (rs: Result[]) => {
      const spanOf = (id: string) => rs.find((r) => r.id === id)!.value!;
      return [
        ...rs.filter((r) => r.type === 'labels').map((r) => JSON.stringify(r.value)),
        ...rs.filter((r) => r.type === 'relation').map((r) => `${JSON.stringify(spanOf(r.from_id!))}>${r.labels}>${JSON.stringify(spanOf(r.to_id!))}`),
      ].sort();
    };
    expect(back.map((t) => t.data.text)).toEqual([NEWS]);
    expect(meaning(back[0]!.annotations[0]!.result)).toEqual(meaning(tasks[0]!.annotations[0]!.result as Result[]));
    // and the export comes back in as the same annotations (duplicates)
    const [again] = await importAnnotationFiles(archive, [{ name: join(out, 'label-studio.json'), content: await readFile(join(out, 'label-studio.json'), 'utf8') }]);
    expect(again).toMatchObject({ imported: 0, skipped: 0, duplicates: 10 });
    await archive.close();
  });

  it('W3C into another archive: found by title, placed by quote, relations back; an ambiguous quote goes to review, never the first match', async () => {
    const first = await openArchive(await tempDir());
    const rows = [{ text: NEWS, entities: NEWS_SPANS.map((s, i) => ({ id: i + 1, label: s.label, ...(({ start, end }) => ({ start_offset: start, end_offset: end }))(span(NEWS, s.quote)) })), relations: [{ id: 1, from_id: 3, to_id: 4, type: 'Member_of' }] }];
    await importAnnotationFiles(first, [{ name: 'news.jsonl', content: JSON.stringify(rows[0]) }], { createLabels: true });
    const out = await tempDir();
    await exportToFolder(first, { format: 'w3c', outDir: out });
    const [w3cName] = (await readdir(out)).filter((n) => n.endsWith('.jsonld'));
    const w3c = await readFile(join(out, w3cName!), 'utf8');

    // Another archive holding the same text under the same title (a doccano row without spans would not create it: import the text with one span).
    const second = await openArchive(await tempDir());
    await importAnnotationFiles(second, [{ name: 'news.jsonl', content: JSON.stringify({ text: NEWS, label: [[...Object.values(span(NEWS, 'Madrid')), 'LOC']] }) }], { createLabels: true });
    const [report] = await importAnnotationFiles(second, [{ name: w3cName!, content: w3c }], { createLabels: true });
    expect(report).toMatchObject({ format: 'w3c', imported: 9, skipped: 0, duplicates: 1 });
    const spans = async (archive: typeof first) => {
      const id = archive.list()[0]!.id;
      const list = await archive.annotations.list(id);
      const quote = (aid: string | undefined) => list.find((a) => a.id === aid)?.target.quote;
      return list.map((a) => (a.kind === 'relation' ? `${quote(a.from)}>${a.type}>${quote(a.to)}` : `${a.target.start}|${a.target.end}|${a.label}`)).sort();
    };
    expect(await spans(second)).toEqual(await spans(first));

    // Quote-only annotations from another tool, the document named by its file name.
    const doc = second.list()[0]!;
    const item = (exact: string, extra: Record<string, unknown> = {}) => ({ type: 'Annotation', body: { type: 'TextualBody', purpose: 'commenting', value: 'from hypothesis' }, target: { source: `file:///home/u/${doc.sourceName}`, selector: { type: 'TextQuoteSelector', exact, ...extra } } });
    const [quoted] = await importAnnotationFiles(second, [{ name: 'h.json', content: JSON.stringify([item('visitó'), item('ONU', { prefix: 'en la ' }), item('line')]) }]);
    expect(quoted).toMatchObject({ imported: 3, skipped: 0 });
    expect(quoted!.warnings.join('\n')).toMatch(/the quote "line" occurs \d+ times.*listed for review/);
    const list = await second.annotations.list(doc.id);
    const highlights = list.filter((a) => a.kind === 'highlight');
    expect(highlights.filter((a) => !a.orphan).map((a) => a.target.quote).sort()).toEqual(['ONU', 'visitó']);
    expect(highlights.filter((a) => a.orphan).map((a) => a.target.quote)).toEqual(['line']);
    await Promise.all([first.close(), second.close()]);
  });

  it('warns of a span that splits a character (a letter cut from its combining mark, half an emoji sequence), naming where', async () => {
    const archive = await openArchive(await tempDir());
    const ame = span(NEWS, 'Ame');
    const family = span(NEWS, '👩');
    const row = { text: NEWS, label: [[ame.start, ame.end, 'PER'], [family.start, family.end, 'MISC'], [...Object.values(span(NEWS, 'Madrid')), 'LOC']] };
    const [report] = await importAnnotationFiles(archive, [{ name: 'split.jsonl', content: JSON.stringify(row) }], { createLabels: true });
    expect(report).toMatchObject({ imported: 3, skipped: 0 });
    expect(report!.warnings.filter((w) => /splits a character/.test(w))).toEqual([
      expect.stringMatching(/^line 1 \[\d+,\d+,"PER"\]: the span "Ame" splits a character/),
      expect.stringMatching(/^line 1 \[\d+,\d+,"MISC"\]: the span "👩" splits a character/),
    ]);
    await archive.close();
  });

  it('a JSON file that does not parse is named with its line; nothing of it is stored', async () => {
    const archive = await openArchive(await tempDir());
    const [report] = await importAnnotationFiles(archive, [{ name: 'broken.json', content: '[\n  {"data": {"text": "x"}},\n  {oops}\n]' }]);
    expect(report).toMatchObject({ file: 'broken.json', imported: 0, skipped: 1 });
    expect(report!.reasons[0]).toMatch(/^could not be read: line 3, column \d+: /);
    expect(archive.list()).toHaveLength(0);
    await archive.close();
  });
});
