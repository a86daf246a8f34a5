import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { AnchoringSummary } from '../../../shared/model';
import { useAppStore } from '../../store';
import { countOutcomes, type ImportSummary, type Resend } from '../../store/import-slice';
import { PasswordDialog } from './PasswordDialog';

type Translate = ReturnType<typeof useTranslation>['t'];

const anchoringText = (a: AnchoringSummary, t: Translate) => t('summary.anchoring', { exact: a.exact, moved: a.moved, fuzzy: a.fuzzy, orphaned: a.orphaned });

/** "3 imported, 1 duplicate, 0 failed, 1 to decide" */
function countsText(summary: ImportSummary, counts: ReturnType<typeof countOutcomes>, t: Translate): string {
  const parts = [
    t('summary.imported', { count: counts.imported }),
    t('summary.duplicates', { count: counts.duplicates }),
    t('summary.failed', { count: counts.failed }),
    counts.newVersions ? t('summary.newVersions', { count: counts.newVersions }) : '',
    counts.candidates ? t('summary.toDecide', { count: counts.candidates }) : '',
    counts.skipped ? t('summary.skippedCount', { count: counts.skipped }) : '',
    summary.notImported ? t('summary.notImported', { count: summary.notImported }) : '',
  ];
  return parts.filter(Boolean).join(t('summary.separator'));
}

/** The end of an import: counts, then each file that needs a word: duplicates, versions, failures. */
export function ImportSummaryPanel({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const dismiss = useAppStore((s) => s.dismissImportSummary);
  const resendImport = useAppStore((s) => s.resendImport);
  const [busy, setBusy] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [asking, setAsking] = useState<number | null>(null);
  const counts = countOutcomes(summary.entries);
  const entries = summary.entries.map((entry, index) => ({ ...entry, index }));

  async function resend(index: number, how: Resend) {
    setBusy(index);
    const failure = await resendImport(index, how);
    setBusy(null);
    setErrors((e) => ({ ...e, [index]: failure ?? '' }));
    return failure;
  }

  return (
    <section className={`import-summary${counts.failed ? ' has-failures' : ''}`} aria-label={t('summary.region')}>
      <p className="import-summary-line" role="status">
        {t(summary.notImported ? 'summary.cancelled' : 'summary.finished', { counts: countsText(summary, counts, t) })}
      </p>
      {counts.duplicates > 0 && (
        <p className="import-duplicates">
          {t('summary.already')}{' '}
          {entries
            .flatMap(({ outcome: o }) => (o.status === 'duplicate' ? [t('summary.duplicateOf', { file: o.file, title: o.doc.title })] : []))
            .join(t('summary.separator'))}
        </p>
      )}
      {counts.candidates > 0 && (
        <ul className="import-candidates" aria-label={t('summary.candidates')}>
          {entries.map(({ outcome: o, index, source }) =>
            o.status === 'version-candidate' ? (
              <li key={index}>
                <strong>{o.file}</strong> {t('summary.looksLike', { title: o.doc.title })}
                {source ? (
                  <span className="candidate-actions">
                    <button type="button" className="button-secondary" disabled={busy === index} onClick={() => void resend(index, { asVersionOf: o.doc.id })}>
                      {t('summary.asVersion', { title: o.doc.title })}
                    </button>
                    <button type="button" className="button-quiet" disabled={busy === index} onClick={() => void resend(index, { separate: true })}>
                      {t('summary.separate')}
                    </button>
                  </span>
                ) : (
                  <span className="hint"> {t('summary.chooseAgain')}</span>
                )}
                {errors[index] && <span className="field-error"> {errors[index]}</span>}
              </li>
            ) : null,
          )}
        </ul>
      )}
      {counts.newVersions > 0 && (
        <ul className="import-versions" aria-label={t('summary.versions')}>
          {entries.map(({ outcome: o, index }) =>
            o.status === 'new-version' ? (
              <li key={index}>
                <strong>{o.file}</strong>
                {t('summary.versionOf', { version: o.doc.version ?? 2, title: o.doc.title, anchoring: anchoringText(o.anchoring, t) })}
              </li>
            ) : null,
          )}
        </ul>
      )}
      {counts.failed > 0 && (
        <ul className="import-failures" aria-label={t('summary.failures')}>
          {entries.map(({ outcome: o, index, source }) =>
            o.status === 'failed' ? (
              <li key={index}>
                <strong>{o.file}</strong>: {o.reason}
                {o.needsPassword && source && (
                  <button type="button" className="button-secondary inline-action" onClick={() => setAsking(index)}>
                    {t('summary.password')}
                  </button>
                )}
              </li>
            ) : null,
          )}
        </ul>
      )}
      {counts.skipped > 0 && (
        <ul className="import-failures import-skipped" aria-label={t('summary.skipped')}>
          {entries.map(({ outcome: o, index }) =>
            o.status === 'skipped' ? (
              <li key={index}>
                <strong>{o.file}</strong>: {o.reason}
              </li>
            ) : null,
          )}
        </ul>
      )}
      <button type="button" className="button-quiet" onClick={dismiss}>
        {t('summary.dismiss')}
      </button>
      {asking !== null && summary.entries[asking] && (
        <PasswordDialog
          file={summary.entries[asking]!.outcome.file}
          onSubmit={(password) => resend(asking, { password })}
          onClose={() => setAsking(null)}
        />
      )}
    </section>
  );
}
