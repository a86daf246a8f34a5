import { DOC_EXTENSIONS } from '../../../shared/model';
import { DocumentBuilder } from '../../../shared/text/document-builder';
import { fileMetadata, metadataText } from '../../../shared/text/file-metadata';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { commentEnd, commentStart, placeComments, type WordComment } from './docx-comments';
import { formatNumber, type DomBlock } from './html-blocks';
import { ImportError, type Importer, type ParsedDocument } from './types';
import { attr, childElements, findAll, findFirst, firstText, isElement, localName, parseXml, textOf, type XmlElement } from './xml';
import { ZipPackage } from './zip-package';

/**
 * OpenDocument text (LibreOffice, WPS, and the format many governments require): headings
 * by outline level, lists numbered as their list style numbers them, tables as rows,
 * footnotes and endnotes after the text (their marks "[1]" stay where they stood), and
 * the title, author, date and language of meta.xml. Tracked changes read as accepted.
 */
export const odtImporter: Importer = {
  type: 'odt',
  extensions: DOC_EXTENSIONS.odt,
  async parse(bytes: Uint8Array): Promise<ParsedDocument> {
    const zip = new ZipPackage(bytes, 'ODT');
    if (zip.has('META-INF/manifest.xml') && zip.text('META-INF/manifest.xml')?.includes('encryption-data')) {
      throw new ImportError('password-protected ODT: remove the password in LibreOffice and import again', 'password_required');
    }
    const content = zip.text('content.xml');
    if (content === undefined) throw new ImportError('not an OpenDocument text (no content.xml)');
    const doc = parseXml(content);
    const office = findFirst(doc, 'text');
    if (!office) throw new ImportError('not an OpenDocument text (no office:text in content.xml)');
    const styles = new OdfStyles([doc, ...(zip.has('styles.xml') ? [parseXml(zip.text('styles.xml')!)] : [])]);

    const walker = new OdtWalker(styles);
    walker.blocksOf(office);
    const builder = new DocumentBuilder();
    for (const b of [...walker.blocks, ...walker.notes]) builder.add(b.kind, normaliseText(b.text), b.level);
    const built = builder.build();
    // Comments (office:annotation) are placed as Word comments are: sentinels in the text, cut out here.
    const placed = placeComments(built.text, built.blocks, walker.comments);
    const { text, blocks, comments } = placed;
    if (blocks.length === 0) throw new ImportError('no text in this ODT');

    const meta = zip.has('meta.xml') ? parseXml(zip.text('meta.xml')!) : undefined;
    const title = metadataText(meta && firstText(meta, 'title')) ?? deriveTitle({ text, blocks });
    const notices: string[] = [];
    if (walker.trackedChanges) notices.push('tracked changes were read as accepted (deleted text left out, inserted text kept)');
    if (placed.unplaced > 0) notices.push(`${placed.unplaced} comment${placed.unplaced === 1 ? '' : 's'} could not be placed on the text and ${placed.unplaced === 1 ? 'was' : 'were'} not imported`);
    return {
      text,
      blocks,
      title,
      encoding: 'utf-8',
      ...(notices.length ? { notices } : {}),
      ...(comments.length ? { comments } : {}),
      ...fileMetadata({
        author: meta && (firstText(meta, 'initial-creator') ?? firstText(meta, 'creator')),
        dates: [meta && firstText(meta, 'creation-date'), meta && firstText(meta, 'date')],
        language: meta && firstText(meta, 'language'),
      }),
    };
  },
};

interface LevelStyle {
  numbered: boolean;
  format: string;
  prefix: string;
  suffix: string;
  start: number;
}

/** What content.xml and styles.xml say about paragraph parents and list numbering. */
class OdfStyles {
  private readonly parents = new Map<string, string>();
  private readonly lists = new Map<string, Map<number, LevelStyle>>();

  constructor(docs: ReturnType<typeof parseXml>[]) {
    for (const doc of docs) {
      for (const style of findAll(doc, 'style')) {
        const name = attr(style, 'name');
        const parent = attr(style, 'parent-style-name');
        if (name && parent) this.parents.set(name, parent);
      }
      for (const list of findAll(doc, 'list-style')) {
        const levels = new Map<number, LevelStyle>();
        for (const level of childElements(list)) {
          const n = Number(attr(level, 'level') ?? 1);
          const numbered = localName(level) === 'list-level-style-number' && (attr(level, 'num-format') ?? '') !== '';
          levels.set(n, {
            numbered,
            format: attr(level, 'num-format') ?? '1',
            prefix: attr(level, 'num-prefix') ?? '',
            suffix: attr(level, 'num-suffix') ?? '',
            start: Number(attr(level, 'start-value') ?? 1) || 1,
          });
        }
        const name = attr(list, 'name');
        if (name) this.lists.set(name, levels);
      }
    }
  }

  /** The style's own name and its ancestors' ("P3" → "Title"). */
  isTitle(styleName: string | undefined): boolean {
    for (let name = styleName, depth = 0; name && depth < 10; name = this.parents.get(name), depth++) {
      if (name === 'Title' || name === 'Heading') return name === 'Title';
    }
    return false;
  }

  level(listStyle: string | undefined, level: number): LevelStyle | undefined {
    return listStyle ? this.lists.get(listStyle)?.get(level) : undefined;
  }
}

