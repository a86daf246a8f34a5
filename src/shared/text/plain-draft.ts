import type { ListMarker, PlainLine } from './plain-lines';

/** A block of a plain-text document while it is being assembled, before headings are decided. */
export interface Draft {
  kind: 'paragraph' | 'list-item' | 'heading';
  text: string;
  /** columns of indentation of the first line */
  indent: number;
  /** columns of indentation of the second line, once there is one */
  contIndent?: number;
  lines: number;
  /** display columns of the first line, indentation included */
  width: number;
  /** the only line between blank lines (or separators, or the document's edges) */
  standalone: boolean;
  marker?: ListMarker;
  level?: number;
  last: PlainLine;
}

export function startDraft(line: PlainLine): Draft {
  const marker = line.marker;
  const draft: Draft = {
    kind: marker ? 'list-item' : 'paragraph',
    text: marker?.bullet ? line.content.slice(marker.length) : line.content,
    indent: line.indent,
    lines: 1,
    width: line.width,
    standalone: false,
    last: line,
  };
  if (marker) draft.marker = marker;
  return draft;
}
