import { DOC_EXTENSIONS } from '../../../shared/model';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import type { PickedFile } from '../../store/import-batches';

/** The extensions the file picker offers; anything else dropped still reaches the core, which says why it refuses. */
export const ACCEPT = Object.values(DOC_EXTENSIONS)
  .flat()
  .map((ext) => `.${ext}`)
  .join(',');

const EXTENSIONS = new Set(Object.values(DOC_EXTENSIONS).flat());

/**
 * From a chosen folder: the documents, and the files in formats we do not import (told in the
 * summary, never dropped silently); hidden files and folders (.git, .DS_Store) are left out.
 */
export function folderDocuments(files: File[]): { documents: PickedFile[]; skipped: string[] } {
  const visible = files
    .filter((f) => !(f.webkitRelativePath || f.name).split('/').some((part) => part.startsWith('.')))
    .sort((a, b) => a.webkitRelativePath.localeCompare(b.webkitRelativePath));
  const supported = (f: File) => EXTENSIONS.has(f.name.slice(f.name.lastIndexOf('.') + 1).toLowerCase());
  return {
    documents: visible.filter(supported).map((file) => ({ name: file.name, file })),
    skipped: visible.filter((f) => !supported(f)).map((f) => f.webkitRelativePath || f.name),
  };
}

/** "Choose files…", "Choose folder…" (the browser's folder picker) and, in the desktop app, "Import folder…" (native dialog). */
export function ImportControls({ size = 'normal' }: { size?: 'normal' | 'large' }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const importFiles = useAppStore((s) => s.importFiles);
  const importWithDialog = useAppStore((s) => s.importWithDialog);
  const busy = useAppStore((s) => s.importRun !== null);
  const desktop = useAppStore((s) => s.info?.shell === 'electron');

  useEffect(() => {
    // React does not know the (non-standard, universally supported) directory attribute.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, [desktop]);

  return (
    <div className={`import-controls import-controls-${size}`}>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('import.filesLabel')}
        data-import="files"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = '';
          void importFiles(files.map((file) => ({ name: file.name, file })));
        }}
      />
      <button type="button" className="button-primary" disabled={busy} onClick={() => input.current?.click()}>
        {t('import.files')}
      </button>
      {desktop ? (
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void importWithDialog(true)}>
          {t('import.folderDialog')}
        </button>
      ) : (
        <>
          <input
            ref={folderInput}
            type="file"
            multiple
            className="visually-hidden"
            tabIndex={-1}
            aria-label={t('import.folderLabel')}
            data-import="folder"
            onChange={(event) => {
              const files = Array.from(event.currentTarget.files ?? []);
              event.currentTarget.value = '';
              const { documents, skipped } = folderDocuments(files);
              void importFiles(documents, skipped);
            }}
          />
          <button type="button" className="button-secondary" disabled={busy} onClick={() => folderInput.current?.click()}>
            {t('import.folder')}
          </button>
        </>
      )}
    </div>
  );
}
