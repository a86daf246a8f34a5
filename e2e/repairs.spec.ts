import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, fixtureFile, ROOT, screenshotPath, startServer, stopServer, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';
import { ShellPage } from './models/shell-page';

const ENGLISH = fixtureFile('address-en.txt');
const TITLE = 'New Year Address from the Harbour Institute of Marine Studies';
const KEPT = 'tidal laboratory on the east quay';

function cli(archiveDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'marginalia.mjs'), '--archive', archiveDir, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An archive folder of its own (these tests stop and start serve on it), removed afterwards. */
async function withArchive(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-e2e-repairs-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openDocument(page: Page, url: string): Promise<ReaderPage> {
  const library = new LibraryPage(page);
  await library.open(url);
  await library.document(TITLE).click();
  const reader = new ReaderPage(page);
  await expect(reader.article).toBeVisible();
  return reader;
}

test('a damaged annotations.json is told (notice, Repairs view, CLI) and its good copy restores the highlight', async ({ page }) => {
  await withArchive(async (dir) => {
    // Session 1: a highlight, on disk before it shows as saved.
    let serve = await startServer(dir);
    let id = '';
    try {
      const library = new LibraryPage(page);
      await library.open(serve.url);
      await library.importFiles([ENGLISH]);
      const reader = await openDocument(page, serve.url);
      id = /#\/doc\/([a-z0-9]+)/.exec(page.url())![1]!;
      await reader.highlight(KEPT);
      await expect.poll(async () => readFile(join(dir, 'docs', id, 'annotations.json'), 'utf8').catch(() => '')).toContain(KEPT);
    } finally {
      await stopServer(serve.child);
    }

    // Between sessions the file is damaged.
    await writeFile(join(dir, 'docs', id, 'annotations.json'), '{"version":1,"annotations":[{"id":');
    const before = cli(dir, 'annotations', id);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/warning: .*annotations\.json is damaged/);

    serve = await startServer(dir);
    try {
      const reader = await openDocument(page, serve.url);
      await expect(reader.marks).toHaveCount(0);
      const notice = page.locator('.toasts').getByRole('alert').filter({ hasText: 'A damaged file was found' });
      await expect(notice).toContainText(TITLE);
      await expect(notice).toContainText(`docs/${id}/annotations.json`);
      await notice.getByRole('button').first().click();

      await page.getByRole('link', { name: 'Library' }).click();
      await page.getByRole('link', { name: 'Repairs (1)' }).click();
      await expect(page.getByRole('heading', { name: 'Repairs', level: 1 })).toBeVisible();
      const item = page.getByRole('listitem').filter({ hasText: `docs/${id}/annotations.json` });
      await expect(item).toContainText(TITLE);
      await expect(item).toContainText('not valid JSON');
      await expect(item).toContainText(/annotations\.json\.damaged-/);
      await page.screenshot({ path: screenshotPath('repairs-view') });
      expect(await new ShellPage(page).axeViolations()).toEqual([]);

      await item.getByRole('button', { name: /Restore the newest good copy/ }).click();
      await expect(page.locator('.toasts').getByRole('status').filter({ hasText: 'Restored 1 annotation' })).toBeVisible();
      await expect(page.getByText('No repairs: every file of the archive was read as it was written.')).toBeVisible();

      await page.getByRole('link', { name: 'Library' }).click();
      await new LibraryPage(page).document(TITLE).click();
      await expect(reader.markWithText(KEPT)).toHaveCount(1);
    } finally {
      await stopServer(serve.child);
    }
    const after = cli(dir, 'annotations', id, '--json');
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toHaveLength(1);
  });
});

test('a comment and a note with content the editor does not know are shown read-only and never saved over', async ({ page }) => {
  await withArchive(async (dir) => {
    expect(cli(dir, 'import', ENGLISH).code).toBe(0);
    const [{ id }] = JSON.parse(cli(dir, 'list', '--json').stdout) as [{ id: string }];
    const text = await readFile(join(dir, 'docs', id, 'text.txt'), 'utf8');
    const start = text.indexOf(KEPT);
    const now = new Date().toISOString();
    const stored = {
      version: 1,
      annotations: [
        {
          id: 'kept0comment',
          docId: id,
          kind: 'highlight',
          target: { start, end: start + KEPT.length, quote: KEPT, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + KEPT.length, start + KEPT.length + 32) },
          color: 'green',
          comment: {
            type: 'doc',
            content: [
              { type: 'paragraph', content: [{ type: 'text', text: 'Tide tables from ', marks: [{ type: 'citation', attrs: { key: 'harbour1998' } }] }] },
              { type: 'mathBlock', attrs: { tex: 'h(t)=A\\cos(\\omega t)' }, content: [{ type: 'text', text: 'h(t) = A cos ωt' }] },
            ],
          },
          createdAt: now,
          updatedAt: now,
        },
      ],
      note: { type: 'doc', content: [{ type: 'callout', attrs: { tone: 'warn' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Check the quay survey first.' }] }] }] },
    };
    const file = join(dir, 'docs', id, 'annotations.json');
    const original = JSON.stringify(stored, null, 1);
    await writeFile(file, original);

    const serve = await startServer(dir);
    try {
      const reader = await openDocument(page, serve.url);
      // The note: read-only, its text shown, the unknown block named.
      const note = page.getByRole('region', { name: 'Note' });
      await expect(note.getByRole('note')).toContainText('callout');
      await expect(note.getByRole('document', { name: 'Document note (read-only)' })).toContainText('Check the quay survey first.');
      await expect(reader.noteEditor).toHaveCount(0);

      // The comment: read-only in the popover, with what it holds.
      await reader.markWithText(KEPT).click();
      await expect(reader.popover).toBeVisible();
      await expect(reader.popover.getByRole('note')).toContainText('blocks: mathBlock; formatting: citation');
      const body = reader.popover.getByRole('document', { name: 'Comment (read-only)' });
      await expect(body).toContainText('Tide tables from');
      await expect(body).toContainText('h(t) = A cos ωt');
      await expect(reader.commentEditor).toHaveCount(0);
      await page.screenshot({ path: screenshotPath('comment-read-only') });
      expect(await new ShellPage(page).axeViolations()).toEqual([]);

      // Typing into it changes nothing; closing the popover saves nothing.
      await body.click();
      await page.keyboard.type('overwrite this');
      await expect(body).not.toContainText('overwrite');
      await page.keyboard.press('Escape');
      await note.getByRole('document').click();
      await page.keyboard.type('and this');

      // A later write of the same file goes through the same queue: after it, the stored comment and note must be intact.
      await reader.highlight('forty-two new students');
      await expect.poll(async () => (await readFile(file, 'utf8')).includes('forty-two new students')).toBe(true);
      const after = JSON.parse(await readFile(file, 'utf8')) as typeof stored;
      expect(after.note).toEqual(stored.note);
      expect(after.annotations.find((a) => a.id === 'kept0comment')?.comment).toEqual(stored.annotations[0]!.comment);

      await page.reload();
      await expect(reader.article).toBeVisible();
      await expect(page.getByRole('region', { name: 'Note' }).getByRole('note')).toContainText('callout');
    } finally {
      await stopServer(serve.child);
    }
  });
});
