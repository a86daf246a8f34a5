import { describe, expect, it } from 'vitest';
import { comboOf, findConflicts, formatCombo, normalizeCombo } from './keys';

const press = (key: string, mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) =>
  comboOf({ key, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, altKey: !!mods.alt, shiftKey: !!mods.shift });

describe('normalizeCombo', () => {
  it('orders modifiers and lower-cases', () => {
    expect(normalizeCombo('Shift+Ctrl+Z')).toBe('mod+shift+z');
    expect(normalizeCombo('Cmd+K')).toBe('mod+k');
    expect(normalizeCombo('?')).toBe('?');
    expect(normalizeCombo('mod++')).toBe('mod++');
  });
  it('refuses empty combos and two keys at once', () => {
    expect(normalizeCombo('  ')).toBeNull();
    expect(normalizeCombo('ctrl+shift')).toBeNull();
    expect(normalizeCombo('a+b')).toBeNull();
  });
});

describe('comboOf', () => {
  it('treats Ctrl and ⌘ alike', () => {
    expect(press('k', { ctrl: true })).toBe('mod+k');
    expect(press('k', { meta: true })).toBe('mod+k');
  });
  it('keeps Shift with letters but not with the symbols it makes', () => {
    expect(press('Z', { ctrl: true, shift: true })).toBe('mod+shift+z');
    expect(press('P', { ctrl: true, shift: true })).toBe('mod+shift+p');
    expect(press('?', { shift: true })).toBe('?');
    expect(press('/')).toBe('/');
  });
  it('names special keys and ignores lone modifiers', () => {
    expect(press('Escape')).toBe('escape');
    expect(press(' ')).toBe('space');
    expect(press('Control', { ctrl: true })).toBeNull();
    expect(press('Shift', { shift: true })).toBeNull();
  });
  it('matches what normalizeCombo makes of the same shortcut', () => {
    expect(press('F', { ctrl: true })).toBe(normalizeCombo('Ctrl+F'));
    expect(press('1')).toBe(normalizeCombo('1'));
  });
});

describe('formatCombo', () => {
  it('shows combos for people', () => {
    expect(formatCombo('mod+shift+z')).toBe('Ctrl+Shift+Z');
    expect(formatCombo('mod+k', true)).toBe('⌘K');
    expect(formatCombo('escape')).toBe('Esc');
    expect(formatCombo('?')).toBe('?');
  });
});

describe('findConflicts', () => {
  it('lists combos claimed by two commands', () => {
    const conflicts = findConflicts({ highlight: ['h'], help: ['?'], note: ['n', 'h'] });
    expect([...conflicts]).toEqual([['h', ['highlight', 'note']]]);
  });
  it('does not count a command twice for the same combo', () => {
    expect(findConflicts({ undo: ['mod+z', 'mod+z'] }).size).toBe(0);
  });
});
