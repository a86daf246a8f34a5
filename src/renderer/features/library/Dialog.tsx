import { useEffect, useRef, type ReactNode } from 'react';
import { hostToasts } from '../../components/toast-host';

interface Props {
  /** the dialog's accessible name, shown as its heading */
  title: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
}

/** A native modal <dialog>: it traps focus, Escape closes it, focus returns where it was; toasts show inside it while it is open. */
export function Dialog({ title, onClose, children, className }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const releaseToasts = hostToasts(dialog);
    const onCancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      releaseToasts();
      if (dialog.open) dialog.close();
      if (before?.isConnected) before.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`dialog ${className ?? ''}`} aria-labelledby="dialog-title">
      <h2 id="dialog-title" className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
