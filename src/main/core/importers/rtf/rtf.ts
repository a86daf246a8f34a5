import { DOC_EXTENSIONS } from '../../../../shared/model';
import { DocumentBuilder } from '../../../../shared/text/document-builder';
import { metadataText } from '../../../../shared/text/file-metadata';
import { normaliseText } from '../../../../shared/text/normalise';
import { deriveTitle } from '../../../../shared/text/title';
import type { DomBlock } from '../html-blocks';
import { parseRtfTree, type RtfGroup, type RtfNode } from './rtf-tokens';
import { ImportError, type Importer, type ParsedDocument } from '../types';

/**
 * RTF, as Word, WordPad, WPS and the older government systems write it. No npm parser fits:
 * rtf.js renders into a browser DOM, rtf-parser has not been released since 2016 and reads
 * neither \uN fallbacks nor font code pages. RTF text is a small grammar, so this reads it
 * itself: \uN characters with their \ucN fallbacks skipped, 8-bit text in the code page of
 * \ansicpg or of the current font's \fcharset (GBK, Big5, Shift-JIS, windows-125x),
 * headings by \outlinelevel or "heading N" styles, list numbers (\listtext) kept, tables as
 * rows, footnotes after the text, \info title/author/date. Hidden and deleted text is left out.
 */
