import { useContext } from 'react';
import { StoreContext, type AppStore } from '../../store';

/** The store itself, for event handlers that read state at the moment they run without re-rendering on it. */
export function useStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStoreApi outside StoreContext');
  return store;
}
