import { i18n } from '../../i18n';
import { useEffect, useState } from 'react';
import { useAppStore } from '../../store';
import { collectDroppedFiles } from './collect-dropped-files';

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/** Files and folders dropped anywhere on the window are imported; returns whether a drag is over it. */
export function useFileDrop(): boolean {
  const importFiles = useAppStore((s) => s.importFiles);
  const pushAlert = useAppStore((s) => s.pushAlert);
  const [over, setOver] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every child element: count them to know when the drag left the window.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setOver(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      collectDroppedFiles(event.dataTransfer).then(
        ({ files, skipped }) => importFiles(files, skipped),
        (error: unknown) => pushAlert(i18n.t('alert.dropped'), error),
      );
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [importFiles, pushAlert]);

  return over;
}
