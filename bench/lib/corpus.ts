import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePdf } from './pdf-writer';
import { seeded } from './random';
import { makeDocument, makeVocabulary } from './text-generator';

export interface BenchCorpus {
  textDir: string;
  pdfDir: string;
  textFiles: { path: string; bytes: number; chinese: boolean }[];
  pdfFiles: { path: string; bytes: number; pages: number }[];
  /** the one ~2 MB document the reader is measured on */
  largeFile: string;
  /** with `stages`: one folder per stage, holding the files after the previous stage's size up to its own */
  stageDirs: string[];
}

const MIN = 500;
const MAX = 2 * 1024 * 1024;

/**
 * A reproducible corpus like the ones users archive: ~5 KB on average (500 B to 2 MB,
 * log-normal), 15% Chinese, mostly plain text with Markdown and HTML, plus PDFs.
 */
export async function makeCorpus(dir: string, docs: number, seed = 20261121, stages: readonly number[] = [docs]): Promise<BenchCorpus> {
  const random = seeded(seed);
  const vocabulary = makeVocabulary(random);
  const textDir = join(dir, 'text');
  const pdfDir = join(dir, 'pdf');
  await mkdir(pdfDir, { recursive: true });
  // The growth table imports the corpus stage by stage, each stage from its own folder.
  const stageDirs = stages.map((size) => join(textDir, `upto-${String(size).padStart(6, '0')}`));
  for (const stageDir of stageDirs) await mkdir(stageDir, { recursive: true });
  let stage = 0;
  const textFiles: BenchCorpus['textFiles'] = [];
  for (let i = 0; i < docs; i++) {
    const chinese = random.next() < 0.15;
    // exp(N(8.1, 0.75)) has a mean near 5 KB; one in 5,000 is a 2 MB giant (spread, so every stage of the growth table has its share).
    const bytes = i % 5000 === 0 ? MAX : Math.round(Math.min(MAX, Math.max(MIN, Math.exp(8.1 + 0.75 * random.normal()))));
    const { title, paragraphs } = makeDocument(random, vocabulary, bytes, chinese);
    const r = random.next();
    const [ext, body] =
      r < 0.85
        ? ['txt', `${title}\n\n${paragraphs.join('\n\n')}\n`]
        : r < 0.95
          ? ['md', `---\ntitle: "${title}"\n---\n\n# ${title}\n\n${paragraphs.map((p, j) => (j % 7 === 3 ? `- ${p}` : p)).join('\n\n')}\n`]
          : ['html', `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`];
    while (stage < stages.length - 1 && i >= stages[stage]!) stage++;
    const path = join(stageDirs[stage]!, `${String(i).padStart(6, '0')}.${ext}`);
    await writeFile(path, body);
    textFiles.push({ path, bytes: Buffer.byteLength(body), chinese });
  }
  const pdfFiles: BenchCorpus['pdfFiles'] = [];
  const pdfs = Math.min(200, Math.max(5, Math.round(docs / 50)));
  for (let i = 0; i < pdfs; i++) {
    const { paragraphs } = makeDocument(random, vocabulary, 3000 + random.int(30_000), false);
    const pdf = makePdf(paragraphs);
    const path = join(pdfDir, `${String(i).padStart(4, '0')}.pdf`);
    await writeFile(path, pdf);
    pdfFiles.push({ path, bytes: pdf.length, pages: (pdf.toString('latin1').match(/\/Type \/Page /g) ?? []).length });
  }
  return { textDir, pdfDir, textFiles, pdfFiles, largeFile: textFiles[0]!.path, stageDirs };
}
