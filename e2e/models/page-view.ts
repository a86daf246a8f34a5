import { expect, type Locator, type Page } from '@playwright/test';
import { ReaderPage } from './reader-page';

/** The reader's page view of a PDF: pdf.js pages with our boxes over them, the page tools above. */
export class PageView {
  readonly region: Locator;
  readonly pageField: Locator;
  readonly outlineButton: Locator;
  readonly areaButton: Locator;
  readonly toText: Locator;
  readonly toPages: Locator;
  readonly marks: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Pages' });
    this.pageField = this.region.getByRole('textbox', { name: 'Page' });
    this.outlineButton = this.region.getByRole('button', { name: 'Outline' });
    this.areaButton = this.region.getByRole('button', { name: /^Area/ });
    this.toText = page.getByRole('button', { name: /^Text/ });
    this.toPages = page.getByRole('button', { name: /^Pages/ });
    this.marks = this.region.locator('mark[data-annotation-id]');
  }

  pageBox(n: number): Locator {
    return this.region.locator(`.page[data-page-number="${n}"]`);
  }

  marksOn(n: number): Locator {
    return this.pageBox(n).locator('mark[data-annotation-id]');
  }

  /**
   * The one highlight made on page n survives a reload: after it, page n shows one mark, and
   * in the text view the mark reads `word`.
   */
  async expectMarkAfterReload(n: number, word: string): Promise<void> {
    await this.page.reload();
    await this.ready(n);
    await expect(this.marksOn(n)).toHaveCount(1);
    await this.toText.click();
    await expect(new ReaderPage(this.page).marks).toHaveText(word);
  }

  /** Waits until page n is drawn with its text layer (spans tagged with their text items). */
  async ready(n = 1): Promise<void> {
    await expect(this.pageBox(n).locator('canvas')).toBeVisible();
    await expect(this.pageBox(n).locator('.textLayer span[data-item]').first()).toBeAttached();
  }

  async goToPage(n: number): Promise<void> {
    await expect(this.pageField).toBeEnabled();
    await this.pageField.fill(String(n));
    await this.pageField.press('Enter');
    // The jump hands the keys back to the pages; the field then shows the page in view.
    await expect(this.pageField).not.toBeFocused();
    await expect(this.pageField).toHaveValue(String(n));
    await this.ready(n);
  }

  /** Selects a phrase in page n's text layer with a real mouse drag, from its first character to its last. */
  async dragSelect(n: number, phrase: string): Promise<void> {
    // A page laid out again under the pointer (the window's scrollbar appearing narrows the
    // frame, and a fitted page is redrawn) spoils a drag as it would a person's: they select again.
    await expect(async () => {
      await this.page.evaluate('window.getSelection()?.removeAllRanges()');
      await this.dragOnce(n, phrase);
    }).toPass({ intervals: [250, 500, 1000], timeout: 45_000 });
  }

  private async dragOnce(n: number, phrase: string): Promise<void> {
    const box = await this.pageBox(n).evaluate((pageDiv, wanted) => {
      // The layer's text in DOM order, span by span: find the phrase, then its first and last characters' nodes.
      const spans = [...pageDiv.querySelectorAll('.textLayer span[data-item]')];
      const nodes: { node: NonNullable<(typeof spans)[number]['firstChild']>; from: number }[] = [];
      let all = '';
      for (const span of spans) {
        const node = span.firstChild;
        if (!node) continue;
        nodes.push({ node, from: all.length });
        all += node.textContent ?? '';
      }
      const at = all.indexOf(wanted);
      if (at < 0) return null;
      const rectOf = (offset: number) => {
        const hit = nodes.filter((x) => x.from <= offset).pop()!;
        const range = pageDiv.ownerDocument.createRange();
        range.setStart(hit.node, offset - hit.from);
        range.setEnd(hit.node, offset - hit.from + 1);
        return range;
      };
      rectOf(at).startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      const first = rectOf(at).getBoundingClientRect();
      const last = rectOf(at + wanted.length - 1).getBoundingClientRect();
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }, phrase);
    if (!box) throw new Error(`"${phrase}" is not in the text layer of page ${n}`);
    await this.page.mouse.move(box.x1, box.y1);
    await this.page.mouse.down();
    await this.page.mouse.move((box.x1 + box.x2) / 2, box.y2, { steps: 5 });
    await this.page.mouse.move(box.x2, box.y2, { steps: 5 });
    await this.page.mouse.up();
    // A phrase may run over a line end (Chinese lines break inside words): the layer puts a line break there.
    await expect.poll(() => this.page.evaluate("(document.getSelection()?.toString() ?? '').replace(/\\s+/g, '')"), { timeout: 5_000 }).toBe(phrase.replace(/\s+/g, ''));
  }

  /** Area mode on, then a drag over page n from one point to another, given as fractions of the page. */
  async drawArea(n: number, from: [number, number], to: [number, number]): Promise<void> {
    await this.areaButton.click();
    await expect(this.areaButton).toHaveAttribute('aria-pressed', 'true');
    const box = await this.pageBox(n).boundingBox();
    if (!box) throw new Error(`page ${n} is not shown`);
    await this.page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((from[0] + to[0]) / 2), box.y + box.height * ((from[1] + to[1]) / 2), { steps: 5 });
    await this.page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 5 });
    await this.page.mouse.up();
  }
}
