import { useTranslation } from 'react-i18next';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect, useMemo, useRef } from 'react';
import type { RichDoc } from '../../../shared/model';
import { KeptRichText } from './KeptRichText';
import { richContentProblem } from './rich-content-check';
import { richTextExtensions as extensions } from './rich-extensions';

interface Props {
  /** the stored document; taken in when the editor is not being typed in */
  value: RichDoc | null;
  label: string;
  /** called after typing pauses (debounced) and on blur, with the editor's JSON */
  onSave(doc: RichDoc | null): void;
  /** called on every change, before the debounce: lets a caller show "Saving…" at once */
  onDirty?(): void;
  autoFocus?: boolean;
  delayMs?: number;
  className?: string;
  /** what the text is, for the read-only notice: a comment or the document's note */
  kind?: 'comment' | 'note';
}

/**
 * A comment or note: in the editor when the editor can hold all of it, else read-only. Content
 * the editor does not know would show as blank and be saved over at the first keystroke, so
 * it is shown as text with the names of what is unknown, and no editor exists to save it.
 */
export function RichTextEditor(props: Props) {
  const problem = useMemo(() => richContentProblem(props.value), [props.value]);
  if (problem && props.value) return <KeptRichText value={props.value} problem={problem} label={props.label} kind={props.kind ?? 'comment'} />;
  return <EditableRichText {...props} />;
}

/** A Tiptap editor for comments and notes: Markdown shortcuts while typing (**bold**, # heading, - list), own undo. */
function EditableRichText({ value, label, onSave, onDirty, autoFocus, delayMs = 500, className }: Props) {
  const timer = useRef<number | undefined>(undefined);
  const pending = useRef(false);
  const save = useRef(onSave);
  save.current = onSave;

  const editor = useEditor({
    extensions,
    // The CSP allows no inline <style>: Tiptap's own CSS is in annotations.css.
    injectCSS: false,
    content: value ?? '',
    autofocus: autoFocus ? 'end' : false,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', class: `rich-editor ${className ?? ''}` },
    },
    onUpdate: () => {
      pending.current = true;
      onDirty?.();
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => flush(), delayMs);
    },
    onBlur: () => flush(),
  });

  function flush() {
    window.clearTimeout(timer.current);
    if (!pending.current || !editor || editor.isDestroyed) return;
    pending.current = false;
    save.current(editor.isEmpty ? null : (editor.getJSON() as RichDoc));
  }
  const flushRef = useRef(flush);
  flushRef.current = flush;

  // Saved before the editor goes away (popover closed, document changed).
  useEffect(() => () => flushRef.current(), []);

  // Undo/redo outside the editor change the stored value: show it unless the user is typing here.
  useEffect(() => {
    if (!editor || editor.isFocused || pending.current) return;
    const next = JSON.stringify(value ?? null);
    const current = editor.isEmpty ? 'null' : JSON.stringify(editor.getJSON());
    if (next !== current) editor.commands.setContent(value ?? '', { emitUpdate: false });
  }, [editor, value]);

  return (
    <div className="rich-text">
      <FormatBar editor={editor} />
      <EditorContent editor={editor} />
    </div>
  );
}

function FormatBar({ editor }: { editor: Editor | null }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      list: e?.isActive('bulletList') ?? false,
    }),
  });
  if (!editor) return null;
  const button = (name: string, pressed: boolean, run: () => void, glyph: string) => (
    <button
      type="button"
      className="format-button"
      aria-label={name}
      aria-pressed={pressed}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {glyph}
    </button>
  );
  return (
    <div className="format-bar" role="toolbar" aria-label={t('highlight.formatting')}>
      {button(t('highlight.bold'), !!state?.bold, () => editor.chain().focus().toggleBold().run(), 'B')}
      {button(t('highlight.italic'), !!state?.italic, () => editor.chain().focus().toggleItalic().run(), 'I')}
      {button(t('highlight.bulletList'), !!state?.list, () => editor.chain().focus().toggleBulletList().run(), '•')}
    </div>
  );
}
