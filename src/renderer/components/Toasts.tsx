import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import type { Toast } from '../store/app-slice';
import { useToastHost } from './toast-host';

/** How long a toast that is not an error stays, unless the pointer or the focus is on it. */
export const TOAST_MS = 6000;

/**
 * Toasts over the page, newest last. Errors (role=alert) stay until dismissed; the others
 * (role=status) time out. Escape or the × button dismisses the focused one; focus then goes
 * to the next toast, or back where it was before it came into the toasts.
 */
export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  const returnTo = useRef<HTMLElement | null>(null);
  const region = useRef<HTMLDivElement>(null);

  const onFocus = (event: FocusEvent) => {
    const from = event.relatedTarget;
    if (from instanceof HTMLElement && !region.current?.contains(from)) returnTo.current = from;
  };

  /** After a keyboard dismissal: the next toast's button, else where the user came from. */
  const refocus = (index: number) => {
    requestAnimationFrame(() => {
      const buttons = region.current?.querySelectorAll<HTMLButtonElement>('.toast-dismiss') ?? [];
      const next = buttons[Math.min(index, buttons.length - 1)];
      if (next) next.focus();
      else if (returnTo.current?.isConnected) returnTo.current.focus();
      else document.getElementById('content')?.focus();
    });
  };

  const host = useToastHost();
  const list = (
    <div ref={region} className="toasts" onFocus={onFocus}>
      {toasts.map((toast, index) => (
        <ToastItem key={toast.id} toast={toast} onKeyboardDismiss={() => refocus(index)} />
      ))}
    </div>
  );
  // Inside an open modal dialog, or the rest of the page would be inert under it.
  return host ? createPortal(list, host) : list;
}

function ToastItem({ toast, onKeyboardDismiss }: { toast: Toast; onKeyboardDismiss(): void }) {
  const { t } = useTranslation();
  const dismiss = useAppStore((s) => s.dismissToast);
  const [held, setHeld] = useState(false);
  const error = toast.kind === 'error';
  const titleId = `toast-${toast.id}`;

  useEffect(() => {
    if (error || held) return;
    const timer = window.setTimeout(() => dismiss(toast.id), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [error, held, dismiss, toast.id]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Neither the page's shortcuts nor an open dialog (whose cancel Escape would be) take it.
    event.preventDefault();
    event.stopPropagation();
    dismiss(toast.id);
    onKeyboardDismiss();
  };

  return (
    <div
      role={error ? 'alert' : 'status'}
      aria-labelledby={titleId}
      className={`toast toast-${toast.kind}`}
      onKeyDown={onKeyDown}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHeld(false);
      }}
    >
      <div className="toast-text">
        <strong id={titleId}>{toast.title}</strong>
        {toast.message && <span className="toast-message">{toast.message}</span>}
        {toast.fix && <span className="toast-fix">{toast.fix}</span>}
      </div>
      {toast.action && (
        <button
          type="button"
          className="button-secondary toast-action"
          onClick={() => {
            dismiss(toast.id);
            toast.action!.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="button-quiet toast-dismiss"
        aria-label={t('app.dismissAlert', { title: toast.title })}
        aria-keyshortcuts="Escape"
        onClick={(event) => {
          dismiss(toast.id);
          // detail 0: Enter or Space, not a click
          if (event.detail === 0) onKeyboardDismiss();
        }}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
