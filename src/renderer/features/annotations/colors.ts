import { HIGHLIGHT_COLORS, type ColorMeaning, type HighlightColor } from '../../../shared/model';

export const colorTitle = (color: HighlightColor) => color[0]!.toUpperCase() + color.slice(1);

export const meaningOf = (color: HighlightColor, meanings: readonly ColorMeaning[]) => meanings.find((m) => m.color === color)?.name ?? colorTitle(color);

/** The colours in their fixed order, each with its user-given name. */
export const colorChoices = (meanings: readonly ColorMeaning[]) =>
  HIGHLIGHT_COLORS.map((color) => ({ color, title: colorTitle(color), meaning: meaningOf(color, meanings) }));

export const ARTICLE_SELECTOR = 'article.document-body';
