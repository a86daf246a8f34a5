import { useAppStore } from '../store';

/** Errors from the core, each naming what failed and why, until the user dismisses them. */
export function AlertList() {
  const alerts = useAppStore((s) => s.alerts);
  const dismiss = useAppStore((s) => s.dismissAlert);
  if (!alerts.length) return null;
  return (
    <div className="alerts">
      {alerts.map((alert) => (
        <div key={alert.id} role="alert" className="alert alert-error">
          <div className="alert-text">
            <strong>{alert.title}</strong>
            <span>{alert.message}</span>
          </div>
          <button type="button" className="button-quiet" onClick={() => dismiss(alert.id)} aria-label={`Dismiss: ${alert.title}`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
