import type { DocType } from '../shared/model';
import { currentLocale, i18n } from './i18n';

/** Formatters per interface locale: built once each, as Intl formatters are costly to make. */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (locale: string) => T): T {
  const locale = currentLocale();
  const id = `${key}|${locale}`;
  let value = cache.get(id);
  if (!value) cache.set(id, (value = make(locale)));
  return value as T;
}

const sizeFormat = () => formatter('size', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 1 }));

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${sizeFormat().format(bytes / 1024)} KB`;
  return `${sizeFormat().format(bytes / (1024 * 1024))} MB`;
}

export const formatNumber = (value: number): string => formatter('number', (l) => new Intl.NumberFormat(l)).format(value);

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter('date', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
}

/** A day without the time, for table columns. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter('day', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' })).format(date);
}

/** The format's name in the interface language (types.txt, types.md … in the i18n resources). */
export const formatType = (type: DocType): string => (i18n.isInitialized ? i18n.t(`types.${type}`, { defaultValue: type }) : type);
