import { useState } from 'react';
import type { AnchoringSummary } from '../../../shared/model';
import { useAppStore } from '../../store';
import { countOutcomes, type ImportSummary, type Resend } from '../../store/import-slice';
import { PasswordDialog } from './PasswordDialog';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const anchoringText = (a: AnchoringSummary) =>
  `annotations: ${a.exact} kept exactly, ${a.moved} moved, ${a.fuzzy} matched approximately, ${a.orphaned} orphaned`;

/** The end of an import: counts, then each file that needs a word: duplicates, versions, failures. */
export function ImportSummaryPanel({ summary }: { summary: ImportSummary }) {
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

  const extras = [
    counts.newVersions ? plural(counts.newVersions, 'new version') : '',
    counts.candidates ? `${counts.candidates} to decide` : '',
    summary.notImported ? `${summary.notImported} not imported (cancelled)` : '',
  ].filter(Boolean);

  return (
    <section className={`import-summary${counts.failed ? ' has-failures' : ''}`} aria-label="Import summary">
      <p className="import-summary-line" role="status">
        Import {summary.notImported ? 'cancelled' : 'finished'}: {counts.imported} imported, {plural(counts.duplicates, 'duplicate')}, {counts.failed} failed
        {extras.length ? `, ${extras.join(', ')}` : ''}.
      </p>
      {counts.duplicates > 0 && (
        <p className="import-duplicates">
          Already in the archive:{' '}
          {entries
            .flatMap(({ outcome: o }) => (o.status === 'duplicate' ? [`${o.file} (as “${o.doc.title}”)`] : []))
            .join(', ')}
        </p>
      )}
      {counts.candidates > 0 && (
        <ul className="import-candidates" aria-label="Files that look like new versions">
          {entries.map(({ outcome: o, index, source }) =>
            o.status === 'version-candidate' ? (
              <li key={index}>
                <strong>{o.file}</strong> looks like a new version of “{o.doc.title}”.
                {source ? (
                  <span className="candidate-actions">
                    <button type="button" className="button-secondary" disabled={busy === index} onClick={() => void resend(index, { asVersionOf: o.doc.id })}>
                      Import as new version of “{o.doc.title}”
                    </button>
                    <button type="button" className="button-quiet" disabled={busy === index} onClick={() => void resend(index, { separate: true })}>
                      Import as separate document
                    </button>
                  </span>
                ) : (
                  <span className="hint"> Choose the file again with “Choose files…” to decide.</span>
                )}
                {errors[index] && <span className="field-error"> {errors[index]}</span>}
              </li>
            ) : null,
          )}
        </ul>
      )}
      {counts.newVersions > 0 && (
        <ul className="import-versions" aria-label="New versions">
          {entries.map(({ outcome: o, index }) =>
            o.status === 'new-version' ? (
              <li key={index}>
                <strong>{o.file}</strong>: version {o.doc.version ?? 2} of “{o.doc.title}” — {anchoringText(o.anchoring)}
              </li>
            ) : null,
          )}
        </ul>
      )}
      {counts.failed > 0 && (
        <ul className="import-failures" aria-label="Files that were not imported">
          {entries.map(({ outcome: o, index, source }) =>
            o.status === 'failed' ? (
              <li key={index}>
                <strong>{o.file}</strong>: {o.reason}
                {o.needsPassword && source && (
                  <button type="button" className="button-secondary inline-action" onClick={() => setAsking(index)}>
                    Enter password…
                  </button>
                )}
              </li>
            ) : null,
          )}
        </ul>
      )}
      <button type="button" className="button-quiet" onClick={dismiss}>
        Dismiss summary
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
