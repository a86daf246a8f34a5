import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/api';
import { dispatch } from '../dispatch';
import { createEventHub } from '../events';
import { createCore } from '../service';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();

function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = probe();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > 30_000) return reject(new Error(`gave up waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

describe('the inbox through the contract', () => {
  it('refuses a relative folder or one that overlaps the archive; watches a good one, reports its imports as events, and keeps it in the settings', async () => {
    const archiveDir = await tempDir();
    const inbox = await tempDir('marginalia-inbox-');
    const hub = createEventHub();
    const events: { event: EventName; payload: unknown }[] = [];
    hub.subscribe((event, payload) => events.push({ event, payload }));
    const core = await createCore({ archiveDir, shell: 'browser', version: '0.0.0-test', emit: hub.emit });
    try {
      expect(await dispatch(core.handlers, 'inbox.status', {})).toEqual({ ok: true, value: { state: 'off', folder: '', recent: [] } });
      const relative = await dispatch(core.handlers, 'inbox.set', { folder: 'Inbox', after: 'move' });
      expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'The inbox folder must be a full path (such as /home/me/Inbox), not "Inbox".' } });
      const overlapping = await dispatch(core.handlers, 'inbox.set', { folder: join(archiveDir, 'docs'), after: 'move' });
      expect(overlapping).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('must not contain each other') } });
      expect(await dispatch(core.handlers, 'inbox.set', { folder: inbox, after: 'sideways' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

      expect(await dispatch(core.handlers, 'inbox.set', { folder: inbox, after: 'leave' })).toMatchObject({ ok: true, value: { state: 'watching', folder: inbox } });
      expect(await dispatch(core.handlers, 'settings.get', {})).toMatchObject({ ok: true, value: { inbox: { folder: inbox, after: 'leave' } } });

      await dispatch(core.handlers, 'rules.save', { rules: [{ name: 'Memos', field: 'title', mode: 'any', pattern: 'memo', tags: ['memo'] }] });
      await writeFile(join(inbox, 'm.txt'), 'Harbour memo\n\nText.\n');
      const latest = await until(() => events.find((e) => e.event === 'inbox.status' && (e.payload as { latest?: unknown }).latest), 'the inbox event');
      expect((latest.payload as { latest: unknown }).latest).toMatchObject({ status: 'imported', title: 'Harbour memo', rules: ['Memos'], file: join(inbox, 'm.txt') });
      expect(events.some((e) => e.event === 'library.changed')).toBe(true);
      expect(events.some((e) => e.event === 'import.progress' && (e.payload as { runId: string }).runId.startsWith('inbox-'))).toBe(true);
      const status = await dispatch(core.handlers, 'inbox.status', {});
      expect(status).toMatchObject({ ok: true, value: { state: 'watching', recent: [{ status: 'imported', title: 'Harbour memo' }] } });
      const list = await dispatch(core.handlers, 'library.list', {});
      expect(list.ok && (list.value as { title: string; tags?: string[] }[])).toMatchObject([{ title: 'Harbour memo', tags: ['memo'] }]);
    } finally {
      await core.close();
    }
  });
});
