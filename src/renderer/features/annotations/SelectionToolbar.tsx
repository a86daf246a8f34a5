import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import type { HighlightColor } from '../../../shared/model';
import { useAppStore } from '../../store';
import { ARTICLE_SELECTOR } from './colors';
import { LabelButtons } from '../entities/LabelButtons';
import { ColorSwatches } from './ColorSwatches';
import { activePageView, type PageSelection } from '../pages/page-view-registry';
import { currentSelectionOffsets } from './selection-offsets';
import type { TextRange } from './text-range';

interface Shown {
  range: TextRange & { geometry?: PageSelection['geometry'] };
  top: number;
  left: number;
}

/** Colour swatches, "Comment" and the entity labels over a selection in the article or on the pages, once the mouse is up. */
export function SelectionToolbar({ docId, text }: { docId: string; text: string }) {
  const { t } = useTranslation();
  const createHighlight = useAppStore((s) => s.createHighlight);
  const createMention = useAppStore((s) => s.createMention);
  const [shown, setShown] = useState<Shown | null>(null);

  useEffect(() => {
    let pointerDown = false;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const page = () => {
          const picked = activePageView()?.selection();
          return picked && !picked.area ? picked : null;
        };
        const range = pointerDown ? null : (currentSelectionOffsets(document.querySelector(ARTICLE_SELECTOR), text) ?? page());
        const selection = document.getSelection();
        if (!range || !selection?.rangeCount) return setShown(null);
        const rect = selection.getRangeAt(0).getBoundingClientRect();
        setShown({ range, top: rect.top + window.scrollY, left: rect.left + window.scrollX + rect.width / 2 });
      });
    };
    const down = () => {
      pointerDown = true;
      setShown(null);
    };
    const up = () => {
      pointerDown = false;
      update();
    };
    document.addEventListener('selectionchange', update);
    document.addEventListener('pointerdown', down);
    document.addEventListener('pointerup', up);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', update);
      document.removeEventListener('pointerdown', down);
      document.removeEventListener('pointerup', up);
    };
  }, [text]);

  if (!shown) return null;
  const highlight = (color: HighlightColor, withComment = false) => {
    document.getSelection()?.removeAllRanges();
    setShown(null);
    void createHighlight(docId, shown.range, color, { withComment });
  };
  const tag = (label: string) => {
    document.getSelection()?.removeAllRanges();
    setShown(null);
    void createMention(docId, shown.range, label);
  };
  return (
    <div
      className="selection-toolbar"
      role="toolbar"
      aria-label={t('highlight.toolbar')}
      style={{ top: shown.top, left: shown.left }}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <ColorSwatches action="swatch" onPick={(color) => highlight(color)} />
      <button type="button" className="toolbar-button" onMouseDown={(event) => event.preventDefault()} onClick={() => highlight('yellow', true)}>
        {t('highlight.comment')}
      </button>
      <span className="toolbar-divider" aria-hidden="true" />
      <LabelButtons action="tag" onPick={tag} />
    </div>
  );
}
