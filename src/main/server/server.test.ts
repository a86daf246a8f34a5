import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventHub } from '../core/events';
import { createCore, type Core } from '../core/service';
import { useTempDirs } from '../core/test-support/temp-dir';
import { APP_ROOT as ROOT } from '../core/built-paths';
import { startServer, type RunningServer } from './server';

const tempDir = useTempDirs();
let running: { server: RunningServer; core: Core } | null = null;

afterEach(async () => {
  await running?.server.close();
  await running?.core.close();
  running = null;
});

async function serve() {
  const events = createEventHub();
  const core = await createCore({ archiveDir: await tempDir(), shell: 'browser', version: '0', emit: events.emit });
  const rendererDir = await tempDir('marginalia-renderer-');
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Marginalia</title>');
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const server = await startServer({ handlers: core.handlers, events, rendererDir, originalPdfPath: (id) => core.archive.originalPdfPath(id) });
  running = { server, core };
  return { server, origin: `http://127.0.0.1:${server.port}` };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 and prints a URL with the token', async () => {
    const { server } = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('answers 401 to every request without the token, the page included', async () => {
    const { origin } = await serve();
    for (const path of ['/', '/index.html', '/assets/app.js', '/api/events', '/nope']) {
      expect((await fetch(origin + path)).status, path).toBe(401);
    }
    expect((await post(`${origin}/api/library.list`, {})).status).toBe(401);
    expect((await fetch(`${origin}/?token=wrong`)).status).toBe(401);
    expect((await post(`${origin}/api/library.list`, {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('serves the page with the API token on the first visit, and a per-port cookie that opens only the page', async () => {
    const { server, origin } = await serve();
    const first = await fetch(server.url, { redirect: 'manual' });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.text()).toContain(`<meta name="marginalia-api-token" content="${server.token}">`);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^marginalia_session_${server.port}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(server.token);
    const jar = { cookie: cookie.split(';')[0]! };
    const page = await fetch(`${origin}/`, { headers: jar });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Marginalia</title>');
    expect(html).not.toContain(server.token); // a cookie holder (another local server) learns no token
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe/);
    const traversal = await fetch(`${origin}/..%2f..%2f..%2fetc%2fpasswd`, { headers: jar });
    expect(traversal.status).toBe(404);
  });

  it('refuses API calls and the event stream that carry the cookie alone; the header opens them', async () => {
    const { server, origin } = await serve();
    const cookie = (await fetch(server.url)).headers.get('set-cookie')!.split(';')[0]!;
    const withCookie = await post(`${origin}/api/library.list`, {}, { cookie });
    expect(withCookie.status).toBe(401);
    expect(await withCookie.text()).toMatch(/a cookie alone is not enough/);
    expect((await fetch(`${origin}/api/events`, { headers: { cookie } })).status).toBe(401);
    expect((await post(`${origin}/api/library.list?token=${server.token}`, {}, { cookie })).status).toBe(401);
    const withHeader = await post(`${origin}/api/library.list`, {}, { cookie, Authorization: `Bearer ${server.token}` });
    expect(await withHeader.json()).toEqual({ ok: true, value: [] });
  });

  it('answers 400 to a method name with bad percent-encoding and to a 100,000-key object', async () => {
    const { server, origin } = await serve();
    const auth = { Authorization: `Bearer ${server.token}` };
    const bad = await post(`${origin}/api/library.list%E0%A4%A`, {}, auth);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: /percent-encoding/ } });
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const refused = await post(`${origin}/api/library.list`, wide, auth);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ ok: false, error: { message: /more than 1000 keys/ } });
  });

  it('serves the contract as POST /api/<method> with Results', async () => {
    const { server, origin } = await serve();
    const auth = { Authorization: `Bearer ${server.token}` };
    const list = await post(`${origin}/api/library.list`, {}, auth);
    expect(await list.json()).toEqual({ ok: true, value: [] });
    const bad = await post(`${origin}/api/document.get`, { id: 7 }, auth);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await post(`${origin}/api/rm-rf`, {}, auth);
    expect(unknown.status).toBe(404);
    const notJson = await fetch(`${origin}/api/library.list`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
    const form = await fetch(`${origin}/api/library.list`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
  });

  it('refuses cross-origin calls and foreign Host headers', async () => {
    const { server, origin } = await serve();
    const auth = { Authorization: `Bearer ${server.token}` };
    expect((await post(`${origin}/api/library.list`, {}, { ...auth, Origin: 'http://evil.example' })).status).toBe(403);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: server.port, path: '/', headers: { ...auth, Host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0))
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it('serves a PDF’s own bytes to the page view behind the token, and nothing else', async () => {
    const { server, origin } = await serve();
    const auth = { Authorization: `Bearer ${server.token}` };
    const pdf = await readFile(join(ROOT, 'fixtures', 'pdf-two-column.pdf'));
    const text = Buffer.from('Notice\n\nText.\n');
    await post(`${origin}/api/import.files`, { files: [{ name: 'report.pdf', data: pdf.toString('base64') }, { name: 'n.txt', data: text.toString('base64') }] }, auth);
    const docs = ((await (await post(`${origin}/api/library.list`, {}, auth)).json()) as { value: { id: string; type: string }[] }).value;
    const pdfId = docs.find((d) => d.type === 'pdf')!.id;
    const txtId = docs.find((d) => d.type === 'txt')!.id;

    const served = await fetch(`${origin}/original/${pdfId}`, { headers: auth });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await fetch(`${origin}/original/${pdfId}`)).status).toBe(401);
    expect((await fetch(`${origin}/original/${txtId}`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${origin}/original/nosuchdoc`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${origin}/original/..%2f..%2flibrary.json`, { headers: auth })).status).toBe(404);

    // Byte ranges, as pdf.js asks for them (byte-range.test.ts and original-file.test.ts hold the cases).
    expect(served.headers.get('accept-ranges')).toBe('bytes');
    const tail = await fetch(`${origin}/original/${pdfId}`, { headers: { ...auth, Range: 'bytes=-1024' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${pdf.length - 1024}-${pdf.length - 1}/${pdf.length}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(pdf.subarray(pdf.length - 1024))).toBe(true);
    const past = await fetch(`${origin}/original/${pdfId}`, { headers: { ...auth, Range: `bytes=${pdf.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
  });

  it('streams core events to the page over server-sent events', async () => {
    const { server, origin } = await serve();
    const auth = { Authorization: `Bearer ${server.token}` };
    const stream = await fetch(`${origin}/api/events`, { headers: auth });
    const reader = stream.body!.getReader();
    await reader.read(); // ": connected"
    const data = Buffer.from('Notice\n\nText.\n').toString('base64');
    await post(`${origin}/api/import.files`, { files: [{ name: 'n.txt', data }] }, auth);
    let received = '';
    while (!received.includes('library.changed')) received += new TextDecoder().decode((await reader.read()).value);
    expect(received).toMatch(/event: import.progress\ndata: \{"runId"/);
    await reader.cancel();
  });
});
