import { useCallback, useEffect, useState } from 'react';

/**
 * A form's copy of stored settings. It follows the stored value only while the user has not
 * typed into it: an answer that arrives late (the page's own load, another window's change)
 * must not wipe what is being typed. `saving(save)` runs a save (answering null or what
 * went wrong, as SaveForm wants) and, once it succeeded, hands the form back to the stored value.
 */
export function useDraft<T>(stored: T): [T, (next: T) => void, (save: () => Promise<string | null>) => Promise<string | null>] {
  const [draft, setDraft] = useState<T>(stored);
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!edited) setDraft(stored);
  }, [stored, edited]);
  const edit = useCallback((next: T) => {
    setEdited(true);
    setDraft(next);
  }, []);
  const saving = useCallback(async (save: () => Promise<string | null>) => {
    const failure = await save();
    if (!failure) setEdited(false);
    return failure;
  }, []);
  return [draft, edit, saving];
}
