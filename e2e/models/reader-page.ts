import { expect, type Locator, type Page } from '@playwright/test';

/** One document open in the reader: the text, its highlights, the note and the side panel. */
export class ReaderPage {
  readonly title: Locator;
  readonly article: Locator;
  readonly paragraphs: Locator;
  readonly renameButton: Locator;
  readonly titleInput: Locator;
  readonly backToLibrary: Locator;
  readonly metadata: Locator;
  readonly marks: Locator;
  readonly selectionToolbar: Locator;
  readonly popover: Locator;
  readonly commentEditor: Locator;
  readonly noteEditor: Locator;
  readonly noteStatus: Locator;
  readonly sidebarList: Locator;
  readonly sidebarItems: Locator;
  readonly orphans: Locator;
  readonly findInput: Locator;
  readonly findCount: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole('heading', { level: 1 });
    this.article = page.getByRole('article');
    this.paragraphs = this.article.getByRole('paragraph');
    this.renameButton = page.getByRole('button', { name: 'Rename' });
    this.titleInput = page.getByRole('textbox', { name: 'Document title' });
    this.backToLibrary = page.getByRole('link', { name: 'Library' });
    this.metadata = page.getByRole('definition');
    this.marks = this.article.locator('mark[data-annotation-id]');
    this.selectionToolbar = page.getByRole('toolbar', { name: 'Highlight selection' });
    this.popover = page.getByRole('dialog', { name: 'Highlight' });
    this.commentEditor = this.popover.getByRole('textbox', { name: 'Comment' });
    this.noteEditor = page.getByRole('textbox', { name: 'Document note' });
    this.noteStatus = page.getByRole('region', { name: 'Note' }).getByRole('status');
    this.sidebarList = page.getByRole('list', { name: 'Highlights in text order' });
    this.sidebarItems = this.sidebarList.getByRole('button');
    this.orphans = page.getByRole('list', { name: 'Annotations not placed' }).getByRole('listitem');
    this.findInput = page.getByRole('searchbox', { name: 'Find in document' });
    this.findCount = page.getByRole('search', { name: 'Find in document' }).getByRole('status');
  }

  /** The document id from the address (#/doc/<id>). */
  docId(): string {
    const match = /#\/doc\/([a-z0-9]+)/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`not a reader address: ${this.page.url()}`);
    return match[1];
  }

  async rename(title: string): Promise<void> {
    await this.renameButton.click();
    await this.titleInput.fill(title);
    await this.titleInput.press('Enter');
  }

  /**
   * Selects a phrase the way a user does: a real mouse drag from its first character to
   * its last, over the characters' boxes on screen. The virtualised article may still move
   * its rows after the scroll (a row measured late), so the drag is checked against the
   * page's selection and made again if it missed.
   */
  async dragSelect(phrase: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.dragOnce(phrase);
      const selected = (await this.page.evaluate<string>("document.getSelection()?.toString() ?? ''")).replace(/\s+/g, ' ');
      if (selected === phrase) return;
      // A drag that missed must not go on to tag or highlight the wrong words: say what it took.
      if (attempt === 3) throw new Error(`dragging over "${phrase}" selected "${selected}" three times`);
      await this.page.waitForTimeout(200);
    }
  }

  private async dragOnce(phrase: string): Promise<void> {
    const box = await this.article.evaluate((article, wanted) => {
      const doc = article.ownerDocument;
      // The article's text in DOM order, across marks: find the phrase, then its first and last characters' nodes.
      const walker = doc.createTreeWalker(article, 4 /* NodeFilter.SHOW_TEXT */);
      const nodes: { node: NonNullable<ReturnType<typeof walker.nextNode>>; from: number }[] = [];
      let all = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node, from: all.length });
        all += node.textContent ?? '';
      }
      const at = all.indexOf(wanted);
      if (at < 0) return null;
      const charRect = (offset: number) => {
        const hit = nodes.filter((n) => n.from <= offset).pop()!;
        const range = doc.createRange();
        range.setStart(hit.node, offset - hit.from);
        range.setEnd(hit.node, offset - hit.from + 1);
        return range;
      };
      charRect(at).startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      const first = charRect(at).getBoundingClientRect();
      const last = charRect(at + wanted.length - 1).getBoundingClientRect();
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }, phrase);
    if (!box) throw new Error(`"${phrase}" is not on the page`);
    await this.page.mouse.move(box.x1, box.y1);
    await this.page.mouse.down();
    await this.page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 5 });
    await this.page.mouse.move(box.x2, box.y2, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Drag-selects the phrase and presses h: answers its mark. */
  async highlight(phrase: string): Promise<Locator> {
    await this.dragSelect(phrase);
    await this.page.keyboard.press('h');
    const mark = this.markWithText(phrase);
    await expect(mark).toBeVisible();
    return mark;
  }

  markWithText(phrase: string): Locator {
    return this.marks.filter({ hasText: new RegExp(`^${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  }

  async annotationIds(): Promise<string[]> {
    return this.marks.evaluateAll((marks) => [...new Set(marks.map((m) => m.getAttribute('data-annotation-id') ?? ''))]);
  }

  async undo(): Promise<void> {
    await this.page.keyboard.press('Control+z');
  }

  async redo(): Promise<void> {
    await this.page.keyboard.press('Control+Shift+z');
  }
}
