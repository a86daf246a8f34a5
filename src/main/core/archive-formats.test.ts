import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Archive } from './archive';
import { sampleEpub } from './test-support/sample-epub';
import { useTempDirs } from './test-support/temp-dir';

const tempDir = useTempDirs();
const open = (dir: string) => Archive.open(dir, { writable: true, owner: 'test' });
const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url))));

describe('Archive import of the formats that carry more than text', () => {
  it('keeps Word comments as highlights with their comment, author and date, and the file metadata', async () => {
    const archive = await open(await tempDir());
    try {
      const outcome = await archive.importFile({ name: 'draft.docx', bytes: fixture('docx-comments.docx') });
      expect(outcome.status).toBe('imported');
      if (outcome.status !== 'imported') return;
      expect(outcome.doc).toMatchObject({ title: 'Draft budget notice', author: 'Finance Office', date: '2009-03-14', language: 'en', type: 'docx' });
      expect(outcome.doc.notices).toEqual(['3 tracked changes were read as accepted (deleted text left out, inserted text kept)']);
      const annotations = await archive.annotations.list(outcome.doc.id);
      expect(
        annotations.map((a) => ({ kind: a.kind, quote: a.target.quote, author: a.author, createdAt: a.createdAt, comment: a.comment?.content?.map((p) => p.content?.[0]?.text) })),
      ).toEqual([
        { kind: 'highlight', quote: 'rose by ten percent', author: 'Li Wei', createdAt: '2025-03-01T09:15:00.000Z', comment: ['Which budget line?', '请核实。'] },
        { kind: 'highlight', quote: 'grew.\n\nNext year', author: 'Anna Berg', createdAt: '2025-03-02T10:00:00.000Z', comment: ['Spans two paragraphs.'] },
        { kind: 'highlight', quote: 'stays', author: 'Anna Berg', createdAt: '2025-03-02T10:05:00.000Z', comment: ['A comment with no range.'] },
      ]);
      // The comments are searchable like the user's own.
      const found = await archive.search.search('核实', {});
      expect(found.hits.map((h) => h.id)).toEqual([outcome.doc.id]);
    } finally {
      await archive.close();
    }
  });

  it('imports an EPUB through a parse worker with its chapters as headings', async () => {
    const archive = await open(await tempDir());
    try {
      const outcome = await archive.importFile({ name: 'handbook.epub', bytes: await sampleEpub() });
      expect(outcome.status).toBe('imported');
      if (outcome.status !== 'imported') return;
      expect(outcome.doc).toMatchObject({ type: 'epub', title: 'Records Management Handbook', date: '2009-03-14', author: 'National Archives Office' });
      const content = await archive.get(outcome.doc.id);
      expect(content.blocks.filter((b) => b.kind === 'heading').map((b) => content.text.slice(b.start, b.end))).toEqual(['Chapter 1. Scope', 'Chapter 2. Retention']);
    } finally {
      await archive.close();
    }
  });
});
