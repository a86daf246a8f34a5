import { franc } from 'franc-min';
import { describe, expect, it } from 'vitest';
import { guessLanguage } from './language-trigrams';

const OURS = ['eng', 'fra', 'deu', 'spa', 'por', 'rus', 'kor', 'arb', 'ita', 'nld'];

const WORDS = {
  en: 'the institute opened a new laboratory for research in March while council approved budget of city schools and hospitals'.split(' '),
  fr: 'le conseil a approuvé budget de la ville pour prochaine année scolaire et les hôpitaux où élèves étudient'.split(' '),
  de: 'der Rat hat den Haushalt für das nächste Schuljahr beschlossen und die Krankenhäuser öffnen Straße größer'.split(' '),
  es: 'el consejo aprobó presupuesto de la ciudad para el próximo año escolar y los hospitales niños mañana'.split(' '),
  pt: 'o conselho aprovou orçamento da cidade para o próximo ano letivo e os hospitais não são'.split(' '),
  it: 'il consiglio ha approvato il bilancio della città per il prossimo anno scolastico e gli ospedali'.split(' '),
  nl: 'de raad heeft de begroting van de stad voor het volgende schooljaar en de ziekenhuizen goedgekeurd'.split(' '),
  ru: 'совет утвердил бюджет города на следующий учебный год и больницы школы работают'.split(' '),
  ar: 'وافق المجلس على ميزانية المدينة للعام الدراسي المقبل والمستشفيات'.split(' '),
  ko: '위원회는 다음 학년도 도시 예산을 승인했습니다 병원 학교'.split(' '),
  zh: '广州 生物 医药 研究院 今年 干细胞 研究 取得 重要 进展 合作'.split(' '),
  el: 'το συμβούλιο ενέκρινε τον προϋπολογισμό της πόλης'.split(' '),
};
const NOISE = ['1,000', '2024-01-01', '(see p. 3)', '—', 'U.S.', '"quoted"', '\n\n', '\t', '...', 'İstanbul', 'ǅ', '😀', '𠀋'];

/** A seeded mix of languages, scripts, digits and punctuation: each text is franc's and ours side by side. */
function texts(count: number): string[] {
  let seed = 20261202;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pools = Object.values(WORDS);
  const out: string[] = [];
  for (let t = 0; t < count; t++) {
    const main = pools[Math.floor(next() * pools.length)]!;
    const other = pools[Math.floor(next() * pools.length)]!;
    const words: string[] = [];
    const length = 1 + Math.floor(next() * (next() < 0.5 ? 12 : 300));
    for (let w = 0; w < length; w++) {
      const r = next();
      const pool = r < 0.8 ? main : r < 0.93 ? other : NOISE;
      words.push(pool[Math.floor(next() * pool.length)]!);
    }
    out.push(words.join(next() < 0.5 ? ' ' : '  '));
  }
  return out;
}

describe('guessLanguage', () => {
  // Whole documents as the import sees them (src/shared reads no files: written out here).
  const fixtures = [
    'Annual Address\n\nOn 3 March 2024 the institute opened its new laboratory on the east quay. '.repeat(20),
    '---\ntitle: "Notice"\n---\n\n# Notice\n\n- The library closes at 18:00 on Fridays.\n- Bring your card.\n'.repeat(10),
    '关于2024年度科研经费管理的通知\n\n各研究所：根据国家有关规定，现将经费管理办法通知如下。'.repeat(15),
    '\u001b[32mOK\u001b[0m build finished; 12 warnings, 0 errors\n'.repeat(30),
  ];
  const cases = [...texts(1500), ...fixtures, ...fixtures.map((f) => f.slice(0, 1000)), '', 'short', '1234567890 1234567890', '   \n\n   ', 'ΑΒΓ abc'];

  it('names the language franc names, among the languages we ask for', () => {
    const differ = cases.filter((text) => guessLanguage(text, OURS, 10) !== franc(text, { minLength: 10, only: OURS }));
    expect(differ).toEqual([]);
  });

  it('names the language franc names among all of them, and among a few', () => {
    for (const only of [[], ['eng', 'fra'], ['kor', 'ell', 'cmn'], ['rus']]) {
      const differ = cases.filter((text) => guessLanguage(text, only, 10) !== franc(text, { minLength: 10, only }));
      expect(differ, `only ${only.join(',')}`).toEqual([]);
    }
  });

  it('gives a real answer on real text (not only agreement on nothing)', () => {
    expect(guessLanguage(WORDS.en.join(' ').repeat(3), OURS)).toBe('eng');
    expect(guessLanguage(WORDS.fr.join(' ').repeat(3), OURS)).toBe('fra');
    expect(guessLanguage(WORDS.ru.join(' ').repeat(3), OURS)).toBe('rus');
    expect(guessLanguage('short', OURS)).toBe('und');
  });
});
