import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../shared/text/document-check';
import { importerFor } from './registry';
import type { ParsedDocument } from './types';

// Real documents no one on the project wrote; only present on machines that have them.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CORPUS = join(REPO_ROOT, '../shared/corpus');

const parse = async (relative: string): Promise<ParsedDocument> => {
  const importer = importerFor(relative);
  if (!importer) throw new Error(`no importer for ${relative}`);
  return importer.parse(new Uint8Array(readFileSync(join(CORPUS, relative))), relative);
};

const blockTexts = (doc: ParsedDocument): string[] => doc.blocks.map((b) => doc.text.slice(b.start, b.end));

describe.runIf(existsSync(CORPUS))('corpus (../shared/corpus)', () => {
  const files = ['seeds', 'txt', 'md'].flatMap((dir) =>
    existsSync(join(CORPUS, dir)) ? readdirSync(join(CORPUS, dir)).map((name) => `${dir}/${name}`) : [],
  );

  it.each(files)('%s parses into well-formed text with a sensible title', async (file) => {
    const doc = await parse(file);
    expect(doc.text.length).toBeGreaterThan(0);
    expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
    expect(doc.title.length).toBeGreaterThan(0);
    expect(doc.title.length).toBeLessThanOrEqual(120);
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(doc.title).not.toMatch(/[\n\u0000-\u001f]/);
  });

  it('seed 000: title from the first sentence, signature block kept apart', async () => {
    const doc = await parse('seeds/000_4163815d0e4185b9.txt');
    expect(doc.title).toBe('A new chapter in history has begun with the arrival of the optimistic year 2024');
    expect(blockTexts(doc).slice(-2)).toEqual(['Party Secretary, Duan Ziyuan', 'January 1,2024']);
    expect(doc.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('seed 002: headline over the kicker, subheads as headings', async () => {
    const doc = await parse('seeds/002_ec3a256f357b860c.txt');
    expect(doc.title).toBe('Find out how Guangzhou can stay in the “first echelon” of biomedicine');
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => doc.text.slice(b.start, b.end));
    expect(headings).toEqual([
      'Find out how Guangzhou can stay in the “first echelon” of biomedicine',
      'Dreaming about modernization and drawing a new picture together',
      'Let more “Made in China” biomedical products serve Chinese patients',
      'Accelerate the construction of a world-class biopharmaceutical industry cluster',
      'Create the “first echelon” of the biopharmaceutical industry',
    ]);
    expect(doc.blocks[0]?.kind).toBe('paragraph');
  });

  it('debian-constitution: hard wraps joined, numbered sections as headings', async () => {
    const doc = await parse('txt/debian-constitution.txt');
    expect(doc.title).toBe('Constitution for the Debian Project (v1.9)');
    const texts = blockTexts(doc);
    expect(texts).toContain('The Debian Project is an association of individuals who have made common cause to create a free operating system.');
    const general = doc.blocks.find((b) => doc.text.slice(b.start, b.end) === '2.1. General rules');
    expect(general).toMatchObject({ kind: 'heading', level: 3 });
  });

  it('debian-faq.zh-cn: Chinese wraps joined without spaces', async () => {
    const doc = await parse('txt/debian-faq.zh-cn.txt');
    expect(doc.title).toBe('Debian GNU/Linux 常见问题（FAQ）');
    expect(blockTexts(doc)).toContain('在遵守并包含本文档版权声明的前提下，允许制作和发布本文档的完整拷贝。');
  });

  it('fortunes-zh-tang300: no escape sequences left, one block per verse line', async () => {
    const doc = await parse('txt/fortunes-zh-tang300.txt');
    // eslint-disable-next-line no-control-regex -- looking for ESC
    expect(doc.text).not.toMatch(/\u001b|\[3[0-9]m|\[m/);
    expect(blockTexts(doc).slice(0, 3)).toEqual(['《感遇・其一》', '作者：张九龄', '兰叶春葳蕤，桂华秋皎洁。']);
  });

  it('legal.en.md / legal.zh-hans.md: titles from front matter, HTML asides readable', async () => {
    const en = await parse('md/legal.en.md');
    expect(en.title).toBe('The Legal Side of Open Source');
    expect(en.text).not.toMatch(/<aside|<img|markdown="1"|\]\(http/);
    expect(blockTexts(en)).toContain('— @benbalter, "Everything a government attorney needs to know about open source software\u00a0licensing"');
    const zh = await parse('md/legal.zh-hans.md');
    expect(zh.title).toBe('开源的法律保护');
  });
});
