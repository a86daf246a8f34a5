import type { Entity, RichDoc } from '../../../shared/model';
import { Archive } from '../archive';

/** Shared by the export, interchange and backup tests: a real archive with hostile content. */

export const EN_TEXT =
  'Annual address\n\nWe thank the staff of the Chinese Academy of Sciences for a good year. 😀 The new drug Artemisinin was approved in Geneva.\n\nSee https://example.org for | pipes and `ticks`.\n';
export const ZH_TEXT = '年度报告\n\n广州生物医药与健康研究院与中国科学院合作。𠀀字在前，😀表情在后，北京市科学技术委员会发布政策。\n';

export const HOSTILE_TITLES = ['../../etc/passwd', 'CON', 'nul.tar', 'a\u0000b\u0007c', `${'长'.repeat(150)}标题`, '<script>alert(1)</script>', '# heading | pipe ---', 'x'.repeat(300), 'Report. ', 'report'];

export const rich = (...paragraphs: string[]): RichDoc => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

export const ENTITIES: Entity[] = [
  { id: 'ent00cas', label: 'ORG', name: 'Chinese Academy of Sciences', aliases: ['CAS'], createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' },
  { id: 'ent00gz', label: 'ORG', name: '广州生物医药与健康研究院', aliases: [], createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' },
];

export async function openArchive(dir: string): Promise<Archive> {
  return Archive.open(dir, { writable: true, owner: 'test' });
}

async function importText(archive: Archive, name: string, text: string): Promise<string> {
  const outcome = await archive.importFile({ name, bytes: new TextEncoder().encode(text) });
  if (outcome.status !== 'imported') throw new Error(`${name}: ${outcome.status}`);
  return outcome.doc.id;
}

/** Two annotated documents (English with emoji; Chinese with astral Han and emoji) and hostile titled empty ones. */
export async function fixtureArchive(dir: string, { hostile = true } = {}) {
  const archive = await openArchive(dir);
  const en = await importText(archive, 'address.txt', EN_TEXT);
  const zh = await importText(archive, 'report.txt', ZH_TEXT);
  const at = (text: string, quote: string) => {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`no ${quote}`);
    return { start, end: start + quote.length };
  };
  const a = archive.annotations;
  await archive.catalog.updateMeta(en, { title: 'Annual address: `2024` | <b>draft</b>', date: '2024-03-01', tags: ['speech', 'policy/national'] });
  await a.create(en, { kind: 'entity', ...at(EN_TEXT, 'Chinese Academy of Sciences'), label: 'ORG', entityId: 'ent00cas', comment: rich('Called CAS. <script>x</script>', '# not a heading', '---') });
  await a.create(en, { kind: 'entity', ...at(EN_TEXT, 'Academy'), label: 'ORG' }); // nested inside the longer mention
  await a.create(en, { kind: 'entity', ...at(EN_TEXT, 'Artemisinin'), label: 'DRUG' });
  await a.create(en, { kind: 'entity', ...at(EN_TEXT, 'Geneva'), label: 'LOCATION' });
  await a.create(en, { kind: 'highlight', ...at(EN_TEXT, 'good year. 😀 The new drug'), color: 'green', comment: rich('Nice | `code` and = formula') });
  // a highlight across a paragraph break
  await a.create(en, { kind: 'highlight', ...at(EN_TEXT, 'Geneva.\n\nSee'), color: 'pink' });
  await a.setNote(en, {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Summary' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Read before the board meeting.' }] },
      { type: 'codeBlock', content: [{ type: 'text', text: 'no language' }] },
    ],
  });
  await a.create(zh, { kind: 'entity', ...at(ZH_TEXT, '广州生物医药与健康研究院'), label: 'ORG', entityId: 'ent00gz' });
  await a.create(zh, { kind: 'entity', ...at(ZH_TEXT, '中国科学院'), label: 'ORG' });
  await a.create(zh, { kind: 'entity', ...at(ZH_TEXT, '科学院'), label: 'ORG' }); // overlaps (nested)
  await a.create(zh, { kind: 'entity', ...at(ZH_TEXT, '北京市'), label: 'LOCATION' }); // after 𠀀 and 😀: code points differ
  await a.create(zh, { kind: 'entity', ...at(ZH_TEXT, '北京市科学技术委员会'), label: 'ORG' }); // overlaps, longer
  await a.create(zh, { kind: 'highlight', ...at(ZH_TEXT, '😀表情'), color: 'blue', comment: rich('表情 =1+1') });
  const hostileIds: string[] = [];
  if (hostile) {
    for (const [i, title] of HOSTILE_TITLES.entries()) {
      const id = await importText(archive, `h${i}.txt`, `Hostile ${i}\n\nText ${i}.\n`);
      await archive.catalog.updateMeta(id, { title });
      hostileIds.push(id);
    }
  }
  return { archive, en, zh, hostileIds };
}
