import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLD_LAYER, layerOf, layersIn, splitOwnLayer } from '../../../shared/model';
import { Archive } from '../archive';
import { dispatch } from '../dispatch';
import { createEventHub } from '../events';
import { createCore } from '../service';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const TEXT = 'Li Wei visited Guangzhou in May.\n';

async function core(dir?: string) {
  const archiveDir = dir ?? (await tempDir());
  const c = await createCore({ archiveDir, shell: 'browser', version: '0.0.0-test', emit: createEventHub().emit });
  const outcome = await c.archive.importFile({ name: 'visit.txt', bytes: new TextEncoder().encode(TEXT) });
  if (outcome.status !== 'imported') throw new Error(outcome.status);
  return { c, archiveDir, docId: outcome.doc.id };
}

describe('layers: every annotation has an author', () => {
  it('records no author while no name is set (old archives read as the local user), the name once set', async () => {
    const { c, archiveDir, docId } = await core();
    const { annotation: before } = await c.archive.entities.tag(docId, { start: 0, end: 6, label: 'PERSON' });
    expect(before.author).toBeUndefined();
    expect(layerOf(before, undefined)).toBe('me');

    const set = await dispatch(c.handlers, 'settings.update', { team: { user: 'alice' } });
    expect(set).toMatchObject({ ok: true, value: { team: { user: 'alice' } } });
    const { annotation: after } = await c.archive.entities.tag(docId, { start: 15, end: 24, label: 'LOCATION' });
    expect(after.author).toBe('alice');
    // the unnamed annotation is now alice's too: the user's layer is the name set
    const list = await c.archive.annotations.list(docId);
    expect(layersIn(list, 'alice')).toEqual(['alice']);
    // a relation belongs to its start mention's layer
    const rel = await c.archive.relations.create(docId, { from: before.id, to: after.id, type: 'LOCATED_IN' });
    expect(rel.author).toBe('alice');
    await c.close();

    const onDisk = JSON.parse(await readFile(join(archiveDir, 'docs', docId, 'annotations.json'), 'utf8'));
    expect(onDisk.annotations.find((a: { id: string }) => a.id === before.id).author).toBeUndefined();
    const reopened = await Archive.open(archiveDir, { writable: false, owner: 'test' });
    expect(reopened.catalog.settings().team).toEqual({ user: 'alice' });
    await reopened.close();
  });

  it('puts what the session tags into gold while a reviewer edits it, and into their own layer again after', async () => {
    const { c, docId } = await core();
    await dispatch(c.handlers, 'settings.update', { team: { user: 'li' } });
    expect(await dispatch(c.handlers, 'layers.work', { layer: GOLD_LAYER })).toEqual({ ok: true, value: { working: GOLD_LAYER } });
    expect((await c.archive.entities.tag(docId, { start: 0, end: 6, label: 'PERSON' })).annotation.author).toBe(GOLD_LAYER);
    expect(await dispatch(c.handlers, 'layers.list', { ids: [docId] })).toMatchObject({ ok: true, value: { user: 'li', working: GOLD_LAYER } });
    expect(await dispatch(c.handlers, 'layers.work', { layer: 'bob' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await dispatch(c.handlers, 'layers.work', { layer: null });
    expect((await c.archive.entities.tag(docId, { start: 15, end: 24, label: 'LOCATION' })).annotation.author).toBe('li');
    await c.close();
  });

  it('keeps the sync settings beside the name, clears the name with "", refuses the gold layer and bad names', async () => {
    const { c } = await core();
    await c.archive.catalog.updateSettings((s) => ({ ...s, team: { ...s.team, server: 'https://team.example' } as never }));
    expect(await dispatch(c.handlers, 'settings.update', { team: { user: 'Wang Fang' } })).toMatchObject({ ok: true, value: { team: { user: 'Wang Fang', server: 'https://team.example' } } });
    expect(await dispatch(c.handlers, 'settings.update', { team: { user: '' } })).toMatchObject({ ok: true, value: { team: { server: 'https://team.example' } } });
    expect(await dispatch(c.handlers, 'settings.update', { team: { user: GOLD_LAYER } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(c.handlers, 'settings.update', { team: { user: '../x' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await c.close();
  });

  it('keeps others’ mentions and relations apart in the reader, never highlights or comments', () => {
    const list = [
      { kind: 'entity' as const, label: 'ORG', author: 'bob' },
      { kind: 'relation' as const, author: 'bob' },
      { kind: 'highlight' as const, author: 'A Word reviewer' },
      { kind: 'area' as const, author: 'bob' },
      { kind: 'area' as const, label: 'ORG', author: 'bob' },
      { kind: 'entity' as const, label: 'ORG' },
    ];
    const { own, others } = splitOwnLayer(list, undefined);
    expect(own).toEqual([list[2], list[3], list[5]]);
    expect(others).toEqual([list[0], list[1], list[4]]);
  });

  it('lists the own layer first and gold last', () => {
    const list = [{ author: 'gold' }, { author: 'bob' }, {}, { author: 'alice' }];
    expect(layersIn(list, 'zoe')).toEqual(['zoe', 'alice', 'bob', 'gold']);
  });
});
