import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportToFolder } from '../exporters/export-to-folder';
import { openArchive } from '../exporters/test-fixture';
import { run, skipNote, VALIDATORS } from '../exporters/tools';
import { useTempDirs } from '../test-support/temp-dir';
import { importAnnotationFiles } from './import-annotations';

/** The validators' own samples, read in and written back out, checked by their CoNLL reader (NLTK). */
const DIR = process.env.MARGINALIA_VALIDATORS ?? VALIDATORS;
const has = existsSync(join(DIR, 'conll/check'));
skipNote(`${DIR} (CoNLL validator and samples)`, has);
const tempDir = useTempDirs();

const rows = (conll: string) => conll.split('\n').filter((l) => !l.startsWith('-DOCSTART-')).join('\n').trim();

describe.runIf(has)('CoNLL samples of the validators, in and out', () => {
  it('ok.conll comes back row for row, and bad_iob1.conll (IOB1, refused by the strict IOB2 reader) comes back as valid IOB2', async () => {
    const archive = await openArchive(await tempDir());
    const ok = await readFile(join(DIR, 'samples/conll/ok.conll'), 'utf8');
    const iob1 = await readFile(join(DIR, 'samples/conll/bad_iob1.conll'), 'utf8');
    const reports = await importAnnotationFiles(
      archive,
      [
        { name: 'ok.conll', content: ok },
        { name: 'iob1.conll', content: iob1 },
      ],
      { createLabels: true },
    );
    expect(reports.every((r) => r.skipped === 0 && r.imported > 0)).toBe(true);
    const out = await tempDir();
    await exportToFolder(archive, { format: 'conll', outDir: out });
    const files = (await readdir(out)).filter((n) => n.endsWith('.conll')).map((n) => join(out, n));
    expect(files).toHaveLength(2);
    const check = run(join(DIR, 'conll/check'), files);
    expect(check.status, check.output).toBe(0);
    const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    expect(texts.map(rows)).toContain(rows(ok));
    expect(texts.map(rows)).toContain(rows(iob1).replace('Social\tI-DOC', 'Social\tB-DOC'));
    await archive.close();
  }, 180_000);
});