class OdtWalker {
  readonly blocks: DomBlock[] = [];
  readonly notes: DomBlock[] = [];
  readonly comments: WordComment[] = [];
  private readonly commentIds = new Map<string, string>();
  trackedChanges = false;

  constructor(private readonly styles: OdfStyles) {}

  blocksOf(parent: XmlElement, list?: { style?: string; depth: number }): void {
    for (const el of childElements(parent)) {
      const name = localName(el);
      if (name === 'h') {
        const level = Math.min(6, Math.max(1, Number(attr(el, 'outline-level') ?? 1) || 1));
        this.push('heading', this.inline(el), level);
      } else if (name === 'p') {
        this.push(this.styles.isTitle(attr(el, 'style-name')) ? 'heading' : list ? 'list-item' : 'paragraph', this.inline(el), list ? list.depth : this.styles.isTitle(attr(el, 'style-name')) ? 1 : undefined);
      } else if (name === 'list') {
        this.list(el, list);
      } else if (name === 'table') {
        this.table(el);
      } else if (name === 'tracked-changes') {
        // Deleted text lives here: an accepted reading leaves it out.
        if (findAll(el, 'changed-region').length > 0) this.trackedChanges = true;
      } else if (SKIP.has(name) || name === 'annotation' || name === 'annotation-end') {
        // A comment stands inside a paragraph in ODF; one outside any has no text to sit on.
        continue;
      } else {
        // Sections, indexes (a table of contents is text the author put there), change marks.
        this.blocksOf(el, list);
      }
    }
  }

  private list(el: XmlElement, outer?: { style?: string; depth: number }): void {
    const depth = (outer?.depth ?? 0) + 1;
    const style = attr(el, 'style-name') ?? outer?.style;
    const levelStyle = this.styles.level(style, depth);
    let n = levelStyle?.start ?? 1;
    for (const item of childElements(el)) {
      const isItem = localName(item) === 'list-item';
      if (!isItem && localName(item) !== 'list-header') continue;
      const override = Number(attr(item, 'start-value'));
      if (isItem && Number.isFinite(override) && override > 0) n = override;
      const marker = isItem && levelStyle?.numbered ? `${levelStyle.prefix}${formatNumber(n, levelStyle.format)}${levelStyle.suffix || '.'}` : '';
      if (isItem) n++;
      const first = this.blocks.length;
      this.blocksOf(item, { ...(style ? { style } : {}), depth });
      const head = this.blocks[first];
      if (marker && head && !head.text.startsWith(marker)) head.text = `${marker} ${head.text}`;
    }
  }

  private table(el: XmlElement): void {
    for (const row of findAll(el, 'table-row')) {
      const cells = childElements(row, 'table-cell').map((cell) =>
        childElements(cell)
          .map((c) => this.inline(c))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      if (cells.some((c) => c)) this.blocks.push({ kind: 'table-row', text: cells.join(' | ') });
    }
  }

  private push(kind: DomBlock['kind'], text: string, level?: number): void {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean) this.blocks.push(level === undefined ? { kind, text: clean } : { kind, text: clean, level });
  }

  /** The text of a paragraph: spaces as written (text:s), notes as their marks with the note kept for the end. */
  private inline(el: XmlElement): string {
    let out = '';
    for (const node of el.children) {
      if (!isElement(node)) {
        out += textOf(node);
        continue;
      }
      const name = localName(node);
      if (name === 's') out += ' '.repeat(Math.min(100, Number(attr(node, 'c') ?? 1) || 1));
      else if (name === 'tab' || name === 'line-break') out += ' ';
      else if (name === 'note') out += this.note(node);
      else if (name === 'annotation') out += this.comment(node);
      else if (name === 'annotation-end') {
        const id = this.commentIds.get(attr(node, 'name') ?? '');
        if (id !== undefined) out += commentEnd(id);
      }
      else if (name === 'number') out += `${textOf(node)} `;
      else if (!SKIP.has(name) && name !== 'frame') out += this.inline(node);
    }
    return out;
  }

  /** A comment: its start mark here, its end at office:annotation-end of the same name (a point when it has none). */
  private comment(el: XmlElement): string {
    const id = String(this.comments.length);
    const paragraphs = childElements(el, 'p')
      .map((p) => this.inline(p).replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    const author = metadataText(firstText(el, 'creator'));
    const date = firstText(el, 'date');
    this.comments.push({ id, paragraphs, ...(author ? { author } : {}), ...(date ? { date } : {}) });
    const name = attr(el, 'name');
    if (name) {
      this.commentIds.set(name, id);
      return commentStart(id);
    }
    return commentStart(id) + commentEnd(id);
  }

  private note(el: XmlElement): string {
    const citation = firstText(el, 'note-citation') ?? String(this.notes.length + 1);
    const body = findFirst(el, 'note-body');
    const text = body
      ? childElements(body)
          .map((p) => this.inline(p))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim()
      : '';
    if (text) this.notes.push({ kind: 'paragraph', text: `[${citation}] ${text}` });
    return `[${citation}]`;
  }
}

// Not text: form controls, declarations, change records inline,
// and drawings (images; a text box inside a frame is layout, read by pandoc neither).
const SKIP = new Set(['sequence-decls', 'variable-decls', 'user-field-decls', 'forms', 'bookmark', 'bookmark-start', 'bookmark-end', 'reference-mark', 'change', 'change-start', 'change-end', 'soft-page-break', 'frame', 'tracked-changes', 'note-citation']);
