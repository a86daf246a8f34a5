/**
 * The selection after a click on a row's checkbox, as in file managers: a plain click
 * toggles the row; a shift-click sets every row from the anchor to the clicked one to the
 * clicked row's new state.
 */
export function clickSelection(
  selected: ReadonlySet<string>,
  order: readonly string[],
  anchor: string | null,
  target: string,
  shift: boolean,
): Set<string> {
  const next = new Set(selected);
  const select = !selected.has(target);
  const from = anchor === null ? -1 : order.indexOf(anchor);
  const to = order.indexOf(target);
  if (!shift || from < 0 || to < 0) {
    if (select) next.add(target);
    else next.delete(target);
    return next;
  }
  const [lo, hi] = from < to ? [from, to] : [to, from];
  for (let i = lo; i <= hi; i++) {
    if (select) next.add(order[i]!);
    else next.delete(order[i]!);
  }
  return next;
}
