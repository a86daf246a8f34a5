import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { typeAllows } from '../../store/relations-slice';
import { shortQuote } from '../annotations/rich-preview';

/** While a relation is being made: its two ends, and the types by number (keys 1–9 or a click). */
export function LinkingBar({ docId }: { docId: string }) {
  const { t } = useTranslation();
  const linking = useAppStore((s) => (s.linking?.docId === docId ? s.linking : null));
  const items = useAppStore((s) => s.annotations?.items);
  const types = useAppStore((s) => s.relationTypes);
  const pick = useAppStore((s) => s.pickRelationType);
  const cancel = useAppStore((s) => s.cancelLinking);
  const from = linking ? items?.find((a) => a.id === linking.from) : undefined;
  const to = linking?.to ? items?.find((a) => a.id === linking.to) : undefined;

  // The two ends are outlined in the text (classes on their marks: no re-render of the document).
  useEffect(() => {
    const mark = (id: string | undefined, cls: string) => {
      if (!id) return [];
      const marks = [...document.querySelectorAll<HTMLElement>(`mark[data-annotation-id="${CSS.escape(id)}"]`)];
      for (const m of marks) m.classList.add(cls);
      return marks.map((m) => () => m.classList.remove(cls));
    };
    const undo = [...mark(from?.id, 'link-from'), ...mark(to?.id, 'link-to')];
    return () => undo.forEach((u) => u());
  }, [from?.id, to?.id]);

  if (!linking || !from) return null;
  const message = to ? t('relation.fromTo', { from: shortQuote(from.target.quote), to: shortQuote(to.target.quote) }) : t('relation.from', { from: shortQuote(from.target.quote) });
  return (
    <section className="suggestion-bar linking-bar" aria-label={t('relation.bar')}>
      <p className="suggestion-message" role="status" aria-live="polite">
        {message}
      </p>
      <div className="suggestion-actions">
        {types.slice(0, 9).map((type, i) => {
          const allowed = !!to && typeAllows(type, from.label, to.label);
          return (
            <button
              key={type.id}
              type="button"
              className="button-secondary relation-type-button"
              style={{ borderColor: type.color }}
              disabled={!allowed}
              title={to && !allowed ? t('relation.notAllowed', { name: type.name, from: from.label, to: to.label }) : undefined}
              aria-keyshortcuts={String(i + 1)}
              onClick={() => void pick(i + 1)}
            >
              {t('relation.type', { n: i + 1, name: type.name })}
            </button>
          );
        })}
        <button type="button" className="button-quiet" aria-label={t('relation.cancel')} onClick={cancel}>
          ×
        </button>
      </div>
    </section>
  );
}
