import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { isTyping } from './is-typing';

/**
 * Escape closes the open highlight. The reader's other keys (h, n, Ctrl+Z, Ctrl+F, 1..9, s, [ ])
 * are commands (src/renderer/commands), so Settings can rebind them.
 */
export function useReaderKeys() {
  const openAnnotation = useAppStore((s) => s.openAnnotation);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target) || event.key !== 'Escape') return;
      openAnnotation(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openAnnotation]);
}
