import type { DocType } from '../shared/model';

const sizeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} KB`;
  return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

const TYPE_LABELS: Record<DocType, string> = { txt: 'Plain text', md: 'Markdown', html: 'HTML', pdf: 'PDF', docx: 'Word' };

export const formatType = (type: DocType): string => TYPE_LABELS[type] ?? type;
