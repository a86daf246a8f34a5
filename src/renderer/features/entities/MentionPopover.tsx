import { useTranslation } from 'react-i18next';
import { useState, type CSSProperties, type RefObject } from 'react';
import type { Annotation } from '../../../shared/model';
import { entityHref } from '../../routing';
import { useAppStore } from '../../store';
import { labelColor, labelName } from './label-keys';
import { LabelButtons } from './LabelButtons';
import { PopoverFrame } from '../annotations/PopoverFrame';

interface Props {
  annotation: Annotation;
  place: { top: number; left: number };
  boxRef: RefObject<HTMLDivElement | null>;
}

/** Beside a clicked entity mention: relabel (buttons or 1–9), tag all occurrences, delete (or Delete). */
export function MentionPopover({ annotation, place, boxRef }: Props) {
  const { t } = useTranslation();
  const labels = useAppStore((s) => s.labels);
  const entity = useAppStore((s) => (annotation.entityId ? s.entityNames[annotation.entityId] : undefined));
  const relabel = useAppStore((s) => s.relabelMention);
  const remove = useAppStore((s) => s.deleteAnnotation);
  const previewTagAll = useAppStore((s) => s.previewTagAll);
  const startLinking = useAppStore((s) => s.startLinking);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const label = annotation.label ?? '';

  return (
    <PopoverFrame
      boxRef={boxRef}
      label={t('mention.popover')}
      className="mention-popover"
      style={{ top: place.top, left: place.left, '--label': labelColor(labels, label) } as CSSProperties}
      head={
        <>
          <span className="label-tag">{label}</span>
          <strong>{labelName(labels, label)}</strong>
        </>
      }
    >
      <p className="mention-entity">
        {annotation.entityId ? (
          <a href={entityHref(annotation.entityId)}>{entity?.name ?? annotation.target.quote}</a>
        ) : (
          annotation.target.quote
        )}
      </p>
      <span className="popover-label">{t('mention.label')}</span>
      <LabelButtons action="relabel" current={label} onPick={(id) => void relabel(annotation.id, id)} />
      <div className="popover-tag-all">
        <span className="popover-label">{t('mention.tagAllOf', { quote: annotation.target.quote })}</span>
        <div className="tag-all-actions">
          <button type="button" className="button-secondary" onClick={() => void previewTagAll(annotation.id, 'document', caseSensitive)}>
            {t('mention.inDocument')}
          </button>
          <button type="button" className="button-secondary" aria-label={t('mention.inArchive')} onClick={() => void previewTagAll(annotation.id, 'archive', caseSensitive)}>
            {t('mention.inArchiveShort')}
          </button>
        </div>
        <label className="check">
          <input type="checkbox" checked={caseSensitive} onChange={(event) => setCaseSensitive(event.target.checked)} />
          {t('mention.matchCase')}
        </label>
      </div>
      <div className="popover-actions">
        <button type="button" className="button-secondary" aria-keyshortcuts="r" onClick={() => startLinking(annotation.id)}>
          {t('relation.start')}
        </button>
        <button type="button" className="button-secondary" aria-keyshortcuts="Delete" onClick={() => void remove(annotation.id)}>
          {t('mention.delete')}
        </button>
      </div>
    </PopoverFrame>
  );
}
