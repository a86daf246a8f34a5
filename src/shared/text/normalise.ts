/**
 * Text normalisation applied to every imported document before blocks are built.
 * Offsets of annotations point into the result, so this must be deterministic.
 */

// ANSI/ECMA-48 escape sequences, removed whole so that their parameters ("[32m") do not
// survive as visible text: CSI (ESC [ or C1 0x9B), OSC (ESC ] ... BEL or ST, cut at a line
// end when unterminated), DCS/SOS/PM/APC strings, charset designations and 2-byte escapes.
const ANSI_SEQUENCE = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]',
    '\\u001b\\][^\\u0007\\u001b\\n]*(?:\\u0007|\\u001b\\\\)?',
    '\\u001b[PX^_][^\\u001b\\n]*(?:\\u001b\\\\)?',
    '\\u001b[ -/]+[0-~]',
    '\\u001b[0-~]',
  ].join('|'),
  'g',
);

// C0 except \t and \n (CR was folded into \n before), DEL, C1, BOM / zero-width no-break
// space, and the non-characters U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex -- as above
const NEEDS_WORK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

export function normaliseText(raw: string): string {
  let text = raw;
  if (NEEDS_WORK.test(text)) {
    text = text.replace(/\r\n?/g, '\n');
    if (text.includes('\u001b') || text.includes('\u009b')) text = text.replace(ANSI_SEQUENCE, '');
    // Form feed (page break), vertical tab and Unicode line/paragraph separators end a
    // line; dropping them would glue two lines together.
    text = text.replace(/[\f\v\u2028]/g, '\n').replace(/\u2029/g, '\n\n');
    text = text.replace(CONTROL, '');
  }
  return text.normalize('NFC');
}
