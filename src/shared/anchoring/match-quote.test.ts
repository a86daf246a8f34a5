import { describe, expect, it } from 'vitest';
import { canMatchFuzzily, matchQuote, maxErrorsFor, RADII } from './match-quote';

const TEXT =
  'The construction of the new laboratory building was delayed by six months, and the Council ' +
  'has asked the facilities committee to review how such projects are planned.';

describe('matchQuote', () => {
  it('finds a quote whose text was edited, with exact offsets', () => {
    const m = matchQuote(TEXT, 'new laboratry bilding', { prefix: 'construction of the ', suffix: ' was delayed', hint: 20 });
    expect(m).toMatchObject({ start: 24, end: 47, confident: true });
    expect(TEXT.slice(m!.start, m!.end)).toBe('new laboratory building');
    expect(m!.scores.quote).toBeCloseTo(1 - 2 / 21);
  });

  it('returns null when nothing is within the error budget', () => {
    expect(matchQuote(TEXT, 'zzzzzzzzzzzz', {})).toBeNull();
    expect(matchQuote(TEXT, '', {})).toBeNull();
    expect(matchQuote('', 'abc', {})).toBeNull();
  });

  it('lets context choose between equally good matches, and position break a tie', () => {
    const text = 'alpha: the Councel met. beta: the Councel met. gamma: the Councel met.';
    const byContext = matchQuote(text, 'the Council met', { prefix: 'beta: ', suffix: '.', hint: 0 });
    expect(byContext).toMatchObject({ start: 30, end: 45 });
    const byPosition = matchQuote(text, 'the Council met', { prefix: '', suffix: '.', hint: 50 });
    expect(byPosition).toMatchObject({ start: 54, end: 69 });
  });

  it('handles quotes longer than 32 code units', () => {
    const quote = 'the Council has asked the facilities committee to review how such projects';
    const edited = TEXT.replace('facilities committee', 'facilities sub-committee');
    const m = matchQuote(edited, quote, { prefix: 'delayed by six months, and ', suffix: ' are planned.', hint: 80 });
    expect(m).toMatchObject({ start: 79, end: 79 + quote.length + 4, confident: true });
  });

  it('keeps the error budget at half the quote, at most 256', () => {
    expect(maxErrorsFor('abcd')).toBe(2);
    expect(maxErrorsFor('x'.repeat(2000))).toBe(256);
    expect(canMatchFuzzily('abc')).toBe(false);
    expect(canMatchFuzzily('abcd')).toBe(true);
  });

  it('in a long text, finds the edited passage near the hint even when a better-spelt copy is far away', () => {
    // A whole-text search returns only the lowest-error matches: the verbatim decoy alone.
    const filler = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(RADII[RADII.length - 1]! / 27) + 100);
    const decoy = 'unrelated words before: the Council approved it. unrelated words after';
    const edited = 'and in March the Council aproved it. The library thanks the Council';
    const text = decoy + filler + edited + filler;
    const at = decoy.length + filler.length;
    const m = matchQuote(text, 'the Council approved it', {
      prefix: 'and in March ',
      suffix: '. The library thanks',
      hint: at + 5,
    });
    expect(m).toMatchObject({ start: at + 13, end: at + 13 + 'the Council aproved it'.length, confident: true });
  });
});

describe('matchQuote with emoji', () => {
  it('never returns a range that splits a surrogate pair', () => {
    // 😀 = \ud83d\ude00 and 😃 = \ud83d\ude03 share their high surrogate: a code-unit match
    // of the quote's emoji could start on the low half alone.
    const text = 'we said 😃 thank you all 😃 and left';
    // Without a suffix, ending before or after the last low half scores the same.
    const m = matchQuote(text, '😀 thank you all 😀', { prefix: 'we said ', hint: 8 });
    expect(m).toMatchObject({ start: 8, end: 27 });
    expect(m!.scores.quote).toBeCloseTo(1 - 2 / 19);
  });
});
