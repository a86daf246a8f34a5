import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCorpus } from './lib/corpus';
import { importAll } from './lib/phases';
const work = await mkdtemp(join(tmpdir(), 'prof-'));
const corpus = await makeCorpus(join(work, 'c'), 1000);
const r = await importAll(join(work, 'a'), corpus.textDir);
console.log(r.imported, 'docs in', r.ms.toFixed(0), 'ms', (r.imported / r.ms * 1000).toFixed(0), 'docs/s');
