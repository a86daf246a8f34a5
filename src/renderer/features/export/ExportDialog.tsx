import type { FormEvent, KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import '../../styles/export.css';
import { useAppStore } from '../../store';
import type { ExportScope } from '../../store/export-slice';
import { Dialog } from '../library/Dialog';
import { ExportStatusView } from './ExportStatusView';
import { formatChoices } from './formats';
import { LayerChoice } from './LayerChoice';

/** The Export dialog, while an export is being prepared (openExport). */
export function ExportDialog() {
  const scope = useAppStore((s) => s.exportScope);
  const closeExport = useAppStore((s) => s.closeExport);
  const { t } = useTranslation();
  if (!scope) return null;
  return (
    <Dialog title={t('exporter.title')} onClose={closeExport} className="export-dialog">
      <ExportForm scope={scope} onClose={closeExport} />
    </Dialog>
  );
}

/** The dialog focuses the chosen format when it opens (React's autoFocus would be undone by showModal). */
const autofocus = (input: HTMLInputElement | null) => input?.setAttribute('autofocus', '');

/** "3 documents", "“Annual report”", "the whole archive (120 documents)". */
function useScopeText(scope: ExportScope): string {
  const { t } = useTranslation();
  const one = scope.ids?.length === 1 ? scope.ids[0] : undefined;
  const title = useAppStore((s) =>
    one ? (s.documents.find((d) => d.id === one)?.title ?? (s.reader?.content?.meta.id === one ? s.reader.content.meta.title : undefined)) : undefined,
  );
  const total = useAppStore((s) => s.documents.length);
  if (scope.ids) return title ? t('exporter.scopeOne', { title }) : t('exporter.documents', { count: scope.ids.length });
  return total ? t('exporter.archiveCount', { documents: t('exporter.documents', { count: total }) }) : t('exporter.archive');
}

function ExportForm({ scope, onClose }: { scope: ExportScope; onClose(): void }) {
  const format = useAppStore((s) => s.exportFormat);
  const setFormat = useAppStore((s) => s.setExportFormat);
  const runExport = useAppStore((s) => s.runExport);
  const running = useAppStore((s) => s.exportStatus.state === 'running');
  const scopeText = useScopeText(scope);
  const { t } = useTranslation();

  function submit(event: FormEvent) {
    event.preventDefault();
    void runExport();
  }

  // The page's own shortcuts (undo, highlight, select all) stay out of the dialog; Escape still closes it.
  const keepKeys = (event: KeyboardEvent) => event.stopPropagation();

  return (
    <form className="export-form" onSubmit={submit} onKeyDown={keepKeys}>
      <p className="export-scope">
        <Trans i18nKey="exporter.scope" values={{ scope: scopeText }} components={{ strong: <strong /> }} />
      </p>
      <fieldset className="export-formats">
        <legend>{t('exporter.format')}</legend>
        {formatChoices().map((choice) => (
          <label key={choice.format} className="export-format">
            <input
              type="radio"
              name="export-format"
              value={choice.format}
              checked={format === choice.format}
              ref={format === choice.format ? autofocus : undefined}
              onChange={() => setFormat(choice.format)}
              aria-describedby={`export-format-${choice.format}`}
            />
            <span className="export-format-text">
              <span className="export-format-name">{choice.name}</span>
              <span id={`export-format-${choice.format}`} className="export-format-description">
                {choice.description}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <LayerChoice />
      <ExportStatusView />
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('exporter.close')}
        </button>
        <button type="submit" className="button-primary" disabled={running}>
          {running ? t('exporter.running') : t('exporter.submit')}
        </button>
      </div>
    </form>
  );
}
