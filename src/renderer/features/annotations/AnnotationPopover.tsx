import { useTranslation } from 'react-i18next';
import { PopoverFrame } from './PopoverFrame';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { MentionPopover } from '../entities/MentionPopover';
import { ColorSwatches } from './ColorSwatches';
import { colorTitle, meaningOf } from './colors';
import { RichTextEditor } from './RichTextEditor';

const POPOVER_WIDTH = 360;

/** Beside a clicked highlight: recolour, comment (rich text, autosaved), delete. Entity mentions get their own popover. */
export function AnnotationPopover() {
  const { t } = useTranslation();
  const active = useAppStore((s) => s.activeAnnotation);
  const annotation = useAppStore((s) => (active ? s.annotations?.items.find((a) => a.id === active.id) : undefined));
  const meanings = useAppStore((s) => s.colorMeanings);
  const openAnnotation = useAppStore((s) => s.openAnnotation);
  const recolor = useAppStore((s) => s.recolorAnnotation);
  const saveComment = useAppStore((s) => s.saveComment);
  const remove = useAppStore((s) => s.deleteAnnotation);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const id = annotation?.id;
  // One editing session of the comment folds into one undo step.
  const session = useMemo(() => (active ? Math.random().toString(36).slice(2) : ''), [active]);

  useLayoutEffect(() => {
    if (!id) return setPlace(null);
    const position = () => {
      const mark = document.querySelector(`mark[data-annotation-id="${CSS.escape(id)}"]`);
      if (!mark) return setPlace(null);
      const rect = mark.getBoundingClientRect();
      const left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - POPOVER_WIDTH - 8));
      setPlace({ top: rect.bottom + window.scrollY + 8, left: left + window.scrollX });
    };
    position();
    window.addEventListener('resize', position);
    return () => window.removeEventListener('resize', position);
  }, [id, annotation?.target.start, annotation?.color, annotation?.label]);

  useEffect(() => {
    if (!id) return;
    const outside = (event: PointerEvent) => {
      const target = event.target as Element;
      if (box.current?.contains(target) || target.closest?.(`mark[data-annotation-id]`)) return;
      openAnnotation(null);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [id, openAnnotation]);

  if (!annotation || !place || !active) return null;
  if (annotation.kind === 'entity') return <MentionPopover annotation={annotation} place={place} boxRef={box} />;
  const color = annotation.color ?? 'yellow';
  return (
    <PopoverFrame
      boxRef={box}
      label={t('highlight.popover')}
      style={{ top: place.top, left: place.left }}
      head={
        <>
          <span className={`color-dot dot-${color}`} aria-hidden="true" />
          <strong>{meaningOf(color, meanings)}</strong>
          <span className="hint">{colorTitle(color)}</span>
        </>
      }
    >
      <ColorSwatches action="recolour" current={color} onPick={(c) => void recolor(annotation.id, c)} />
      <div className="popover-comment">
        <span className="popover-label">{t('highlight.comment')}</span>
        <RichTextEditor
          key={annotation.id}
          value={annotation.comment ?? null}
          label={t('highlight.comment')}
          autoFocus={active.editComment}
          onSave={(doc) => void saveComment(annotation.id, doc, `comment:${annotation.id}:${session}`)}
        />
      </div>
      <div className="popover-actions">
        <button type="button" className="button-secondary" onClick={() => void remove(annotation.id)}>
          {t('highlight.delete')}
        </button>
      </div>
    </PopoverFrame>
  );
}
