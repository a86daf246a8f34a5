import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { Dialog } from '../library/Dialog';

/** The one confirmation before anything is removed for good: it names how many documents go. */
export function EmptyTrashDialog({ ids, count, onClose }: { ids?: string[]; count: number; onClose(): void }) {
  const { t } = useTranslation();
  const emptyTrash = useAppStore((s) => s.emptyTrash);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={t('trash.confirmTitle', { count })} onClose={onClose} className="empty-trash-dialog">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          await emptyTrash(ids);
          setBusy(false);
          onClose();
        }}
      >
        <p>{t('trash.confirmBody', { count })}</p>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button-danger" disabled={busy}>
            {t('trash.confirm', { count })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
