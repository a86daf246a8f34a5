import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api';
import { dispatch } from './dispatch';
import { createEventHub } from './events';
import { createCore, type Core } from './service';

// One archive for the whole file (useTempDirs removes its folders after each test).
let archiveDir = '';
let core: Core;
let docId = '';

beforeAll(async () => {
  archiveDir = await mkdtemp(join(tmpdir(), 'marginalia-fuzz-'));
  core = await createCore({ archiveDir, shell: 'browser', version: 'fuzz', emit: createEventHub().emit });
  const outcome = await core.archive.importFile({ name: 'seed.txt', bytes: new TextEncoder().encode('Fuzzing seed document\n\nSome text to annotate.\n') });
  if (outcome.status === 'imported') docId = outcome.doc.id;
});
afterAll(async () => {
  await core?.close();
  await rm(archiveDir, { recursive: true, force: true });
});

/** Payloads of every shape: wrong types, huge strings, deep nesting, prototype keys, near-valid objects. */
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, undefined, 0, -1, 1e308, NaN, true, '', '__proto__', 'constructor'),
    fc.string({ maxLength: 50 }),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.constant('x'.repeat(2_000_000)),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom('id', 'docId', 'start', 'end', 'kind', 'files', 'query', 'labels', '__proto__', 'constructor', 'prototype'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const nearValid = fc.record({
  docId: fc.oneof(fc.constant(() => docId), fc.string()),
  kind: fc.constantFrom('highlight', 'entity', 'evil'),
  start: fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double()),
  end: fc.oneof(fc.integer({ min: -5, max: 100 }), fc.constant(2 ** 40)),
  label: fc.constantFrom('ORG', 'PERSON', '', '../x'),
});

describe('the contract under fuzzing', () => {
  it('answers every payload to every method with a Result, and the process lives on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHOD_NAMES, 'nope', '__proto__'), fc.oneof(hostileValue, nearValid), async (method, raw) => {
        if (method === 'import.dialog') return; // opens a native dialog in the desktop shell only
        const input = JSON.parse(JSON.stringify(raw, (_k, v) => (typeof v === 'function' ? v() : v)) ?? 'null');
        const result = await dispatch(core.handlers, method, input);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.code).not.toBe('internal');
      }),
      { numRuns: 400, seed: 20261121 },
    );
    // Nothing polluted the prototypes on the way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect((await dispatch(core.handlers, 'library.list', {})).ok).toBe(true);
  }, 120_000);

  it('refuses nesting deeper than the contract allows before validating', async () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    const result = await dispatch(core.handlers, 'document.update', { id: docId, title: deep });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/nested deeper/) } });
  });
});
