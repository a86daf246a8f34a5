import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerHandle, ViewerStatus } from './use-pdf-viewer';

interface Props {
  handle: ViewerHandle | null;
  state: ViewerStatus;
  outline: boolean;
  onOutline(): void;
  area: boolean;
  onArea(): void;
  onZoom(step: 1 | -1): void;
}

/** Page number (or label) to type and jump, zoom, fit, the outline and the area tool. */
export function PageToolbar({ handle, state, outline, onOutline, area, onArea, onZoom }: Props) {
  const { t } = useTranslation();
  const shown = state.label ?? String(state.page);
  const [typed, setTyped] = useState(shown);
  useEffect(() => setTyped(shown), [shown]);

  const jump = (event: FormEvent) => {
    event.preventDefault();
    if (!handle) return;
    const value = typed.trim();
    const byLabel = state.labels?.indexOf(value) ?? -1;
    const number = byLabel >= 0 ? byLabel + 1 : Number.parseInt(value, 10);
    if (Number.isInteger(number) && number >= 1 && number <= state.pageCount) {
      handle.viewer.currentPageNumber = number;
      // Back to the pages, so the reader's keys (h, p, 1..9) work again at once.
      handle.viewer.container.focus({ preventScroll: true });
    } else setTyped(shown);
  };
  const fit = (value: 'page-width' | 'page-fit') => {
    if (handle) handle.viewer.currentScaleValue = value;
  };

  return (
    <div className="page-toolbar" role="toolbar" aria-label={t('pages.toolbar')}>
      <button type="button" className="button-quiet" aria-pressed={outline} onClick={onOutline}>
        {t('pages.outline')}
      </button>
      <form className="page-jump" onSubmit={jump}>
        <label>
          <span className="visually-hidden">{t('pages.pageField')}</span>
          <input type="text" inputMode="numeric" value={typed} onChange={(e) => setTyped(e.target.value)} onBlur={() => setTyped(shown)} size={4} aria-label={t('pages.pageField')} disabled={!handle} />
        </label>
        <span className="page-of">
          {state.label && state.label !== String(state.page)
            ? t('pages.ofWithNumber', { page: state.page, count: state.pageCount })
            : t('pages.of', { count: state.pageCount })}
        </span>
      </form>
      <span className="toolbar-divider" aria-hidden="true" />
      <button type="button" className="button-quiet" onClick={() => onZoom(-1)} aria-label={t('pages.zoomOut')} aria-keyshortcuts="Control+-">
        −
      </button>
      <span className="page-zoom" aria-live="polite">
        {Math.round(state.scale * 100)}%
      </span>
      <button type="button" className="button-quiet" onClick={() => onZoom(1)} aria-label={t('pages.zoomIn')} aria-keyshortcuts="Control+=">
        +
      </button>
      <button type="button" className="button-quiet" onClick={() => fit('page-width')}>
        {t('pages.fitWidth')}
      </button>
      <button type="button" className="button-quiet" onClick={() => fit('page-fit')}>
        {t('pages.fitPage')}
      </button>
      <span className="toolbar-divider" aria-hidden="true" />
      <button type="button" className="button-quiet" aria-pressed={area} aria-keyshortcuts="a" onClick={onArea}>
        {t('pages.area')} <kbd aria-hidden="true">a</kbd>
      </button>
    </div>
  );
}
