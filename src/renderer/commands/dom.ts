/** Runs fn on the element once the page shows it (after a route change renders), for up to ~1 s. */
export function whenPresent<T extends Element>(selector: string, fn: (element: T) => void, frames = 60): void {
  const element = document.querySelector<T>(selector);
  if (element) fn(element);
  else if (frames > 0) requestAnimationFrame(() => whenPresent(selector, fn, frames - 1));
}

export const go = (href: string) => {
  if (window.location.hash !== href) window.location.hash = href;
};
