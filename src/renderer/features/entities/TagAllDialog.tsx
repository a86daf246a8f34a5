import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Occurrence } from '../../../shared/model';
import { useAppStore } from '../../store';
import { Dialog } from '../library/Dialog';
import { contextParts } from './context-parts';

const keyOf = (o: Occurrence) => `${o.docId}:${o.start}`;

/** The preview of tag-all: every untagged occurrence with its context, all ticked; the user confirms. */
export function TagAllDialog() {
  const { t } = useTranslation();
  const preview = useAppStore((s) => s.tagAll);
  const close = useAppStore((s) => s.closeTagAll);
  if (!preview) return null;
  const title = t(preview.scope === 'document' ? 'tagAll.titleDocument' : 'tagAll.titleArchive', { quote: preview.quote, label: preview.label });
  return (
    <Dialog title={title} onClose={close} className="tag-all-dialog">
      {preview.status === 'loading' && <p className="loading">{t('tagAll.looking')}</p>}
      {preview.status !== 'loading' && <Occurrences key={`${preview.annotationId}:${preview.scope}:${preview.caseSensitive}`} />}
    </Dialog>
  );
}

function Occurrences() {
  const { t } = useTranslation();
  const preview = useAppStore((s) => s.tagAll)!;
  const confirm = useAppStore((s) => s.confirmTagAll);
  const close = useAppStore((s) => s.closeTagAll);
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const taggable = preview.items.filter((o) => !o.skip);
  const leftOut = preview.items.filter((o) => o.skip);
  const chosen = taggable.filter((o) => !skipped.has(keyOf(o)));
  const toggle = (o: Occurrence) => {
    const next = new Set(skipped);
    if (!next.delete(keyOf(o))) next.add(keyOf(o));
    setSkipped(next);
  };
  const n = taggable.length;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void confirm(chosen);
      }}
    >
      <p role="status" className="tag-all-count">
        {n === 0 ? t('tagAll.none') : t('tagAll.found', { count: n, match: t(preview.caseSensitive ? 'tagAll.exactCase' : 'tagAll.anyCase') })}
      </p>
      {preview.error && (
        <p role="alert" className="field-error">
          {preview.error}
        </p>
      )}
      {n > 0 && (
        <ul className="occurrence-list" aria-label={t('tagAll.list')}>
          {taggable.map((o) => {
            const [before, hit, after] = contextParts(o.context, o.text);
            return (
              <li key={keyOf(o)}>
                <label className="occurrence">
                  <input type="checkbox" checked={!skipped.has(keyOf(o))} onChange={() => toggle(o)} aria-label={t('tagAll.tick', { text: o.text, title: o.title, start: o.start })} />
                  <span className="occurrence-context">
                    {preview.scope === 'archive' && <span className="occurrence-doc">{o.title}</span>}
                    {before}
                    <strong>{hit}</strong>
                    {after}
                    {o.form && o.form !== 'exact' && <span className="occurrence-form"> · {t(`tagAll.form.${o.form}`, { text: o.text })}</span>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {leftOut.length > 0 && (
        <details className="tag-all-skipped" open>
          <summary>{t('tagAll.skipped', { count: leftOut.length })}</summary>
          <ul aria-label={t('tagAll.skippedList')}>
            {leftOut.map((o) => (
              <li key={keyOf(o)}>
                {preview.scope === 'archive' && <span className="occurrence-doc">{o.title}</span>}
                <span className="occurrence-context">{o.context}</span> — {o.skip}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={close}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button-primary" disabled={!chosen.length || preview.status === 'saving'}>
          {t('tagAll.submit', { count: chosen.length })}
        </button>
      </div>
    </form>
  );
}
