import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { documentsOnDisk } from '../test-support/library-on-disk';
import { sha256 } from './doc-checks';

const tempDir = useTempDirs();
const open = (dir: string) => Archive.open(dir, { writable: true, owner: 'test' });
const TEXT = 'Annual report\n\nThe institute opened a new laboratory in 2024.\n\nIt hired forty researchers.\n';

async function archiveWithDoc() {
  const dir = await tempDir();
  const archive = await open(dir);
  const outcome = await archive.importFile({ name: 'report.txt', bytes: new TextEncoder().encode(TEXT) });
  if (outcome.status !== 'imported') throw new Error(outcome.status);
  return { dir, archive, id: outcome.doc.id, docDir: join(dir, 'docs', outcome.doc.id) };
}

describe('repairs: every file set aside is recorded until dismissed', () => {
  it('a damaged annotations.json is recorded with its newest good copy, which restores every acknowledged annotation', async () => {
    const { dir, archive, id, docDir } = await archiveWithDoc();
    await archive.annotations.create(id, { kind: 'highlight', start: 0, end: 6, color: 'yellow' });
    await archive.annotations.create(id, { kind: 'highlight', start: 15, end: 28, color: 'green' });
    await archive.close();
    await writeFile(join(docDir, 'annotations.json'), '{"version":1,"annotations":[{"id":');

    const again = await open(dir);
    expect(await again.annotations.list(id)).toEqual([]);
    const [repair, ...rest] = again.repairs.list();
    expect(rest).toEqual([]);
    expect(repair).toMatchObject({
      file: `docs/${id}/annotations.json`,
      docId: id,
      problem: expect.stringMatching(/annotations\.json is damaged: not valid JSON/),
      setAsideAs: expect.stringMatching(new RegExp(`^docs/${id}/annotations\\.json\\.damaged-`)),
      backup: expect.stringMatching(new RegExp(`^docs/${id}/annotations\\.json\\.good-`)),
    });
    // An annotation made after the damage is kept when the copy is restored.
    await again.annotations.create(id, { kind: 'highlight', start: 30, end: 40, color: 'blue' });
    const { restored } = await again.annotations.restoreBackup(id, join(dir, repair!.backup!));
    expect(restored).toBe(2);
    expect((await again.annotations.list(id)).map((a) => a.color)).toEqual(['yellow', 'green', 'blue']);
    await again.repairs.dismiss(repair!.id);
    expect(again.repairs.list()).toEqual([]);
    await again.close();

    // Recorded on disk: a later program sees what is left (nothing, once dismissed).
    const third = await open(dir);
    expect(third.repairs.list()).toEqual([]);
    expect((await third.annotations.list(id)).length).toBe(3);
    await third.close();
  });

  it('a read-only program reports a damaged annotations.json without writing', async () => {
    const { dir, archive, id, docDir } = await archiveWithDoc();
    await archive.close();
    await writeFile(join(docDir, 'annotations.json'), 'null');
    const reader = await Archive.open(dir, { writable: false, owner: 'reader' });
    expect(await reader.annotations.list(id)).toEqual([]);
    expect(reader.repairs.forDocument(id)).toHaveLength(1);
    expect(await readdir(dir)).not.toContain('repairs.json');
    expect(await readFile(join(docDir, 'annotations.json'), 'utf8')).toBe('null');
  });

  it('a damaged entities.json comes back from the newest copy kept at a writable start, and is recorded', async () => {
    const { dir, archive, id } = await archiveWithDoc();
    const { entity } = await archive.entities.tag(id, { start: 0, end: 6, label: 'ORG' });
    await archive.close();
    await (await open(dir)).close(); // a writable start keeps a copy of the good registry
    await writeFile(join(dir, 'entities.json'), '');
    const again = await open(dir);
    expect((await again.entities.list()).map((e) => e.name)).toEqual([entity.name]);
    expect(again.repairs.list()).toMatchObject([
      { file: 'entities.json', setAsideAs: expect.stringMatching(/^entities\.json\.damaged-/), backup: expect.stringMatching(/^backups\/entities-.*\.json$/), action: expect.stringMatching(/restored from the backup .* \(taken .*, 1 entities\)/) },
    ]);
    await again.close();
  });
});

