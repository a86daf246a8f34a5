import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** What every view shares: the command palette, the shortcuts sheet, Settings' appearance and keys. */
export class ShellPage {
  readonly palette: Locator;
  readonly paletteInput: Locator;
  readonly paletteOptions: Locator;
  readonly help: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.palette = page.getByRole('dialog', { name: 'Command palette' });
    this.paletteInput = this.palette.getByRole('combobox', { name: 'Type a command' });
    this.paletteOptions = this.palette.getByRole('option');
    this.help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    this.toasts = page.locator('.toasts');
  }

  async openPalette(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.paletteInput).toBeFocused();
  }

  /** Opens the palette, filters, and runs the first match with Enter. */
  async runCommand(query: string, expected: string): Promise<void> {
    await this.openPalette();
    await this.paletteInput.fill(query);
    await expect(this.paletteOptions.first()).toContainText(expected);
    await this.page.keyboard.press('Enter');
    await expect(this.palette).toBeHidden();
  }

  /** An error toast (role=alert) holding this text. */
  errorToast(text: string | RegExp): Locator {
    return this.toasts.getByRole('alert').filter({ hasText: text });
  }

  /** The interface language, as Settings would store it; takes effect on the next load. */
  async chooseLanguage(language: 'en' | 'zh-CN'): Promise<void> {
    await this.page.evaluate((lang) => localStorage.setItem('marginalia.preferences', JSON.stringify({ theme: 'system', language: lang, keys: {} })), language);
  }

  async openSettings(): Promise<void> {
    await this.page.goto(this.page.url().replace(/#.*$/, '') + '#/settings');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  shortcutRow(title: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: title, exact: true }) });
  }

  /** Serious and critical axe findings only, each as "rule: target" for a readable failure. */
  async axeViolations(include?: string): Promise<string[]> {
    let builder = new AxeBuilder({ page: this.page });
    if (include) builder = builder.include(include);
    const { violations } = await builder.analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
  }
}
