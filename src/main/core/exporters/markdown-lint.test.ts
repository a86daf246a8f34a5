import { describe, expect, it } from 'vitest';
import { exportToFolder } from './export-to-folder';
import { openArchive } from './test-fixture';
import { hasMarkdownlint, MARKDOWNLINT, run, skipNote } from './tools';
import { importAnnotationFiles } from '../interchange/import-annotations';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
skipNote('markdownlint-cli2', hasMarkdownlint);

/** What comments from a corpus may hold: tabs, leading spaces, lines that read as Markdown blocks. */
const HOSTILE_NOTES = [
  '\tindented by a tab',
  '    four spaces: a code block?',
  '# not a heading',
  '#hashtag and ## more',
  '  - a list item?\n1. numbered\n> a quote\n```\nfence\n~~~',
  'trailing spaces   \nline two\t\t',
  '---\n***\n___',
  '<div>html</div> [link](javascript:alert(1)) | pipe |',
  '\n\n\nblank lines\n\n\n\nand more',
];

describe.runIf(hasMarkdownlint)('Markdown export whatever a comment holds', () => {
  it('passes markdownlint with comments of tabs, leading spaces and lines starting with #', async () => {
    const archive = await openArchive(await tempDir());
    const text = HOSTILE_NOTES.map((_, i) => `Sentence number ${i} here.`).join('\n');
    const rows = [{ text, label: HOSTILE_NOTES.map((_, i) => [text.indexOf(`number ${i}`), text.indexOf(`number ${i}`) + `number ${i}`.length, 'NOTE']) }];
    await importAnnotationFiles(archive, [{ name: 'notes.jsonl', content: JSON.stringify(rows[0]) }], { createLabels: true });
    const id = archive.list()[0]!.id;
    const mentions = await archive.annotations.list(id);
    // The same notes as brat # lines carry them (plain text), and as W3C Markdown bodies.
    const ann = mentions.map((m, i) => `#${i + 1}\tAnnotatorNotes T${i + 1}\t${HOSTILE_NOTES[i]!.replace(/\n/g, ' ')}`);
    const tl = mentions.map((m, i) => `T${i + 1}\tNOTE ${m.target.start} ${m.target.end}\t${m.target.quote}`);
    await importAnnotationFiles(archive, [
      { name: 'x/notes.ann', content: [...tl, ...ann].join('\n') },
      { name: 'x/notes.txt', content: text },
    ]);
    const w3c = HOSTILE_NOTES.map((note, i) => ({ type: 'Annotation', body: [{ type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/plain' }], target: { source: 'notes.txt', selector: { type: 'TextQuoteSelector', exact: `Sentence number ${i} here.` } } }));
    const [report] = await importAnnotationFiles(archive, [{ name: 'w.json', content: JSON.stringify(w3c) }]);
    expect(report!.imported).toBe(HOSTILE_NOTES.length);
    const out = await tempDir();
    await exportToFolder(archive, { format: 'markdown', outDir: out });
    const r = run(MARKDOWNLINT, ['*.md'], out);
    expect(r.status, r.output).toBe(0);
    await archive.close();
  }, 120_000);
});
