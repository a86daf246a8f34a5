import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { importAnnotationFiles } from './import-annotations';
import { bratLines, NEWS, NEWS_SPANS, span } from './test-corpus';

/** A failed import on a real read-only file system (tmpfs remounted): needs root to mount, skipped otherwise. */
const probe = mkdtempSync(join(tmpdir(), 'marginalia-mount-probe-'));
const canMount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]).status === 0;
if (canMount) execFileSync('umount', [probe]);
rmSync(probe, { recursive: true, force: true });
if (!canMount) console.warn('skipped: the failed-import test needs permission to mount a tmpfs');

const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) {
    spawnSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe.runIf(canMount)('an annotation import that fails', () => {
  it('loses nothing already stored: the write refused, the document keeps its annotations, a retry imports the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-fault-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir]);
    mounts.push(dir);
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const pair = [{ name: 'news.ann', content: bratLines(NEWS, NEWS_SPANS.slice(0, 3)).join('\n') }, { name: 'news.txt', content: NEWS }];
    const [first] = await importAnnotationFiles(archive, pair, { createLabels: true });
    const id = first!.created![0]!;
    const before = await archive.annotations.list(id);
    expect(before).toHaveLength(3);

    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const more = { name: 'more.jsonl', content: JSON.stringify({ text: NEWS, label: NEWS_SPANS.map((s) => [...Object.values(span(NEWS, s.quote)), s.label]) }) };
    await expect(importAnnotationFiles(archive, [more], { createLabels: true })).rejects.toThrow(/read-only file system|EROFS/);
    expect(await archive.annotations.list(id)).toEqual(before);
    await archive.close().catch(() => undefined);

    execFileSync('mount', ['-o', 'remount,rw', dir]);
    const again = await Archive.open(dir, { writable: true, owner: 'test' });
    expect(await again.annotations.list(id)).toEqual(before);
    const [retry] = await importAnnotationFiles(again, [more], { createLabels: true });
    expect(retry).toMatchObject({ imported: NEWS_SPANS.length - 3, duplicates: 3, skipped: 0 });
    await again.close();
  });
});
