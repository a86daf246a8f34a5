/**
 * Metadata that files carry about themselves (PDF Info and XMP, DOCX/ODT core properties,
 * EPUB's OPF), cleaned up: it comes before any guess made from the text.
 */

/**
 * A calendar date from a metadata value: ISO 8601 ("2009-03-14", "2009-03-14T10:00:00Z")
 * or a PDF date ("D:20090314100000+08'00'"). Partial dates (a year alone) say less than
 * the text may: they give undefined, as do impossible ones.
 */
export function metadataDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(v) ?? /^D:(\d{4})(\d{2})(\d{2})/.exec(v);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1800 || year > 2200) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** One line of metadata text, or undefined when empty or a placeholder. */
export function metadataText(value: unknown, max = 200): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!text || !/[\p{L}\p{N}]/u.test(text) || /^(?:unknown|untitled|anonymous|administrator|user|author)$/i.test(text)) return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A language tag from metadata ("en-US", "zh_CN", "zh-TW"), as BCP 47; Chinese keeps its script. */
export function metadataLanguage(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const tag = value.trim().replace(/_/g, '-');
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(tag) || /^(?:und|x-none|mul|zxx)$/i.test(tag)) return undefined;
  const [lang, ...rest] = tag.split('-');
  const language = lang!.toLowerCase();
  if (language === 'zh' || language === 'cmn') {
    const sub = rest.map((r) => r.toLowerCase());
    if (sub.includes('hant') || sub.some((r) => r === 'tw' || r === 'hk' || r === 'mo')) return 'zh-Hant';
    if (sub.includes('hans') || sub.some((r) => r === 'cn' || r === 'sg' || r === 'my')) return 'zh-Hans';
    return 'zh';
  }
  return language;
}

/**
 * What a file says of its author, date (the first usable of those given, in order of
 * preference) and language, cleaned, as the optional fields of an import's result: a field
 * the file says nothing usable about is absent.
 */
export function fileMetadata(raw: { author?: unknown; dates?: readonly unknown[]; language?: unknown }): { author?: string; date?: string; language?: string } {
  const author = metadataText(raw.author);
  const date = (raw.dates ?? []).map(metadataDate).find((d) => d !== undefined);
  const language = metadataLanguage(raw.language);
  return { ...(author ? { author } : {}), ...(date ? { date } : {}), ...(language ? { language } : {}) };
}
