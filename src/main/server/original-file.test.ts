import { writeFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../core/test-support/temp-dir';
import { serveOriginal, type OriginalReply } from './original-file';

const tempDir = useTempDirs();
const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256));

/** The handler both shells call (browser mode's server and Electron's app:// protocol), on a real file. */
async function original() {
  const path = join(await tempDir(), 'original.pdf');
  await writeFile(path, bytes);
  return (range?: string, extra: { method?: string; ifRange?: string } = {}) => serveOriginal((id) => (id === 'doc' ? path : null), 'doc', { method: extra.method ?? 'GET', range, ifRange: extra.ifRange });
}
const body = async (reply: OriginalReply) => (reply.body ? buffer(reply.body()) : null);

describe('serveOriginal', () => {
  it('sends the whole file, saying that ranges work', async () => {
    const get = await original();
    const reply = await get();
    expect(reply.status).toBe(200);
    expect(reply.headers).toMatchObject({ 'Accept-Ranges': 'bytes', 'Content-Length': '300', 'Content-Type': 'application/pdf' });
    expect((await body(reply))!.equals(bytes)).toBe(true);
  });

  it('sends only the range asked for, with its Content-Range; merged parts too', async () => {
    const get = await original();
    const tail = await get('bytes=-100');
    expect(tail.status).toBe(206);
    expect(tail.headers).toMatchObject({ 'Content-Range': 'bytes 200-299/300', 'Content-Length': '100' });
    expect((await body(tail))!.equals(bytes.subarray(200))).toBe(true);
    const merged = await get('bytes=10-19,15-29');
    expect(merged.headers['Content-Range']).toBe('bytes 10-29/300');
    expect((await body(merged))!.equals(bytes.subarray(10, 30))).toBe(true);
    expect((await get('bytes=0-9,100-109')).status).toBe(200);
  });

  it('answers 416 with the size for a range past the end, and ignores a hostile or foreign Range', async () => {
    const get = await original();
    const past = await get('bytes=300-');
    expect(past.status).toBe(416);
    expect(past.headers['Content-Range']).toBe('bytes */300');
    expect(past.body).toBeUndefined();
    for (const header of ['bytes=9-1', 'rows=1-2', 'bytes=--1', `bytes=${'0-0,'.repeat(100)}`]) expect((await get(header)).status, header).toBe(200);
  });

  it('keeps ranges to GET and to the version If-Range names; 404 for a document without a PDF', async () => {
    const get = await original();
    const head = await get('bytes=0-9', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
    const etag = head.headers.ETag!;
    expect((await get('bytes=0-9', { ifRange: etag })).status).toBe(206);
    expect((await get('bytes=0-9', { ifRange: '"other"' })).status).toBe(200);
    expect((await serveOriginal(() => null, 'doc', { method: 'GET' })).status).toBe(404);
    expect((await serveOriginal(() => '/no/such/file.pdf', 'doc', { method: 'GET' })).status).toBe(404);
  });
});
