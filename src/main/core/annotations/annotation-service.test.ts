import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RichDoc } from '../../../shared/model';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const TEXT = 'Annual address\n\nWe thank the staff of 广州生物医药与健康研究院 for a good year. 😀 The new drug was approved.\n';
const comment = (text: string): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

async function archiveWithDoc() {
  const dir = await tempDir();
  const archive = await Archive.open(dir, { writable: true, owner: 'test' });
  const outcome = await archive.importFile({ name: 'address.txt', bytes: new TextEncoder().encode(TEXT) });
  if (outcome.status !== 'imported') throw new Error(outcome.status);
  const { text } = await archive.get(outcome.doc.id);
  return { dir, archive, docId: outcome.doc.id, text };
}

describe('annotations', () => {
  it('creates a highlight whose target is taken from the stored text, durable across reopening', async () => {
    const { dir, archive, docId, text } = await archiveWithDoc();
    const start = text.indexOf('广州生物医药与健康研究院');
    const created = await archive.annotations.create(docId, { kind: 'highlight', start, end: start + 12, color: 'green', comment: comment('Our institute') });
    expect(created.target).toEqual({ start, end: start + 12, quote: '广州生物医药与健康研究院', prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + 12, start + 44) });
    const onDisk = JSON.parse(await readFile(join(dir, 'docs', docId, 'annotations.json'), 'utf8'));
    expect(onDisk.annotations[0].id).toBe(created.id);
    await archive.close();

    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    expect(await reopened.annotations.list(docId)).toEqual([created]);
    await reopened.close();
  });

  it('updates colour and comment, deletes, restores exactly, and lists in text order', async () => {
    const { archive, docId, text } = await archiveWithDoc();
    const later = await archive.annotations.create(docId, { kind: 'highlight', start: text.indexOf('drug'), end: text.indexOf('drug') + 4 });
    const earlier = await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 6 });
    expect(later.color).toBe('yellow');
    expect((await archive.annotations.list(docId)).map((a) => a.id)).toEqual([earlier.id, later.id]);

    const recoloured = await archive.annotations.update(docId, later.id, { color: 'pink', comment: comment('Which drug?') });
    expect(recoloured).toMatchObject({ color: 'pink', comment: comment('Which drug?') });
    const cleared = await archive.annotations.update(docId, later.id, { comment: null });
    expect(cleared.comment).toBeUndefined();

    const removed = await archive.annotations.remove(docId, later.id);
    expect((await archive.annotations.list(docId)).map((a) => a.id)).toEqual([earlier.id]);
    await archive.annotations.restore(docId, removed);
    expect((await archive.annotations.list(docId)).find((a) => a.id === later.id)).toEqual(removed);
    await expect(archive.annotations.restore(docId, removed)).rejects.toThrow(/already exists/);
    await archive.close();
  });

  it('keeps offsets exact around astral characters', async () => {
    const { archive, docId, text } = await archiveWithDoc();
    const start = text.indexOf('😀');
    const created = await archive.annotations.create(docId, { kind: 'highlight', start, end: start + 2 });
    expect(created.target.quote).toBe('😀');
    expect(text.slice(created.target.start, created.target.end)).toBe('😀');
    await archive.close();
  });

  it('refuses ranges outside the text and unknown ids with clear errors', async () => {
    const { archive, docId, text } = await archiveWithDoc();
    await expect(archive.annotations.create(docId, { kind: 'highlight', start: 0, end: text.length + 1 })).rejects.toThrow(/not inside this document/);
    await expect(archive.annotations.update(docId, 'nosuchanno', { color: 'blue' })).rejects.toThrow(/No annotation with id nosuchanno/);
    await expect(archive.annotations.list('nosuchdoc9')).rejects.toThrow(/No document with id nosuchdoc9/);
    await archive.close();
  });

  it('saves the document note and treats an empty note as none', async () => {
    const { dir, archive, docId } = await archiveWithDoc();
    expect(await archive.annotations.note(docId)).toEqual({ note: null, updatedAt: null });
    const { updatedAt } = await archive.annotations.setNote(docId, comment('Read before the board meeting.'));
    await archive.close();
    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    expect(await reopened.annotations.note(docId)).toEqual({ note: comment('Read before the board meeting.'), updatedAt });
    await reopened.annotations.setNote(docId, { type: 'doc', content: [{ type: 'paragraph' }] });
    expect((await reopened.annotations.note(docId)).note).toBeNull();
    await reopened.close();
  });

  it('sets a damaged annotations file aside instead of overwriting it', async () => {
    const { dir, archive, docId } = await archiveWithDoc();
    await archive.close();
    const { writeFile, readdir } = await import('node:fs/promises');
    await writeFile(join(dir, 'docs', docId, 'annotations.json'), '{"version":1,"annotations":[{"broken":');
    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    expect(await reopened.annotations.list(docId)).toEqual([]);
    expect(reopened.notices.join(' ')).toMatch(/annotations\.json is damaged.*set aside/);
    expect((await readdir(join(dir, 'docs', docId))).some((n) => n.startsWith('annotations.json.damaged-'))).toBe(true);
    await reopened.close();
  });
});
