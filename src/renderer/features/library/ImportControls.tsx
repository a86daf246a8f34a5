import { DOC_EXTENSIONS } from '../../../shared/model';
import { useRef } from 'react';
import { useAppStore } from '../../store';

/** The extensions the file picker offers; anything else dropped still reaches the core, which says why it refuses. */
export const ACCEPT = Object.values(DOC_EXTENSIONS)
  .flat()
  .map((ext) => `.${ext}`)
  .join(',');

/** "Choose files" (a hidden file input) and, in the desktop app, "Import folder…" through the native dialog. */
export function ImportControls({ size = 'normal' }: { size?: 'normal' | 'large' }) {
  const input = useRef<HTMLInputElement>(null);
  const importFiles = useAppStore((s) => s.importFiles);
  const importWithDialog = useAppStore((s) => s.importWithDialog);
  const busy = useAppStore((s) => s.importRun !== null);
  const desktop = useAppStore((s) => s.info?.shell === 'electron');

  return (
    <div className={`import-controls import-controls-${size}`}>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Files to import"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = '';
          void importFiles(files.map((file) => ({ name: file.name, file })));
        }}
      />
      <button type="button" className="button-primary" disabled={busy} onClick={() => input.current?.click()}>
        Choose files…
      </button>
      {desktop && (
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void importWithDialog(true)}>
          Import folder…
        </button>
      )}
    </div>
  );
}