describe('document files are checked against their checksums', () => {
  it('new documents carry SHA-256 checksums of text.txt and of the blocks in meta.json', async () => {
    const { archive, id, docDir } = await archiveWithDoc();
    const meta = archive.list()[0]!;
    const onDisk = JSON.parse(await readFile(join(docDir, 'meta.json'), 'utf8'));
    expect(meta.checks).toEqual({ text: sha256(await readFile(join(docDir, 'text.txt'))), blocks: sha256(JSON.stringify(onDisk.blocks)) });
    expect(onDisk.checks).toEqual(meta.checks);
    expect((await archive.get(id)).meta.id).toBe(id);
    expect(archive.repairs.list()).toEqual([]);
    await archive.close();
  });

  it('damaged blocks (in meta.json) are rebuilt from the text and recorded', async () => {
    const { dir, archive, id, docDir } = await archiveWithDoc();
    const { blocks } = await archive.get(id);
    await archive.close();
    const meta = JSON.parse(await readFile(join(docDir, 'meta.json'), 'utf8'));
    await writeFile(join(docDir, 'meta.json'), JSON.stringify({ ...meta, blocks: [{ kind: 'paragraph', start: 0, end: 3 }] }));
    const again = await open(dir);
    const doc = await again.get(id);
    expect(doc.blocks).toEqual(blocks);
    expect(again.repairs.forDocument(id)).toMatchObject([{ file: `docs/${id}/meta.json`, problem: expect.stringMatching(/checksum/), action: expect.stringMatching(/Rebuilt from the text/) }]);
    expect(JSON.parse(await readFile(join(docDir, 'meta.json'), 'utf8')).blocks).toEqual(blocks);
    await again.close();
  });

  it('a damaged text.txt is restored from the original file', async () => {
    const { dir, archive, id, docDir } = await archiveWithDoc();
    const { text } = await archive.get(id);
    await archive.close();
    await writeFile(join(docDir, 'text.txt'), text.replace('forty', 'fifty'));
    const again = await open(dir);
    expect((await again.get(id)).text).toBe(text);
    expect(await readFile(join(docDir, 'text.txt'), 'utf8')).toBe(text);
    const [repair] = again.repairs.forDocument(id);
    expect(repair).toMatchObject({ problem: expect.stringMatching(/text\.txt is damaged/), action: expect.stringMatching(/Restored from the original file \(original\.txt\)/) });
    expect(await readFile(join(dir, repair!.setAsideAs!), 'utf8')).toContain('fifty');
    await again.close();
  });

  it('a text that cannot be restored is reported, not hidden', async () => {
    const { dir, archive, id, docDir } = await archiveWithDoc();
    await archive.close();
    await writeFile(join(docDir, 'text.txt'), '\u0000'.repeat(20));
    await writeFile(join(docDir, 'original.txt'), 'something else');
    const again = await open(dir);
    await again.get(id);
    expect(again.repairs.forDocument(id).map((r) => r.action).join(' ')).toMatch(/Could not be restored from the original file \(original\.txt is damaged too/);
    await again.close();
  });

  it('a damaged meta.json is rewritten from library.json, and the blocks it held are rebuilt from the text', async () => {
    const { dir, archive, id, docDir } = await archiveWithDoc();
    const { blocks } = await archive.get(id);
    await archive.close();
    await writeFile(join(docDir, 'meta.json'), '{"id":');
    const again = await open(dir);
    expect((await again.get(id)).blocks).toEqual(blocks);
    expect(JSON.parse(await readFile(join(docDir, 'meta.json'), 'utf8'))).toMatchObject({ id, blocks });
    expect(again.repairs.forDocument(id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: `docs/${id}/meta.json`, action: expect.stringMatching(/Rewritten from library\.json/) }),
        expect.objectContaining({ file: `docs/${id}/meta.json`, problem: expect.stringMatching(/holds no blocks/), action: expect.stringMatching(/Rebuilt from the text/) }),
      ]),
    );
    expect(again.repairs.forDocument(id)).toHaveLength(2);
    await again.close();
  });

  it('a document imported before checksums were kept gets them on first read', async () => {
    const { dir, archive, id, docDir } = await archiveWithDoc();
    await archive.close();
    // As an archive from then has it: a version 1 library.json listing the document without checks (migrated at open).
    const library = { ...JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')), version: 1, documents: (await documentsOnDisk(dir)).map(({ checks: _checks, ...meta }) => meta) };
    await writeFile(join(dir, 'library.json'), JSON.stringify(library));
    const again = await open(dir);
    expect(again.list()[0]?.checks).toBeUndefined();
    await again.get(id);
    expect(again.list()[0]?.checks?.text).toBe(sha256(await readFile(join(docDir, 'text.txt'))));
    expect(again.repairs.list()).toEqual([]);
    await again.close();
  });
});
