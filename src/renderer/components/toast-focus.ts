/** Puts focus on the newest toast's dismiss button (Alt+N): from there Enter or Escape dismisses it. */
export function focusNewestToast(): boolean {
  const buttons = document.querySelectorAll<HTMLButtonElement>('.toasts .toast-dismiss');
  const newest = buttons[buttons.length - 1];
  newest?.focus();
  return !!newest;
}
