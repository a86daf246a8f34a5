import { anchor, anchorAll, describeRange } from '../../src/shared/anchoring';
import { buildPlainTextDocument } from '../../src/shared/text/blocks';
import { percentile } from './measure';
import { seeded } from './random';

/**
 * The pure text work that once carried wall-clock bounds in unit tests (which failed on a
 * busy machine): splitting 2 MB of wrapped text into blocks, and anchoring into 2 MB texts.
 * Medians of five runs.
 */
export function pureTimings(): { buildPlainText2mbMs: number; anchorExactMs: number; anchorFuzzyMs: number; anchorOrphanMs: number; anchorAll500Ms: number } {
  const random = seeded(11).next;
  const words = ['archive', 'council', 'report', 'harbour', 'survey', 'minutes', 'budget', 'session', 'library', 'records', 'office', 'shore'];
  const sentence = () => Array.from({ length: 8 + Math.floor(random() * 10) }, () => words[Math.floor(random() * words.length)]).join(' ') + '.';
  const paragraphs: string[] = [];
  let size = 0;
  while (size < 2_000_000) {
    const p = Array.from({ length: 4 }, sentence).join(' ');
    paragraphs.push(p);
    size += p.length + 2;
  }
  const text = paragraphs.join('\n\n');
  const wrapped = paragraphs.map((p) => p.replace(/(.{1,72})(\s|$)/g, '$1\n').trimEnd()).join('\n\n');
  const median = (run: () => void) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      run();
      times.push(performance.now() - t0);
    }
    return percentile(times, 50);
  };
  const start = text.lastIndexOf('\n\n', text.lastIndexOf('\n\n') - 1) + 2 + 40;
  const target = describeRange(text, start, start + 60);
  const fuzzy = 'Corrected edition.\n\n' + text.slice(0, start + 30) + '#' + text.slice(start + 31);
  const paragraphEnd = text.indexOf('\n\n', start);
  const orphan = text.slice(0, text.lastIndexOf('\n\n', start) + 2) + text.slice(paragraphEnd + 2);
  const small = text.slice(0, 200_000);
  const targets = Array.from({ length: 500 }, (_, i) => {
    const at = Math.floor((i / 500) * (small.length - 100));
    return describeRange(small, at, at + 40);
  });
  const edited = 'Amended. ' + small.slice(0, 100_000) + '#' + small.slice(100_001);
  return {
    buildPlainText2mbMs: median(() => buildPlainTextDocument(wrapped)),
    anchorExactMs: median(() => anchor(text, target)),
    anchorFuzzyMs: median(() => anchor(fuzzy, target)),
    anchorOrphanMs: median(() => anchor(orphan, target)),
    anchorAll500Ms: median(() => anchorAll(edited, targets)),
  };
}
