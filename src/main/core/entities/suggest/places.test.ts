import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../../shared/model';
import { tagWords } from './jieba';
import { EN_PLACES, ZH_PLACES } from './places';
import { readBratSpans, scoreSpans } from './score';
import { markPlaces } from './zh-rules';
import { suggest } from './index';

const FIXTURES = join(import.meta.dirname, '../../../../../bench/fixtures/ner');
const LABELS = DEFAULT_LABELS.map((l) => l.id);
const places = async (text: string) => (await suggest(text, [], [], LABELS, [])).filter((s) => s.label === 'LOCATION').map((s) => s.text);

describe('places', () => {
  it('ships a gazetteer in both scripts, without empty or stray entries', () => {
    expect(ZH_PLACES.has('从化')).toBe(true);
    expect(ZH_PLACES.has('白云')).toBe(false); // white clouds: only 白云区 counts
    expect(EN_PLACES).toContain('Hong Kong');
    expect([...ZH_PLACES].every((p) => /^\p{Script=Han}+$/u.test(p))).toBe(true);
    expect(EN_PLACES.every((p) => /^[A-Z][A-Za-z' ]+$/.test(p))).toBe(true);
  });

  it('joins words into a known place only where jieba’s words begin and end', () => {
    const joined = markPlaces(tagWords('向番禺、从化等区推广')).map((w) => `${w.word}/${w.tag}`);
    expect(joined).toContain('从化/ns');
    const chemistry = markPlaces(tagWords('从化学的角度看')).map((w) => w.word);
    expect(chemistry).not.toContain('从化');
  });

  it('finds Chinese places by suffix, by gazetteer and before a road, and keeps a road apart from its district', async () => {
    expect(await places('代表们前往赤坎区中山二路参观，又到梅县区松口镇。')).toEqual(['赤坎区', '中山二路', '梅县区松口镇']);
    expect(await places('展览在越秀区开幕，并向番禺、从化等区推广。')).toEqual(['越秀区', '番禺', '从化']);
    expect(await places('该区建成了开发区和保护区，这一社区也在其中。')).toEqual([]);
    expect(await places('北山白云里，隐者自怡悦。')).not.toContain('白云');
  });

  it('finds English places by kind, by gazetteer and by a pinyin name after a preposition', async () => {
    const found = await places('Held in Zhanjiang. Letters kept in Songkou Town of Meixian District came from Thailand; the history of Guangzhouwan and a museum on Zhongshan Second Road.');
    expect(found).toEqual(['Zhanjiang', 'Songkou Town', 'Meixian District', 'Thailand', 'Guangzhouwan', 'Zhongshan Second Road']);
    expect(await places('It runs as a Service of Origin in The City.')).toEqual([]);
    expect(await places('President Xi Jinping spoke with Li Heping.')).toEqual([]); // given names, not the places
    expect(await places('Guangzhou Archives Opens City Memory Exhibition')).not.toContain('Guangzhou Archives Opens City');
  });

  it('does not take an event named for an organisation for the organisation', async () => {
    const found = await suggest('Guangdong Archives Conference Held in Zhanjiang', [], [], LABELS, []);
    expect(found.map((s) => [s.text, s.label])).toEqual([
      ['Guangdong', 'LOCATION'],
      ['Zhanjiang', 'LOCATION'],
    ]);
  });

  it('reads a list in the "of" tail of an organisation’s name', async () => {
    const text = 'He Weiqiang of the Foshan Municipal Bureau of Culture, Radio, Television, Tourism and Sports spoke.';
    const found = await suggest(text, [], [], LABELS, []);
    expect(found.find((s) => s.label === 'ORG')?.text).toBe('Foshan Municipal Bureau of Culture, Radio, Television, Tourism and Sports');
  });

  it('does not take 馆藏 (a library’s holdings, tagged ns by jieba) for a place', async () => {
    expect(await places('馆藏档案数字化率已达到76%。')).toEqual([]);
  });

  it('joins a town jieba cut into pieces, between a list’s separators, and not a common phrase', async () => {
    expect(await places('项目组走访了道滘镇、寮步镇和高埗镇。')).toEqual(['道滘镇', '寮步镇', '高埗镇']);
    expect(await places('建设美丽乡村，发展新农村。')).toEqual([]);
  });

  it('splits "Kuching, Malaysia" into the place and its country', async () => {
    expect(await places('The letters came from Kuching, Malaysia, and from Medan, Indonesia.')).toEqual(['Kuching', 'Malaysia', 'Medan', 'Indonesia']);
  });

  it('finds a three-character name jieba cut, between a title and a verb of speech, and 何 as a surname after a title', async () => {
    const people = (await suggest('研究员冯子龙说，主任梁子豪指出，副教授叶嘉明说，研究员何美玲介绍。', [], [], LABELS, [])).filter((s) => s.label === 'PERSON').map((s) => s.text);
    expect(people).toEqual(['冯子龙', '梁子豪', '叶嘉明', '何美玲']);
  });

  it('meets the place targets on the place-heavy development pair', async () => {
    for (const [name, target] of [['zh-dev', 0.8], ['en-dev', 0.85]] as const) {
      const text = readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');
      const gold = readBratSpans(readFileSync(join(FIXTURES, `${name}.ann`), 'utf8'), text);
      const scores = scoreSpans(await suggest(text, [], [], LABELS, []), gold);
      for (const label of ['PERSON', 'ORG', 'LOCATION']) expect(scores.find((s) => s.label === label)?.f1, `${name} ${label}`).toBeGreaterThanOrEqual(target);
    }
  });
});
