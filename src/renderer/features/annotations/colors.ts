import { DEFAULT_COLOR_MEANINGS, HIGHLIGHT_COLORS, type ColorMeaning, type HighlightColor } from '../../../shared/model';
import { i18n } from '../../i18n';

/** The colour's name in the interface language: "Green", "绿色". */
export const colorTitle = (color: HighlightColor) => i18n.t(`colours.${color}`);

/** The user's name for the colour; a default meaning the user kept shows in the interface language. */
export function meaningOf(color: HighlightColor, meanings: readonly ColorMeaning[]): string {
  const name = meanings.find((m) => m.color === color)?.name;
  const byDefault = DEFAULT_COLOR_MEANINGS.find((m) => m.color === color)?.name;
  if (name !== undefined && name !== byDefault) return name;
  return i18n.t(`meanings.${color}`);
}

/** The colours in their fixed order, each with its user-given name. */
export const colorChoices = (meanings: readonly ColorMeaning[]) =>
  HIGHLIGHT_COLORS.map((color) => ({ color, title: colorTitle(color), meaning: meaningOf(color, meanings) }));

export const ARTICLE_SELECTOR = 'article.document-body';
