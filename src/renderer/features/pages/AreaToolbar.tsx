import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { HighlightColor } from '../../../shared/model';
import type { PageGeometry } from '../../../shared/model/pdf';
import { useAppStore } from '../../store';
import { ColorSwatches } from '../annotations/ColorSwatches';
import { LabelButtons } from '../entities/LabelButtons';

/** A rectangle just drawn, with the text inside it (null: none, a figure or a seal), where the mouse let go. */
export interface PendingArea {
  geometry: PageGeometry;
  text: { start: number; end: number } | null;
  x: number;
  y: number;
}

interface Props {
  docId: string;
  pending: PendingArea;
  onDone(): void;
}

/** After a rectangle is drawn: colour it, comment it or give it an entity label (keys h, n, 1..9 too); Escape drops it. */
export function AreaToolbar({ docId, pending, onDone }: Props) {
  const { t } = useTranslation();
  const createArea = useAppStore((s) => s.createArea);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onDone();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onDone]);

  const make = (look: { color?: HighlightColor; label?: string }, withComment = false) => {
    onDone();
    void createArea(docId, pending.geometry, look, { withComment, text: pending.text });
  };
  return (
    <div
      className="selection-toolbar area-toolbar"
      role="toolbar"
      aria-label={t('pages.areaToolbar')}
      style={{ top: pending.y + window.scrollY, left: pending.x + window.scrollX }}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <ColorSwatches action="swatch" onPick={(color) => make({ color })} />
      <button type="button" className="toolbar-button" onClick={() => make({ color: 'yellow' }, true)}>
        {t('highlight.comment')}
      </button>
      <span className="toolbar-divider" aria-hidden="true" />
      <LabelButtons action="tag" onPick={(label) => make({ label })} />
      <button type="button" className="toolbar-button" onClick={onDone}>
        {t('pages.cancelArea')}
      </button>
    </div>
  );
}
