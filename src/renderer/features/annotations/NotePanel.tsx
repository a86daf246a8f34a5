import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useAppStore } from '../../store';
import { RichTextEditor } from './RichTextEditor';

/** The document's one note: rich text, saved as the user pauses; "Saved" only once the core has it on disk. */
export function NotePanel({ docId }: { docId: string }) {
  const { t } = useTranslation();
  const note = useAppStore((s) => (s.note?.docId === docId ? s.note : null));
  const saveNote = useAppStore((s) => s.saveNote);
  const [dirty, setDirty] = useState(false);

  let status = '';
  if (note?.save === 'failed') status = t('settings.notSaved', { message: note.error ?? t('common.unknownError') });
  else if (dirty || note?.save === 'saving') status = t('settings.saving');
  else if (note?.save === 'saved') status = t('settings.saved');

  return (
    <section className="side-section note-panel" aria-labelledby="note-heading">
      <div className="side-head">
        <h2 id="note-heading">{t('ui.note')}</h2>
        <span role="status" className={`save-status${note?.save === 'failed' ? ' failed' : ''}`}>
          {status}
        </span>
      </div>
      {note?.status === 'loading' && <p className="loading">{t('ui.loadingNote')}</p>}
      {note?.status === 'failed' && <p className="field-error">{t('highlight.noteFailed', { error: note.error })}</p>}
      {note?.status === 'ready' && (
        <RichTextEditor
          key={docId}
          value={note.doc}
          label={t('highlight.documentNote')}
          kind="note"
          delayMs={700}
          onDirty={() => setDirty(true)}
          onSave={(doc) => {
            setDirty(false);
            void saveNote(docId, doc);
          }}
        />
      )}
    </section>
  );
}
