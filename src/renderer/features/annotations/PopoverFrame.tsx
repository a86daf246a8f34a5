import { useTranslation } from 'react-i18next';
import type { CSSProperties, ReactNode, RefObject } from 'react';
import { useAppStore } from '../../store';

interface Props {
  boxRef: RefObject<HTMLDivElement | null>;
  /** the popover's accessible name */
  label: string;
  className?: string;
  style: CSSProperties;
  /** what the head shows before the close button */
  head: ReactNode;
  children: ReactNode;
}

/** The frame of the popovers beside a highlight or a mention: a dialog that Escape or × closes. */
export function PopoverFrame({ boxRef, label, className, style, head, children }: Props) {
  const { t } = useTranslation();
  const openAnnotation = useAppStore((s) => s.openAnnotation);
  return (
    <div
      ref={boxRef}
      className={className ? `hl-popover ${className}` : 'hl-popover'}
      role="dialog"
      aria-label={label}
      style={style}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          openAnnotation(null);
        }
      }}
    >
      <div className="popover-head">
        {head}
        <button type="button" className="button-quiet popover-close" aria-label={t('common.close')} onClick={() => openAnnotation(null)}>
          ×
        </button>
      </div>
      {children}
    </div>
  );
}
