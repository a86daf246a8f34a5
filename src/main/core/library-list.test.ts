import { request, type IncomingMessage } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startServer } from '../server/server';
import { createEventHub } from './events';
import { libraryListJson } from './library-list';
import { createCore } from './service';
import { useTempDirs } from './test-support/temp-dir';

const tempDir = useTempDirs();

/** What library.list answered before issue #19 made it piece by piece: every document as an object, then one string. */
const wholeList = (docs: readonly { checks?: unknown; id: string }[], annotated: ReadonlySet<string>) =>
  JSON.stringify(docs.map(({ checks: _checks, ...meta }) => ({ ...meta, hasAnnotations: annotated.has(meta.id) })));

describe('library.list piece by piece (issue #19)', () => {
  it('answers the same JSON text as the whole list, from library.bin’s columns and from the documents as objects, in process and over HTTP', async () => {
    const archiveDir = await tempDir();
    const open = () => createCore({ archiveDir, shell: 'browser', version: '0', emit: createEventHub().emit });
    let core = await open();
    const titles = ['Zeta report', 'alpha notice', '广州 报告', 'Ünïcode “quotes” \\ and "double" <b>', 'Plain'];
    await core.handlers['import.files']({ files: titles.map((title, i) => ({ name: `f${i}.txt`, data: Buffer.from(`${title}\n\nBody ${i}.\n`).toString('base64') })) });
    const [first, second] = await core.handlers['library.list']({});
    await core.handlers['annotations.create']({ docId: first!.id, kind: 'highlight', start: 0, end: 4 });
    await core.handlers['documents.tag']({ ids: [second!.id], add: ['policy/national'], remove: [] });
    await core.close();
    // Reopened: the documents are library.bin's columns until something asks for one.
    core = await open();
    const rendererDir = await tempDir('marginalia-renderer-');
    await mkdir(rendererDir, { recursive: true });
    const server = await startServer({ handlers: core.handlers, jsonPieces: core.jsonPieces, events: createEventHub(), rendererDir });
    try {
      const post = async () => {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/library.list`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: '{}' });
        return { status: res.status, chunked: res.headers.get('transfer-encoding'), text: await res.text() };
      };
      for (const round of ['columns', 'objects']) {
        // Small pieces, so that the five documents take several.
        const text = [...(await libraryListJson(core.archive, 100))].join('');
        const overHttp = await post();
        const inProcess = await core.handlers['library.list']({});
        const expected = wholeList(core.archive.documents(), await core.archive.annotatedIds());
        expect(text, round).toBe(expected);
        expect(JSON.stringify(inProcess), round).toBe(expected);
        expect(overHttp).toEqual({ status: 200, chunked: 'chunked', text: `{"ok":true,"value":${expected}}` });
        expect(inProcess.map((d) => [d.title, d.hasAnnotations, d.tags ?? []])).toEqual([
          [titles[0], true, []],
          [titles[1], false, ['policy/national']],
          ...titles.slice(2).map((t) => [t, false, []]),
        ]);
        expect(inProcess.some((d) => 'checks' in d)).toBe(false);
      }
      // Input is checked as for every method.
      const refused = await fetch(`http://127.0.0.1:${server.port}/api/library.list`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: '{"limit":1}' });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await server.close();
      await core.close();
    }
  }, 60_000);

  it('makes a piece only when the socket has room for it, and stops when the client goes', async () => {
    const core = await createCore({ archiveDir: await tempDir(), shell: 'browser', version: '0', emit: createEventHub().emit });
    let made = 0;
    let finished = false;
    // A list of ~1 GB that must never be made whole: each piece is made on demand.
    function* huge() {
      try {
        yield '[';
        for (let i = 0; i < 16_384; i++) {
          made++;
          yield `${i ? ',' : ''}"${'x'.repeat(64 * 1024)}"`;
        }
        yield ']';
      } finally {
        finished = true;
      }
    }
    const server = await startServer({ handlers: core.handlers, jsonPieces: { 'library.list': async () => huge() }, events: createEventHub(), rendererDir: await tempDir() });
    try {
      const answer = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/api/library.list', method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` } }, resolve);
        req.on('error', reject);
        req.end('{}');
      });
      expect(answer.statusCode).toBe(200);
      answer.pause();
      // The client reads nothing: the server stops making pieces once the socket's buffers are full.
      await new Promise((r) => setTimeout(r, 300));
      expect(made).toBeGreaterThan(0);
      expect(made).toBeLessThan(200);
      answer.destroy();
      await expect.poll(() => finished, { timeout: 5_000 }).toBe(true);
      expect(made).toBeLessThan(200);
      // The server goes on answering.
      const next = await fetch(`http://127.0.0.1:${server.port}/api/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: '{}' });
      expect(next.status).toBe(200);
    } finally {
      await server.close();
      await core.close();
    }
  }, 60_000);
});
