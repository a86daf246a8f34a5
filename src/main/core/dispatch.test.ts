import { describe, expect, it } from 'vitest';
import { APP_ANNOTATION_FILE_MB } from '../../shared/api/limits';
import { dispatch } from './dispatch';
import { createEventHub } from './events';
import { createCore } from './service';
import { useTempDirs } from './test-support/temp-dir';

const tempDir = useTempDirs();

async function core() {
  const hub = createEventHub();
  return createCore({ archiveDir: await tempDir(), shell: 'browser', version: '0.0.0-test', emit: hub.emit });
}

describe('dispatch: the contract at the edge of main', () => {
  it('answers a valid call with its value', async () => {
    const c = await core();
    expect(await dispatch(c.handlers, 'library.list', {})).toEqual({ ok: true, value: [] });
    await c.close();
  });

  it('turns every bad payload into an invalid_input result', async () => {
    const c = await core();
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 10_000; i++) cursor = cursor.x = {};
    const bad: [string, unknown][] = [
      ['document.get', { id: 42 }],
      ['document.get', { id: '../../etc/passwd' }],
      ['document.get', { id: 'abcdefgh', extra: true }],
      ['document.update', { id: 'abcdefgh', title: '   ' }],
      ['document.update', { id: 'abcdefgh', title: 'x'.repeat(10_000) }],
      ['import.files', { files: [{ name: 'a.txt', data: 'not base64!' }] }],
      ['import.files', { files: [] }],
      ['import.files', 'a string'],
      ['library.list', deep],
      ['library.list', [1, 2, 3]],
      // what JSON.parse makes of a pollution attempt: an own "__proto__" key
      ['document.get', JSON.parse('{"__proto__": {"id": "abcdefgh"}}')],
      ['document.update', JSON.parse('{"id": "abcdefgh", "title": "t", "constructor": {"prototype": {"x": 1}}}')],
      // geometry: pages from 1, finite numbers, x0 ≤ x1, at most 200 rectangles; an area needs one page and one rectangle
      ['pdf.map', { id: 7 }],
      ['annotations.create', { docId: 'abcdefgh', kind: 'highlight', start: 0, end: 4, geometry: [{ page: 0, rects: [[0, 0, 1, 1]] }] }],
      ['annotations.create', { docId: 'abcdefgh', kind: 'highlight', start: 0, end: 4, geometry: [{ page: 1, rects: [[0, 0, Number.POSITIVE_INFINITY, 1]] }] }],
      ['annotations.create', { docId: 'abcdefgh', kind: 'highlight', start: 0, end: 4, geometry: [{ page: 1, rects: [[5, 0, 1, 1]] }] }],
      ['annotations.create', { docId: 'abcdefgh', kind: 'highlight', start: 0, end: 4, geometry: [{ page: 1, rects: [[Number.NaN, 0, 1, 1]] }] }],
      ['annotations.create', { docId: 'abcdefgh', kind: 'highlight', start: 0, end: 4, geometry: [{ page: 1, rects: Array.from({ length: 201 }, () => [0, 0, 1, 1]) }] }],
      ['annotations.create', { docId: 'abcdefgh', kind: 'highlight', start: 0, end: 4, geometry: [1, 2].map((page) => ({ page, rects: Array.from({ length: 101 }, () => [0, 0, 1, 1]) })) }],
      ['annotations.create', { docId: 'abcdefgh', kind: 'area', start: 0, end: 0 }],
      ['annotations.create', { docId: 'abcdefgh', kind: 'area', start: 0, end: 0, geometry: [{ page: 1, rects: [[0, 0, 1, 1], [2, 2, 3, 3]] }] }],
      ['annotations.create', { docId: 'abcdefgh', kind: 'highlight', start: 3, end: 3 }],
    ];
    for (const pair of bad) {
      const [method, input] = pair;
      const result = await dispatch(c.handlers, method, input);
      expect(result, `${method} #${bad.indexOf(pair)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    await c.close();
  });

  it('refuses an annotation file over the app\'s limit, naming the file and the limit', async () => {
    const c = await core();
    const content = 'x'.repeat(APP_ANNOTATION_FILE_MB * 1048576 + 1);
    const result = await dispatch(c.handlers, 'annotations.import', { files: [{ name: 'huge.jsonl', content }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(result)).toContain(`huge.jsonl: more than an annotation file may be in the app (the limit is ${APP_ANNOTATION_FILE_MB} MB)`);
    await c.close();
  });

  it('refuses unknown methods, including prototype keys', async () => {
    const c = await core();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await dispatch(c.handlers, name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    await c.close();
  });

  it('passes on the core\'s own errors as results', async () => {
    const c = await core();
    expect(await dispatch(c.handlers, 'document.get', { id: 'missing123' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/missing123/) } });
    expect(await dispatch(c.handlers, 'import.dialog', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    await c.close();
  });

  it('imports base64 files and reports progress events', async () => {
    const hub = createEventHub();
    const events: string[] = [];
    hub.subscribe((event) => events.push(event));
    const c = await createCore({ archiveDir: await tempDir(), shell: 'browser', version: '0', emit: hub.emit });
    const data = Buffer.from('A short notice\n\nBody.\n').toString('base64');
    const result = await dispatch(c.handlers, 'import.files', { files: [{ name: 'notice.txt', data }, { name: 'notice-copy.txt', data }] });
    expect(result.ok && (result.value as { status: string }[]).map((o) => o.status)).toEqual(['imported', 'duplicate']);
    expect(events).toEqual(['import.progress', 'import.progress', 'import.progress', 'import.progress', 'library.changed']);
    await c.close();
  });
});
