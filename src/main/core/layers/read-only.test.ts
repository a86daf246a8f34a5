import { describe, expect, it } from 'vitest';
import { GOLD_LAYER, type Annotation } from '../../../shared/model';
import { dispatch } from '../dispatch';
import { createEventHub } from '../events';
import { createCore } from '../service';
import { saveState, emptyState } from '../sync/state';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const TEXT = 'Li Wei works at the Guangzhou Institute in Guangzhou.';
const span = (quote: string) => ({ start: TEXT.lastIndexOf(quote), end: TEXT.lastIndexOf(quote) + quote.length });
const comment = { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'why' }] }] };

async function setUp() {
  const archiveDir = await tempDir();
  const c = await createCore({ archiveDir, shell: 'browser', version: '0.0.0-test', emit: createEventHub().emit });
  const outcome = await c.archive.importFile({ name: 'work.txt', bytes: new TextEncoder().encode(TEXT) });
  if (outcome.status !== 'imported') throw new Error(outcome.status);
  const docId = outcome.doc.id;
  const [alices, golds] = await c.archive.annotations.createMany(docId, [
    { kind: 'entity', ...span('Guangzhou Institute'), label: 'ORG', author: 'alice' },
    { kind: 'entity', ...span('Li Wei'), label: 'PERSON', author: GOLD_LAYER },
  ]);
  const call = (method: string, input: object) => dispatch(c.handlers, method, { docId, ...input });
  const refused = (method: string, input: object) => call(method, input).then((r) => (r.ok ? 'allowed' : `${r.error.code}: ${r.error.message}`));
  /** every write path on one annotation: update (label, comment), relation, place, delete, restore */
  const writes = async (a: Annotation, own: Annotation) => {
    const answers = [
      await refused('annotations.update', { id: a.id, label: a.label }),
      await refused('annotations.update', { id: a.id, comment }),
      await refused('relations.create', { from: a.id, to: own.id, type: 'RELATED_TO' }),
      await refused('relations.create', { from: own.id, to: a.id, type: 'RELATED_TO' }),
      await refused('annotations.place', { id: a.id, start: a.target.start, end: a.target.end }),
      await refused('annotations.delete', { id: a.id }),
    ];
    const restore = await refused('annotations.restore', { annotation: { ...a, id: 'restored1' } });
    return [...answers, restore];
  };
  return { c, archiveDir, docId, alices: alices!, golds: golds!, call, refused, writes };
}

describe('others’ layers are read-only in the core (#18)', () => {
  it('refuses every write to another annotator’s layer once the user has a name; gold stays the local owner’s to curate', async () => {
    const { c, call, refused, writes, alices, golds } = await setUp();
    // no name: one person's archive, nothing refused
    const own = (await call('mentions.create', { ...span('Guangzhou'), label: 'LOCATION' })) as { ok: true; value: { annotation: Annotation } };
    expect(await refused('annotations.update', { id: alices.id, comment })).toBe('allowed');

    await dispatch(c.handlers, 'settings.update', { team: { user: 'ann' } });
    const answers = await writes(alices, own.value.annotation);
    for (const answer of answers) expect(answer).toBe("read_only: This annotation is in alice's layer: other annotators' layers are read-only to ann.");
    // mentions.relabel and mentions.confirm go through the same update
    expect(await refused('mentions.relabel', { annotationId: alices.id, label: 'LOCATION' })).toMatch(/^read_only/);
    // the user's own layer, and gold (never signed in: the archive's owner curates): allowed
    expect(await refused('annotations.update', { id: own.value.annotation.id, comment })).toBe('allowed');
    expect(await refused('annotations.update', { id: golds.id, comment })).toBe('allowed');
    expect(await refused('curation.accept', { annotationIds: [own.value.annotation.id] })).toBe('allowed');

    // work over the archive: deleting a label or an entity with alice's mentions is refused whole; unlinking them from the registry is not a layer's change
    const { annotation: mine, entity } = await c.archive.entities.tag(alices.docId, { ...span('Institute'), label: 'ORG' });
    await c.archive.annotations.createMany(alices.docId, [{ kind: 'entity', ...span('Guangzhou'), label: 'ORG', entityId: entity.id, author: 'alice' }]);
    const answer = async (method: string, input: object) => dispatch(c.handlers, method, input).then((r) => (r.ok ? 'allowed' : `${r.error.code}: ${r.error.message}`));
    expect(await answer('labels.delete', { id: 'ORG', mentions: 'delete' })).toMatch(/^read_only: This annotation is in alice's layer/);
    expect(await answer('entities.delete', { id: entity.id, mentions: 'remove' })).toMatch(/^read_only/);
    expect((await c.archive.annotations.list(alices.docId)).some((a) => a.id === mine.id)).toBe(true);
    expect(await answer('entities.delete', { id: entity.id, mentions: 'unlink' })).toBe('allowed');
    expect((await c.archive.annotations.list(alices.docId)).filter((a) => a.entityId === entity.id)).toEqual([]);
    await c.close();
  });

  it('keeps gold read-only to a signed-in annotator, writable to a reviewer', async () => {
    const { c, archiveDir, call, refused, writes, golds } = await setUp();
    await dispatch(c.handlers, 'settings.update', { team: { user: 'ann' } });
    const own = ((await call('mentions.create', { ...span('Guangzhou'), label: 'LOCATION' })) as { ok: true; value: { annotation: Annotation } }).value.annotation;
    await saveState(archiveDir, { ...emptyState(), server: 'https://team.example', user: 'ann', role: 'annotator' });
    for (const answer of await writes(golds, own)) expect(answer).toMatch(/^read_only: The gold layer is read-only to an annotator \(ann\)/);
    expect(await refused('curation.accept', { annotationIds: [own.id] })).toMatch(/^read_only/);
    expect(await dispatch(c.handlers, 'layers.work', { layer: GOLD_LAYER })).toMatchObject({ ok: false, error: { code: 'read_only' } });
    // the review view hears it, and offers no curation
    expect(await dispatch(c.handlers, 'layers.list', {})).toMatchObject({ ok: true, value: { user: 'ann', goldWritable: false } });
    // the annotator's own layer is theirs
    expect(await refused('annotations.update', { id: own.id, comment })).toBe('allowed');

    await saveState(archiveDir, { ...emptyState(), server: 'https://team.example', user: 'ann', role: 'reviewer' });
    expect(await refused('annotations.update', { id: golds.id, comment })).toBe('allowed');
    expect(await refused('curation.accept', { annotationIds: [own.id] })).toBe('allowed');
    expect(await dispatch(c.handlers, 'layers.list', {})).toMatchObject({ ok: true, value: { goldWritable: true } });
    await c.close();
  });
});
