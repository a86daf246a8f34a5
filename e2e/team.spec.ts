import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser } from '../src/main/server-team/auth';
import { migrate, openPool } from '../src/main/server-team/db';
import { runServer } from '../src/main/server-team/run-server';
import { POSTGRES_MISSING, postgresBin, startTestPostgres } from '../src/main/server-team/test-postgres';
import { expect, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';
import { ShellPage } from './models/shell-page';

const havePostgres = postgresBin() !== null;
if (!havePostgres) console.warn(POSTGRES_MISSING);

test('Settings → Team: sign in, sync with progress, a title changed on two machines is listed and the other value picked', async ({ page, server }) => {
  test.skip(!havePostgres, POSTGRES_MISSING);
  test.setTimeout(120_000);
  const pg = startTestPostgres()!;
  const db = pg.createDatabase(`e2e_${process.pid}`);
  const pool = openPool(db);
  await migrate(pool);
  await addUser(pool, 'rita', 'reviewer', 'rita-password');
  const team = await runServer({ db, listen: '127.0.0.1:0' });
  try {
    const dir = await mkdtemp(join(tmpdir(), 'marginalia-team-'));
    const file = join(dir, 'minutes.txt');
    await writeFile(file, 'Council minutes\n\nThe council met in Geneva and agreed on the budget.\n');
    const library = new LibraryPage(page);
    const reader = new ReaderPage(page);
    const shell = new ShellPage(page);
    await library.open(server.url);
    await library.importFiles([file]);
    await expect(library.document('Council minutes')).toBeVisible();

    await shell.openSettings();
    const section = page.getByRole('region', { name: 'Team' });
    await section.getByLabel('Server address').fill(team.url);
    await section.getByLabel('User name').fill('rita');
    await section.getByLabel('Password').fill('wrong-password');
    await section.getByRole('button', { name: 'Sign in' }).click();
    await expect(section.getByRole('status', { name: 'Sign-in status' })).toContainText('Wrong user name or password');
    await section.getByLabel('Password').fill('rita-password');
    await section.getByRole('button', { name: 'Sign in' }).click();
    await expect(section.getByRole('status', { name: 'Team account' })).toHaveText(`Signed in as rita (reviewer) at ${team.url}.`);
    await section.getByRole('button', { name: 'Sync now' }).click();
    await expect(section.getByRole('status', { name: 'Sync status' })).toHaveText('Done');
    await expect(section.getByText('Synced 1 change.')).toBeVisible();
    const { rows } = await pool.query<{ id: string; version: string; content: { meta: { title: string; updatedAt: string } } }>("SELECT id, version, content FROM records WHERE kind = 'document'");
    expect(rows.map((r) => r.content.meta.title)).toEqual(['Council minutes']);

    // Another machine renames it on the server (later), while this one renames it here.
    const doc = rows[0]!;
    const login = (await (await fetch(`${team.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'rita', password: 'rita-password' }) })).json()) as { token: string };
    const later = { ...doc.content, meta: { ...doc.content.meta, title: 'Minutes (other machine)', updatedAt: '2999-01-01T00:00:00.000Z' } };
    const pushed = await fetch(`${team.url}/api/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ writes: [{ kind: 'document', id: doc.id, base: Number(doc.version), content: later }] }),
    });
    expect(((await pushed.json()) as { applied: unknown[] }).applied).toHaveLength(1);
    await page.getByRole('link', { name: 'Library' }).first().click();
    await library.document('Council minutes').click();
    await reader.rename('Minutes (this machine)');
    await expect(page.getByRole('heading', { level: 1, name: 'Minutes (this machine)' })).toBeVisible();

    await shell.openSettings();
    await section.getByRole('button', { name: 'Sync now' }).click();
    await expect(section.getByRole('status', { name: 'Sync status' })).toHaveText('Done');
    const conflicts = page.getByRole('region', { name: 'Sync conflicts' });
    const item = conflicts.getByRole('listitem');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Minutes (other machine)');
    await expect(item).toContainText('Minutes (this machine)');
    await conflicts.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('team-sync-conflicts'), fullPage: false });
    await item.getByRole('button', { name: 'Use the other value of title in Minutes (other machine)' }).click();
    await expect(conflicts.getByText('No sync conflicts.')).toBeVisible();
    await section.getByRole('button', { name: 'Sync now' }).click();
    await expect(section.getByRole('status', { name: 'Sync status' })).toHaveText('Done');
    const after = await pool.query<{ title: string }>("SELECT content->'meta'->>'title' AS title FROM records WHERE kind = 'document'");
    expect(after.rows).toEqual([{ title: 'Minutes (this machine)' }]);
    await page.getByRole('link', { name: 'Library' }).first().click();
    await expect(library.document('Minutes (this machine)')).toBeVisible();
  } finally {
    await team.close();
    await pool.end();
    pg.stop();
  }
});
