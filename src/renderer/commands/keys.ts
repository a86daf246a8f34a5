/**
 * Key combos as plain strings ("mod+shift+z", "?", "1"): what commands declare, what Settings
 * stores, and what a key press turns into. "mod" is Ctrl, or ⌘ on a Mac.
 */
export type Combo = string;

const ALIASES: Record<string, string> = { ' ': 'space', esc: 'escape', del: 'delete', cmd: 'mod', ctrl: 'mod', meta: 'mod', control: 'mod', option: 'alt' };
const MODIFIERS = ['mod', 'alt', 'shift'] as const;

/** "Ctrl+Shift+Z" → "mod+shift+z"; modifiers in one order, so equal combos compare equal. Null when empty. */
export function normalizeCombo(text: string): Combo | null {
  const raw = text.trim().toLowerCase();
  if (!raw) return null;
  // "+" alone, or a combo ending in "+" ("mod++"), names the plus key.
  const parts = raw === '+' ? ['+'] : raw.endsWith('++') ? [...raw.slice(0, -2).split('+'), '+'] : raw.split('+');
  const names = parts.map((p) => ALIASES[p] ?? p).filter(Boolean);
  const key = names.find((p) => !(MODIFIERS as readonly string[]).includes(p));
  if (!key || names.filter((p) => !(MODIFIERS as readonly string[]).includes(p)).length > 1) return null;
  return [...MODIFIERS.filter((m) => names.includes(m)), key].join('+');
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const MODIFIER_KEYS = new Set(['control', 'meta', 'alt', 'shift', 'altgraph', 'capslock', 'os']);

/**
 * The combo a key press means. Shift is part of letters and named keys ("mod+shift+z"), but not
 * of symbols it produces ("?" is "?", not "shift+/"), so layouts that need Shift for "?" still match.
 */
export function comboOf(event: KeyLike): Combo | null {
  const key = (ALIASES[event.key] ?? event.key).toLowerCase();
  if (!key || MODIFIER_KEYS.has(key) || key === 'dead' || key === 'unidentified') return null;
  const symbol = key.length === 1 && !/[a-z0-9]/.test(key);
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('mod');
  if (event.altKey) parts.push('alt');
  if (event.shiftKey && !symbol) parts.push('shift');
  parts.push(key);
  return parts.join('+');
}

const LABELS: Record<string, string> = { mod: 'Ctrl', alt: 'Alt', shift: 'Shift', escape: 'Esc', arrowup: '↑', arrowdown: '↓', arrowleft: '←', arrowright: '→', space: 'Space', delete: 'Del', enter: 'Enter' };
const MAC_LABELS: Record<string, string> = { mod: '⌘', alt: '⌥', shift: '⇧' };

/** "mod+shift+z" → "Ctrl+Shift+Z" (or "⌘⇧Z" on a Mac), for menus, the palette and the help sheet. */
export function formatCombo(combo: Combo, mac = false): string {
  const parts = combo === '+' ? ['+'] : combo.split('+').map((p, i, all) => (p === '' && i === all.length - 1 ? '+' : p)).filter(Boolean);
  const shown = parts.map((p) => (mac ? MAC_LABELS[p] : undefined) ?? LABELS[p] ?? (p.length === 1 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1)));
  return shown.join(mac ? '' : '+');
}

/** Commands that share a combo: combo → ids, only where two or more claim it. */
export function findConflicts(bindings: Readonly<Record<string, readonly Combo[]>>): Map<Combo, string[]> {
  const byCombo = new Map<Combo, string[]>();
  for (const [id, combos] of Object.entries(bindings)) {
    for (const combo of new Set(combos)) byCombo.set(combo, [...(byCombo.get(combo) ?? []), id]);
  }
  return new Map([...byCombo].filter(([, ids]) => ids.length > 1));
}
