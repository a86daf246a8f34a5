import { afterEach, describe, expect, it } from 'vitest';
import { ParsePool } from './parse-pool';

const encode = (text: string) => new TextEncoder().encode(text);
const pools: ParsePool[] = [];
const pool = (size = 1, heapMb?: number, recycleHeapMb?: number) => {
  const made = new ParsePool(size, heapMb, recycleHeapMb);
  pools.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.stop()));
});

const LIMITS = { timeoutMs: 60_000 };

describe('ParsePool', () => {
  it('parses in a worker: text, blocks, title, date and language come back', async () => {
    const parsed = await pool().parse(encode('Annual Address\n\nOn 3 March 2024 the institute opened its new laboratory on the east quay.\n'), 'address.txt', {}, LIMITS);
    expect(parsed.title).toBe('Annual Address');
    expect(parsed.blocks.length).toBe(2);
    expect(parsed.date).toBe('2024-03-03');
    expect(parsed.language).toBe('en');
  });

  it('a file the importer refuses fails with the importer’s reason', async () => {
    await expect(pool().parse(encode('   \n\n  '), 'empty.txt', {}, LIMITS)).rejects.toThrow('empty file');
  });

  it('a file that takes too long is stopped with the limit named, and the next file still parses', async () => {
    const p = pool();
    await p.warm();
    await expect(p.parse(encode('# Heading\n\ntext\n'.repeat(20_000)), 'slow.md', {}, { timeoutMs: 1 })).rejects.toThrow(/took longer than 0.001 s, so it was stopped/);
    await expect(p.parse(encode('After\n\nstill fine\n'), 'after.txt', {}, LIMITS)).resolves.toMatchObject({ title: 'After' });
  });

  it('a file that needs more memory than a worker may use fails alone', async () => {
    const p = pool(1, 16);
    await expect(p.parse(encode('A line of text that repeats.\n\n'.repeat(400_000)), 'huge.txt', {}, LIMITS)).rejects.toThrow(/more memory than an import may use|reader (failed|stopped)/);
    await expect(p.parse(encode('Small\n\nok\n'), 'small.txt', {}, LIMITS)).resolves.toMatchObject({ title: 'Small' });
  });

  it('files queue on the workers and each answer goes to its own file', async () => {
    const p = pool(2);
    const titles = await Promise.all(Array.from({ length: 12 }, (_, i) => p.parse(encode(`Title ${i}\n\nbody ${i}\n`), `f${i}.txt`, {}, LIMITS).then((d) => d.title)));
    expect(titles).toEqual(Array.from({ length: 12 }, (_, i) => `Title ${i}`));
  });

  it('a worker whose heap grew past the bound on a large file is replaced (its heap goes back to the system); small files share one', async () => {
    const p = pool(1, undefined, 48);
    for (let i = 0; i < 3; i++) await p.parse(encode(`Small ${i}\n\ntext\n`), `s${i}.txt`, {}, LIMITS);
    expect(p.workersStarted).toBe(1);
    await p.parse(encode('A paragraph of a long report.\n\n'.repeat(160_000)), 'large.txt', {}, LIMITS);
    await expect(p.parse(encode('After\n\nok\n'), 'after.txt', {}, LIMITS)).resolves.toMatchObject({ title: 'After' });
    expect(p.workersStarted).toBe(2);
  });

  it('releaseIdle ends the idle workers only; the pool starts new ones when used again', async () => {
    const p = pool(2);
    await p.warm();
    expect(p.workersStarted).toBe(2);
    await p.releaseIdle();
    await expect(p.parse(encode('Again\n\nok\n'), 'again.txt', {}, LIMITS)).resolves.toMatchObject({ title: 'Again' });
    expect(p.workersStarted).toBe(3);
  });

  it('releaseIdle resolves once the idle workers have exited, and leaves a worker that is reading a file to finish it', async () => {
    const p = pool(2);
    await p.warm();
    const reading = p.parse(encode('Busy\n\nstill being read\n'.repeat(2_000)), 'busy.txt', {}, LIMITS);
    await p.releaseIdle();
    await expect(reading).resolves.toMatchObject({ title: 'Busy' });
    // The worker that was reading is still there: the next file needs no new one.
    await expect(p.parse(encode('Next\n\nok\n'), 'next.txt', {}, LIMITS)).resolves.toMatchObject({ title: 'Next' });
    expect(p.workersStarted).toBe(2);
  });

  it('stop fails the file being read and the files still queued', async () => {
    const p = pool(1);
    const jobs = Array.from({ length: 3 }, (_, i) => p.parse(encode(`Queued ${i}\n\ntext\n`), `q${i}.txt`, {}, LIMITS));
    const failed = Promise.all(jobs.map((job) => expect(job).rejects.toThrow('the import was stopped')));
    await p.stop();
    await failed;
  });
});