export const rtfImporter: Importer = {
  type: 'rtf',
  extensions: DOC_EXTENSIONS.rtf,
  async parse(bytes: Uint8Array): Promise<ParsedDocument> {
    const source = new TextDecoder('latin1').decode(bytes);
    if (!/^\s*\{\\rtf/.test(source.slice(0, 64))) throw new ImportError('not an RTF file (it does not begin with {\\rtf)');
    const reader = new RtfReader();
    reader.read(parseRtfTree(source));
    const builder = new DocumentBuilder();
    for (const b of [...reader.blocks, ...reader.notes]) builder.add(b.kind, normaliseText(b.text), b.level);
    const { text, blocks } = builder.build();
    if (blocks.length === 0) throw new ImportError('no text in this RTF file');
    const title = metadataText(reader.info.title) ?? deriveTitle({ text, blocks });
    const author = metadataText(reader.info.author);
    const notices = reader.tracked ? ['tracked changes were read as accepted (deleted text left out, inserted text kept)'] : undefined;
    return {
      text,
      blocks,
      title,
      encoding: reader.encoding,
      ...(notices ? { notices } : {}),
      ...(author ? { author } : {}),
      ...(reader.info.date ? { date: reader.info.date } : {}),
    };
  },
};

/** \fcharset → the code page its 8-bit text is in. */
const CHARSETS: Record<number, number> = { 128: 932, 129: 949, 130: 1361, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250, 77: 10000 };

/** A Windows code page as a WHATWG encoding label (Node's TextDecoder has them all with full ICU). */
function encodingOf(codepage: number): string {
  if (codepage === 936 || codepage === 54936) return 'gb18030';
  if (codepage === 950) return 'big5';
  if (codepage === 932) return 'shift_jis';
  if (codepage === 949) return 'euc-kr';
  if (codepage === 65001) return 'utf-8';
  if (codepage === 10000) return 'macintosh';
  if (codepage === 866) return 'ibm866';
  if (codepage === 874 || (codepage >= 1250 && codepage <= 1258)) return `windows-${codepage}`;
  return 'windows-1252';
}

const SYMBOLS: Record<string, string> = {
  emdash: '—', endash: '–', bullet: '•', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”',
  emspace: ' ', enspace: ' ', qmspace: ' ', tab: ' ', line: ' ', zwj: '\u200d', zwnj: '\u200c',
};

// Destinations that are not the document's text.
const SKIP = new Set([
  'colortbl', 'pict', 'object', 'objdata', 'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf',
  'fldinst', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'xmlnstbl', 'generator', 'themedata', 'colorschememapping',
  'datastore', 'latentstyles', 'mmathPr', 'bkmkstart', 'bkmkend', 'shpinst', 'nonshppict', 'filetbl', 'pgdsctbl', 'private',
  'annotation', 'atnid', 'atnauthor', 'atnref', 'atrfstart', 'atrfend', 'atndate', 'template', 'docvar', 'wgrffmtfilter', 'passwordhash',
]);

interface GroupState {
  uc: number;
  codepage: number;
  hidden: boolean;
}

class RtfReader {
  readonly blocks: DomBlock[] = [];
  readonly notes: DomBlock[] = [];
  readonly info: { title?: string; author?: string; date?: string } = {};
  tracked = false;
  private ansi = 1252;
  private readonly fonts = new Map<number, number>();
  private defaultFont = 0;
  private readonly headingStyles = new Map<number, number>();
  private para = '';
  private bytes: number[] = [];
  private skip = 0;
  private props = { outline: -1, style: 0, list: false, ilvl: 0, intbl: false };
  private cells: string[] = [];
  private noteCount = 0;
  private sink: DomBlock[] | null = null;

  get encoding(): string {
    return encodingOf(this.ansi);
  }

  read(root: RtfGroup): void {
    this.group(root, { uc: 1, codepage: 1252, hidden: false });
    this.endParagraph();
  }

  private group(group: RtfGroup, outer: GroupState): void {
    const state = { ...outer };
    // Paragraph properties belong to the group they are set in (a {\listtext\pard ...} must not reset the item's).
    const props = { ...this.props };
    const [first, second] = group.children;
    const destination = first?.t === 'word' ? first.name : first?.t === 'symbol' && first.char === '*' && second?.t === 'word' ? second.name : undefined;
    if (destination === 'fonttbl') return this.fontTable(group);
    if (destination === 'stylesheet') return this.styleSheet(group);
    if (destination === 'info') return this.readInfo(group);
    if (destination === 'footnote') return this.footnote(group, state);
    if (destination && SKIP.has(destination)) return;
    // An unknown ignorable destination ({\*\foo ...}) is skipped, as the spec asks.
    if (first?.t === 'symbol' && first.char === '*' && destination !== 'fldrslt' && destination !== 'shptxt') return;
    for (const node of group.children) this.node(node, state);
    this.flushBytes(state);
    this.skip = 0;
    if (group.children.some((c) => c.t === 'word' && c.name === 'pard') || destination === 'listtext' || destination === 'pntext') this.props = props;
  }

  private node(node: RtfNode, state: GroupState): void {
    switch (node.t) {
      case 'group':
        this.flushBytes(state);
        return this.group(node, state);
      case 'text':
        for (const ch of node.text) {
          if (this.skip > 0) this.skip--;
          else if (!state.hidden) this.bytes.push(ch.charCodeAt(0) & 0xff);
        }
        return;
      case 'byte':
        if (this.skip > 0) this.skip--;
        else if (!state.hidden) this.bytes.push(node.value);
        return;
      case 'symbol':
        this.flushBytes(state);
        if (state.hidden) return;
        if (node.char === '~') this.para += '\u00a0';
        else if (node.char === '_') this.para += '-';
        else if (node.char === '\\' || node.char === '{' || node.char === '}') this.para += node.char;
        return;
      case 'word':
        return this.word(node.name, node.param, state);
    }
  }

  private word(name: string, param: number | undefined, state: GroupState): void {
    if (name === 'u' && param !== undefined) {
      this.flushBytes(state);
      if (!state.hidden) this.para += String.fromCharCode(param < 0 ? param + 65536 : param);
      this.skip = state.uc;
      return;
    }
    this.flushBytes(state);
    switch (name) {
      case 'ansicpg':
        if (param) this.ansi = param;
        state.codepage = this.ansi;
        return;
      case 'deff':
        this.defaultFont = param ?? 0;
        return;
      case 'uc':
        state.uc = Math.max(0, param ?? 1);
        return;
      case 'f':
        state.codepage = this.fonts.get(param ?? this.defaultFont) ?? this.ansi;
        return;
      case 'v':
        state.hidden = param !== 0;
        return;
      case 'deleted':
        this.tracked = true;
        state.hidden = param !== 0;
        return;
      case 'revised':
        this.tracked = true;
        return;
      case 'pard':
        this.props = { outline: -1, style: 0, list: false, ilvl: 0, intbl: false };
        return;
      case 'outlinelevel':
        this.props.outline = param ?? 0;
        return;
      case 's':
        this.props.style = param ?? 0;
        return;
      case 'ls':
        this.props.list = true;
        return;
      case 'ilvl':
        this.props.ilvl = param ?? 0;
        return;
      case 'intbl':
        this.props.intbl = true;
        return;
      case 'par':
      case 'sect':
      case 'page':
        if (this.props.intbl) this.para += ' ';
        else this.endParagraph();
        return;
      case 'cell':
      case 'nestcell':
        this.cells.push(this.para.replace(/\s+/g, ' ').trim());
        this.para = '';
        return;
      case 'row':
      case 'nestrow':
        if (this.cells.some((c) => c)) this.out().push({ kind: 'table-row', text: this.cells.join(' | ') });
        this.cells = [];
        this.para = '';
        return;
      case 'chftn':
        if (this.sink === null) this.para += `[${this.noteCount + 1}]`;
        return;
      default:
        if (!state.hidden && SYMBOLS[name] !== undefined) this.para += SYMBOLS[name];
    }
  }

  private out(): DomBlock[] {
    return this.sink ?? this.blocks;
  }

  private endParagraph(): void {
    const text = this.para.replace(/\s+/g, ' ').trim();
    this.para = '';
    if (!text) return;
    const styleLevel = this.headingStyles.get(this.props.style);
    const level = this.props.outline >= 0 && this.props.outline < 9 ? this.props.outline + 1 : styleLevel;
    if (level !== undefined && this.sink === null) this.out().push({ kind: 'heading', text, level: Math.min(6, level) });
    else if (this.props.list) this.out().push({ kind: 'list-item', text, level: this.props.ilvl + 1 });
    else this.out().push({ kind: 'paragraph', text });
  }

  private flushBytes(state: GroupState): void {
    if (this.bytes.length === 0) return;
    const bytes = Uint8Array.from(this.bytes);
    this.bytes = [];
    this.para += new TextDecoder(encodingOf(state.codepage)).decode(bytes);
  }

  private footnote(group: RtfGroup, state: GroupState): void {
    this.flushBytes(state);
    const before = this.para;
    const props = { ...this.props };
    this.para = '';
    this.sink = [];
    for (const node of group.children.slice(1)) this.node(node, state);
    this.flushBytes(state);
    this.endParagraph();
    const text = this.sink.map((b) => b.text).join(' ');
    this.sink = null;
    this.para = before;
    this.props = props;
    this.noteCount++;
    if (text) this.notes.push({ kind: 'paragraph', text: `[${this.noteCount}] ${text}` });
  }

  private fontTable(group: RtfGroup): void {
    const fonts = group.children.some((c) => c.t === 'group') ? group.children.filter((c): c is RtfGroup => c.t === 'group') : [group];
    for (const font of fonts) {
      let id: number | undefined;
      let codepage: number | undefined;
      for (const node of font.children) {
        if (node.t !== 'word') continue;
        if (node.name === 'f' && node.param !== undefined && id === undefined) id = node.param;
        if (node.name === 'fcharset' && node.param !== undefined) codepage = node.param === 1 ? undefined : node.param === 0 ? 1252 : CHARSETS[node.param];
        if (node.name === 'cpg' && node.param) codepage = node.param;
      }
      if (id !== undefined && codepage !== undefined) this.fonts.set(id, codepage);
    }
  }

  private styleSheet(group: RtfGroup): void {
    for (const style of group.children) {
      if (style.t !== 'group') continue;
      const number = style.children.find((c) => c.t === 'word' && c.name === 's');
      const name = plainText(style).replace(/;\s*$/, '').trim().toLowerCase();
      const heading = /^(?:heading|标题)\s*(\d)$/.exec(name);
      const id = number?.t === 'word' ? (number.param ?? 0) : undefined;
      if (id !== undefined && heading) this.headingStyles.set(id, Number(heading[1]));
      else if (id !== undefined && name === 'title') this.headingStyles.set(id, 1);
    }
  }

  private readInfo(group: RtfGroup): void {
    for (const item of group.children) {
      if (item.t !== 'group' || item.children[0]?.t !== 'word') continue;
      const name = item.children[0].name;
      if (name === 'title' || name === 'author') this.info[name] = this.decodeGroupText(item);
      if (name === 'creatim') {
        const part = (p: string): number | undefined => {
          const w = item.children.find((c) => c.t === 'word' && c.name === p);
          return w?.t === 'word' ? w.param : undefined;
        };
        const [y, m, d] = [part('yr'), part('mo'), part('dy')];
        if (y && m && d && y >= 1800 && m <= 12 && d <= 31) this.info.date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      }
    }
  }

  /** The text of a small group (an \info field) through the same decoding as the body. */
  private decodeGroupText(group: RtfGroup): string {
    const saved = this.para;
    this.para = '';
    // \info is written in the document's code page (\ansicpg), whatever the default font.
    const state: GroupState = { uc: 1, codepage: this.ansi, hidden: false };
    for (const node of group.children.slice(1)) this.node(node, state);
    this.flushBytes(state);
    const text = this.para;
    this.para = saved;
    this.skip = 0;
    return text.trim();
  }
}

function plainText(group: RtfGroup): string {
  return group.children.map((c) => (c.t === 'text' ? c.text : c.t === 'group' ? plainText(c) : '')).join('');
}
