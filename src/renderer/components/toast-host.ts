import { useSyncExternalStore } from 'react';

/**
 * Where the toasts render. A modal <dialog> makes the rest of the page inert, so while one
 * is open the toasts move into it: an error that comes up stays readable, reachable with
 * Alt+N and dismissable. Open dialogs stack; the newest holds the toasts.
 */
const hosts: HTMLElement[] = [];
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

/** A modal dialog opened: toasts go into it until the returned function is called. */
export function hostToasts(element: HTMLElement): () => void {
  hosts.push(element);
  notify();
  return () => {
    const at = hosts.lastIndexOf(element);
    if (at >= 0) hosts.splice(at, 1);
    notify();
  };
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The open modal dialog that holds the toasts, or null for the page. */
export function useToastHost(): HTMLElement | null {
  return useSyncExternalStore(subscribe, () => hosts.at(-1) ?? null);
}
