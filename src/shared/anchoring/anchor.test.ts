import { describe, expect, it } from 'vitest';
import type { TextTarget } from './types';
import { anchor, anchorAll } from './anchor';
import { describeRange } from './describe';

const OLD =
  'Finally, let me say a word about the library. Its collections are the memory of the Institute, ' +
  'and the decision to digitise our archive of annual reports will make that memory available to every member.';

function target(text: string, quote: string, nth = 0): TextTarget {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`fixture: ${quote} not found`);
  return describeRange(text, at, at + quote.length);
}

describe('anchor', () => {
  it('is exact with score 1 while the text is unchanged', () => {
    const t = target(OLD, 'memory of the Institute');
    expect(anchor(OLD, t)).toEqual({ status: 'exact', start: t.start, end: t.end, score: 1 });
  });

  it('is moved when the quote and its context shifted', () => {
    const t = target(OLD, 'memory of the Institute');
    const text = 'Preface. ' + OLD;
    expect(anchor(text, t)).toMatchObject({ status: 'moved', start: t.start + 9, end: t.end + 9 });
  });

  it('stays exact when context changed around a quote that did not move', () => {
    const t = target(OLD, 'memory of the Institute');
    const text = OLD.replace('Its collections are the', 'Its holdings form the');
    // Deleting 2 code units before the quote moves it; replacing same-length text does not.
    const sameLength = OLD.replace('Finally,', 'At last,');
    expect(anchor(sameLength, t)).toMatchObject({ status: 'exact', start: t.start, end: t.end });
    expect(anchor(text, t)).toMatchObject({ status: 'moved', start: text.indexOf('memory of the Institute') });
  });

  it('is fuzzy when the quote itself was edited', () => {
    const t = target(OLD, 'digitise our archive of annual reports');
    const text = OLD.replace('digitise our archive', 'digitize our archives');
    const start = text.indexOf('digitize');
    expect(anchor(text, t)).toMatchObject({ status: 'fuzzy', start, end: start + 'digitize our archives of annual reports'.length });
  });

  it('orphans a passage that was deleted, keeping the best candidate', () => {
    const t = target(OLD, 'digitise our archive of annual reports');
    const text = OLD.replace(/and the decision[^.]*\./, 'and we thank the archivists.');
    expect(anchor(text, t)).toEqual({ status: 'orphan', reason: 'quote not found in the new text' });
    // With something half-alike left, the orphan carries it as a suggestion.
    const r = anchor(text + ' Digitising the annual report is done.', t);
    expect(r.status).toBe('orphan');
    if (r.status === 'orphan') {
      expect(r.reason).toMatch(/no confident match \(best: quote 0\.\d+/);
      expect(r.best?.start).toBe(text.length + 1);
      expect(r.best?.score).toBeLessThan(0.75);
    }
  });

  it('orphans a short quote that survives only in an unrelated sentence', () => {
    const t = target(OLD, 'the library');
    const text = 'We thank the staff of the library for their help with the move.';
    const r = anchor(text, t);
    expect(r).toMatchObject({ status: 'orphan', best: { start: text.indexOf('the library') } });
  });

  it('lets context pick among repeated quotes, and the hint break a tie', () => {
    const text = 'A: the Council met. B: the Council met. C: the Council met.';
    const t: TextTarget = { start: 0, end: 11, quote: 'the Council', prefix: 'B: ', suffix: ' met. C' };
    expect(anchor(text, t)).toMatchObject({ status: 'moved', start: 23, end: 34 });
    const same: TextTarget = { start: 0, end: 11, quote: 'the Council', prefix: '', suffix: ' met.' };
    expect(anchor(text, same, { hint: 40 })).toMatchObject({ status: 'moved', start: 43 });
    expect(anchor(text, same, { hint: 20 })).toMatchObject({ status: 'moved', start: 23 });
  });

  it('finds the one occurrence with the right context among thousands', () => {
    const filler = 'the archive. '.repeat(3000);
    const text = filler + 'Signed for the archive. Director.' + filler;
    const t: TextTarget = { start: 0, end: 11, quote: 'the archive', prefix: 'Signed for ', suffix: '. Director.' };
    expect(anchor(text, t)).toMatchObject({ status: 'moved', start: filler.length + 11, end: filler.length + 22 });
  });

  it('finds an edited quote at its place even when a verbatim copy elsewhere has weak context', () => {
    const text =
      'Minutes: the Council approved it at noon. ' +
      'Item. '.repeat(100) +
      'Finally, the council approved it in March; the librarians were thanked.';
    const t: TextTarget = { start: 0, end: 0, quote: 'the Council approved it', prefix: 'Finally, ', suffix: ' in March;' };
    const start = text.indexOf('the council approved');
    expect(anchor(text, { ...t, start, end: start + 23 })).toMatchObject({ status: 'fuzzy', start, end: start + 23 });
  });

  it('orphans an empty quote instead of matching everywhere', () => {
    expect(anchor(OLD, { start: 3, end: 3, quote: '', prefix: '', suffix: '' })).toMatchObject({ status: 'orphan' });
  });
});

describe('anchorAll', () => {
  it('returns results in input order and follows a common shift', () => {
    const quotes = ['that memory available', 'Finally', 'the library', 'annual reports'];
    const targets = quotes.map((q) => target(OLD, q));
    const text = 'New opening sentence. ' + OLD.replace('annual reports', 'anual reports');
    const results = anchorAll(text, targets);
    expect(results.map((r) => r.status)).toEqual(['moved', 'moved', 'moved', 'fuzzy']);
    expect(results.map((r) => (r.status === 'orphan' ? -1 : r.start))).toEqual([
      text.indexOf('that memory available'),
      22,
      text.indexOf('the library'),
      text.indexOf('anual reports'),
    ]);
  });

  // Its speed is measured by npm run bench (pure.anchor_all_500_ms), never here.
  it('re-anchors hundreds of targets in a large edited text', () => {
    const sentences = Array.from({ length: 4000 }, (_, i) => `Minute ${i}: the Council noted item ${i * 7919 % 10007}.`);
    const old = sentences.join(' ');
    const targets = Array.from({ length: 500 }, (_, i) => target(old, `Minute ${i * 8}: the Council`));
    const text = 'Amended. ' + old.replace('Minute 400: the Council', 'Minute 400: the Counsil');
    const results = anchorAll(text, targets);
    expect(results[0]).toMatchObject({ status: 'moved', start: 9 });
    expect(results[50]).toMatchObject({ status: 'fuzzy', start: text.indexOf('Minute 400:') });
    expect(results.filter((r) => r.status === 'moved')).toHaveLength(499);
  });
});
