import type { Incoming, IncomingDoc } from './types';

/** File names read as CoNLL. */
export const CONLL_EXTENSIONS = ['.conll', '.conllu', '.iob', '.iob2', '.bio', '.bioes', '.bilou'];

/**
 * CoNLL NER columns: the token first, the tag last, tab- or space-separated; a blank line
 * ends a sentence; `-DOCSTART-` starts a document. The document's text is rebuilt from the
 * tokens, one sentence per line and tokens joined by one space (so the CoNLL exporter gives
 * back the same rows). Tags in IOB1, IOB2 or BIOES (and BILOU) are read by one decoder: B-
 * and S-/U- begin a mention, I-/E-/L- carry on one of the same type (or begin one, as IOB1
 * has it), E-/L-/S-/U- end it, O and a sentence's end close it.
 */
export function parseConll(content: string): IncomingDoc[] {
  const docs: IncomingDoc[] = [];
  let doc: Draft | null = null;
  let open: { label: string; start: number; line: number } | null = null;
  let sentence: string[] = [];
  let cp = 0;

  const begin = (line: number): Draft => ({ lines: [], mentions: [], unreadable: [], where: `line ${line}`, cp: 0 });
  const close = (end: number) => {
    if (open && doc) doc.mentions.push({ kind: 'entity', place: { start: open.start, end }, label: open.label, where: `line ${open.line}` });
    open = null;
  };
  const endSentence = () => {
    close(cp);
    if (doc && sentence.length) {
      doc.lines.push(sentence.join(' '));
      cp += 1; // the line break
    }
    sentence = [];
  };
  const endDoc = () => {
    endSentence();
    if (doc && (doc.lines.length || doc.unreadable.length)) {
      const text = doc.lines.join('\n');
      docs.push({ match: { text }, annotations: doc.mentions, relations: [], unreadable: doc.unreadable, where: doc.where });
    }
    doc = null;
    cp = 0;
  };

  let lastEnd = 0;
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const cols = raw.trim().split(/[\t ]+/);
    if (cols[0] === '-DOCSTART-') {
      endDoc();
      doc = begin(line);
      return;
    }
    doc ??= begin(line);
    if (!raw.trim()) {
      endSentence();
      return;
    }
    if (cols.length < 2) {
      doc.unreadable.push(`line ${line}: not "token<TAB>tag" (${JSON.stringify(raw.slice(0, 40))})`);
      return;
    }
    const token = cols[0]!;
    const tag = cols[cols.length - 1]!;
    const m = /^([BIESLU])-(.+)$/.exec(tag);
    if (tag !== 'O' && !m) {
      doc.unreadable.push(`line ${line}: tag ${JSON.stringify(tag)} is not O, B-, I-, E- or S- with a type`);
    }
    const start = cp + (sentence.length ? 1 : 0);
    const end = start + [...token].length;
    const [prefix, label] = m ? [m[1]!, m[2]!] : ['O', ''];
    if (prefix === 'O' || !m) close(lastEnd);
    else if (prefix === 'B' || prefix === 'S' || prefix === 'U' || !open || open.label !== label) {
      close(lastEnd);
      open = { label, start, line };
    }
    sentence.push(token);
    cp = end;
    lastEnd = end;
    if (open && (prefix === 'E' || prefix === 'L' || prefix === 'S' || prefix === 'U')) close(end);
  });
  endDoc();
  return docs;
}

interface Draft {
  lines: string[];
  mentions: Incoming[];
  unreadable: string[];
  where: string;
  cp: number;
}
