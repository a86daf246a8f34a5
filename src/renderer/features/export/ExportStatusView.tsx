import { useAppStore } from '../../store';
import { plural } from './formats';

/** How the export went: the file downloaded and what the user should know, or why it failed. */
export function ExportStatusView() {
  const status = useAppStore((s) => s.exportStatus);
  return (
    <div className="export-status">
      <p className="export-done" role="status">
        {status.state === 'running' && 'Preparing the export…'}
        {status.state === 'done' && `Downloaded ${status.name} (${plural(status.documents, 'document')}).`}
      </p>
      {status.state === 'done' && status.notices.length > 0 && (
        <ul className="export-notices" aria-label="Export notices">
          {status.notices.map((notice, i) => (
            <li key={i}>{notice}</li>
          ))}
        </ul>
      )}
      {status.state === 'failed' && (
        <p className="export-error" role="alert">
          Could not export: {status.message}
        </p>
      )}
    </div>
  );
}
