import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

/** What running the rules over the library would change, document by document, with Apply and Cancel. */
export function RulePreview() {
  const { t } = useTranslation();
  const preview = useAppStore((s) => s.rulePreview);
  const applyRules = useAppStore((s) => s.applyRules);
  const dismiss = useAppStore((s) => s.dismissRulePreview);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!preview) return null;

  const apply = async () => {
    setBusy(true);
    setFailure(await applyRules());
    setBusy(false);
  };
  return (
    <section className="rule-preview" aria-labelledby="rule-preview-heading">
      <h3 id="rule-preview-heading" className="subheading">
        {t('rules.previewHeading', { count: preview.length })}
      </h3>
      {preview.length > 0 && (
        <table className="rule-table">
          <thead>
            <tr>
              <th scope="col">{t('rules.document')}</th>
              <th scope="col">{t('rules.changes')}</th>
              <th scope="col">{t('rules.byRules')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.map((entry) => (
              <tr key={entry.docId}>
                <th scope="row">{entry.title}</th>
                <td>
                  {[
                    entry.addTags.length ? t('rules.assignTags', { tags: entry.addTags.join(', ') }) : '',
                    entry.addCollections.length ? t('rules.assignCollections', { collections: entry.addCollections.join(', ') }) : '',
                    entry.date ? t('rules.assignDate', { date: entry.date }) : '',
                  ]
                    .filter(Boolean)
                    .join('; ')}
                </td>
                <td>{entry.rules.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="title-actions">
        {preview.length > 0 && (
          <button type="button" className="button-primary" disabled={busy} onClick={() => void apply()}>
            {t('rules.apply', { count: preview.length })}
          </button>
        )}
        <button type="button" onClick={dismiss} disabled={busy}>
          {t('rules.closePreview')}
        </button>
      </div>
      {failure && <p className="field-error">{t('rules.notApplied', { message: failure })}</p>}
    </section>
  );
}
