/** Documents and an on-disk text store for the search index tests. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SearchIndex, type SearchIndexOptions } from './search-index';
import type { IndexableDoc } from './types';

export const DOCS: IndexableDoc[] = [
  {
    id: 'en-title',
    title: 'Carbon neutrality plan',
    text: 'The city sets out steps towards its goals. Energy use will fall each year.',
    extra: 'note: biodiversity matters here',
    meta: { type: 'pdf', language: 'en', date: '2024-03-01', tags: ['climate'] },
  },
  {
    id: 'en-body',
    title: 'Annual report 2023',
    text: 'Progress on carbon neutrality was slow.\n\nCarbon capture pilots began; carbon markets grew. The Belt and Road forum met.',
    meta: { type: 'docx', language: 'en', date: '2023-12-31', tags: ['economy'], hasAnnotations: true },
  },
  {
    id: 'en-road',
    title: 'Road safety',
    text: 'Road and belt maintenance: the belt of roads. Carbon dust on the road.',
    meta: { type: 'txt', language: 'en', date: '2022-01-01' },
  },
  {
    id: 'zh-gz',
    title: '广州生物医药与健康研究院年报',
    text: '中国科学院广州生物医药与健康研究院成立于2003年。研究院致力于干细胞研究。',
    meta: { type: 'pdf', language: 'zh', collections: ['institutes'] },
  },
  {
    id: 'zh-sz',
    title: '深圳新闻',
    text: '深圳市发布人工智能产业政策，支持生物技术企业发展。',
    meta: { type: 'html', language: 'zh', date: '2024-05-02' },
  },
];

/** Texts live in real files, as text.txt does in an archive. */
export async function textStore(root: string) {
  const dir = join(root, 'texts');
  await mkdir(dir, { recursive: true });
  const put = (doc: IndexableDoc) => writeFile(join(dir, `${doc.id}.txt`), doc.text);
  return {
    put,
    getText: (id: string) => readFile(join(dir, `${id}.txt`), 'utf8'),
  };
}

export async function* iterate(docs: IndexableDoc[]): AsyncIterable<IndexableDoc> {
  for (const d of docs) yield d;
}

export async function openWith(root: string, docs: IndexableDoc[], extra: Partial<SearchIndexOptions> = {}) {
  const store = await textStore(root);
  for (const d of docs) await store.put(d);
  let loads = 0;
  const index = await SearchIndex.open(join(root, 'index'), () => {
    loads++;
    return iterate(docs);
  }, { getText: store.getText, ...extra });
  return { index, store, loads: () => loads };
}
